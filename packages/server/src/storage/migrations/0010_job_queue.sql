-- The durable job queue (docs/decisions.md D27) and the SMS outbox (issue 11, item 1). The same table and the same
-- statements on PGlite and PostgreSQL.
--
-- queue_jobs: one row per job not yet finished. A job is enqueued in the transaction of the change it belongs to (a
-- message row and its delivery job commit together or not at all). A worker claims due rows with
-- `FOR UPDATE SKIP LOCKED`, setting `lease` (a fresh uuid), `locked_by` and `available_at` to the end of the lease;
-- it finishes a job (deletes it, or sets it back with a later `available_at` for a retry) only while the lease is
-- still its own, in the transaction that records the job's outcome. A worker that dies leaves its lease to expire:
-- the job is due again at `available_at` and another worker (or the restarted one) takes it.
-- attempts: claims so far (a claim counts as an attempt before the work starts, so a crash mid-send is counted).
CREATE TABLE queue_jobs (
  org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  queue text NOT NULL,
  payload jsonb NOT NULL,
  available_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL CHECK (max_attempts > 0),
  lease uuid,
  locked_by text,
  last_error text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id)
);
-- The one index that does not lead with org_id (docs/decisions.md D5, D27): a worker takes the due jobs of every org.
CREATE INDEX queue_jobs_due_idx ON queue_jobs (queue, available_at);

-- What the built-in SMS driver "sends" when no provider is configured (TANDEM_SMS_PROVIDER=outbox, the default): the
-- text as it would have gone out, one row per message (a retry writes nothing twice). The message itself shows in
-- the contact's history as sent, with `externalId` naming the outbox row.
CREATE TABLE sms_outbox (
  org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  message_id uuid NOT NULL,
  from_line text NOT NULL,
  to_number text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, message_id)
);
