-- Sync channels (spec §9 `mailchimp_sync`, `google_contacts_sync`; issue 13 item 2; docs/decisions.md D39).
-- Each user connects their own account at a provider: a sync pushes the contacts that user sees at `view`, so it is
-- theirs, as an export is. Credentials are stored encrypted (AES-256-GCM with the server's key; domain/sync/
-- secret-box.ts): `credentials` holds the sealed text, never a readable secret. `settings` holds what is not secret
-- (Mailchimp's audience id and data centre, the status given to new members; Google's account label).
CREATE TABLE integrations (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL,
  provider text NOT NULL CHECK (provider IN ('mailchimp', 'google_contacts')),
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  credentials text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, user_id, provider),
  FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id)
);

-- One run of a sync: queued, running, then succeeded, failed or stopped (the channel was blocked, the switch turned
-- off or the user deactivated mid-run: `stop_reason`). A run walks the user's visible contacts in id order in
-- chunks; `cursor` is the list key (storage/contact-queries.ts Cursor) of the last contact pushed, so a run that resumes (a retry, a restart) goes on from there.
-- `total` is counted when the run starts (a progress bar's end); the other counts grow chunk by chunk.
-- At most one queued or running run per integration (the partial unique index).
CREATE TABLE sync_runs (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  integration_id uuid NOT NULL,
  user_id uuid NOT NULL,
  provider text NOT NULL,
  status text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'stopped')),
  stop_reason text,
  error text,
  total integer,
  processed integer NOT NULL DEFAULT 0,
  created integer NOT NULL DEFAULT 0,
  updated integer NOT NULL DEFAULT 0,
  unchanged integer NOT NULL DEFAULT 0,
  skipped integer NOT NULL DEFAULT 0,
  failed integer NOT NULL DEFAULT 0,
  attempts integer NOT NULL DEFAULT 0,
  cursor jsonb,
  created_at timestamptz NOT NULL,
  started_at timestamptz,
  finished_at timestamptz,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, integration_id) REFERENCES integrations(org_id, id) ON DELETE CASCADE
);
CREATE INDEX sync_runs_integration_idx ON sync_runs (org_id, integration_id, created_at DESC);
CREATE UNIQUE INDEX sync_runs_one_active_idx ON sync_runs (org_id, integration_id) WHERE status IN ('queued', 'running');

-- What a contact became at the provider: its remote id (Google's resourceName and etag; Mailchimp's subscriber
-- hash) and a hash of the fields last pushed, so a re-run sends nothing for an unchanged contact and never creates
-- a second remote record (idempotent re-runs). A purged contact, or a disconnected integration, takes its links.
CREATE TABLE sync_links (
  org_id uuid NOT NULL,
  integration_id uuid NOT NULL,
  contact_id uuid NOT NULL,
  remote_id text NOT NULL,
  remote_version text,
  content_hash text NOT NULL,
  synced_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, integration_id, contact_id),
  FOREIGN KEY (org_id, integration_id) REFERENCES integrations(org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, contact_id) REFERENCES contacts(org_id, id) ON DELETE CASCADE
);
