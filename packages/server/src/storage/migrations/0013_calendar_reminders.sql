-- Calendar reminders by e-mail (issue 11, item 3; docs/decisions.md D30). One row per reminder handed to the queue:
-- (item, occurrence start, minutes before it). The periodic job inserts the rows of the reminders now due with
-- ON CONFLICT DO NOTHING and enqueues one `calendar-reminder` queue job for each row it inserted, in the same
-- transaction, so a second run, a restart or a second node finds the row and enqueues nothing: the unique key is the
-- once-only guarantee. The queue job writes the outcome (`sent`, `skipped` with the reason, `failed`).
-- A deleted item takes its rows with it (its pending job then finds no item and sends nothing).
CREATE TABLE calendar_reminders_sent (
  org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  item_id uuid NOT NULL,
  occurrence_at timestamptz NOT NULL,
  minutes integer NOT NULL,
  assignee_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'skipped', 'failed')),
  reason text,
  created_at timestamptz NOT NULL,
  finished_at timestamptz,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, item_id, occurrence_at, minutes),
  FOREIGN KEY (org_id, item_id) REFERENCES calendar_items(org_id, id) ON DELETE CASCADE
);
-- The periodic job looks across every org (as the queue's due index, D27): open items with reminders by their start,
-- and series with reminders by the end of their last occurrence.
CREATE INDEX calendar_items_reminder_idx ON calendar_items (range_start) WHERE reminder_minutes <> '{}' AND done_at IS NULL AND recurrence IS NULL;
CREATE INDEX calendar_items_reminder_series_idx ON calendar_items (range_end) WHERE reminder_minutes <> '{}' AND recurrence IS NOT NULL;
