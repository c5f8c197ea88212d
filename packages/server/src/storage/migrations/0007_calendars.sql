-- Calendars, tasks and events (spec §7; issue 11, items 3 and 4; docs/decisions.md D26). Every user has one calendar:
-- there is no calendar table, an item names the user whose calendar it sits on (`assignee_id`, the record's owner for
-- the core's `calendar_item` rules: the assignee holds `owner`, calendar grants in user_grants give `view` / `edit`).
-- Who sees which item is never written here: every read renders the compiled `calendar_item.view` policy
-- (storage/render-filter.ts, binding CALENDAR_ITEMS).
--
-- Time: `due_at` (tasks) and `starts_at` / `ends_at` (events) are what the user set. `range_start` / `range_end` are
-- kept by the application for window queries: the start (or due time) and the end of the last occurrence;
-- 'infinity' for a task without a due date (it is in no window) and for a series without COUNT or UNTIL.
-- `long_span` marks what a window cannot find by its start alone (a series, or an item over a day long): a week
-- view reads short items by start in [from - 1 day, to) and long ones by `range_end >= from`, two narrow index scans.
CREATE TABLE calendar_items (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  assignee_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('task', 'event')),
  title text NOT NULL,
  notes text,
  contact_id uuid,
  due_at timestamptz,
  starts_at timestamptz,
  ends_at timestamptz,
  all_day boolean NOT NULL DEFAULT false,
  done_at timestamptz,
  done_by uuid,
  -- An RRULE without DTSTART (FREQ=WEEKLY;BYDAY=MO), expanded from starts_at in `time_zone` (IANA name).
  recurrence text,
  time_zone text,
  -- Minutes before the start (or due time) to remind the assignee; stored now, sent by the mail work of issue 11.
  reminder_minutes integer[] NOT NULL DEFAULT '{}',
  range_start timestamptz NOT NULL,
  range_end timestamptz NOT NULL,
  long_span boolean NOT NULL DEFAULT false,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, assignee_id) REFERENCES users(org_id, id),
  -- A purged contact leaves its tasks and events on their calendars, unlinked.
  FOREIGN KEY (org_id, contact_id) REFERENCES contacts(org_id, id) ON DELETE SET NULL (contact_id),
  CHECK (range_end >= range_start),
  CHECK (kind = 'task' OR (starts_at IS NOT NULL AND ends_at IS NOT NULL AND ends_at >= starts_at AND due_at IS NULL AND done_at IS NULL)),
  CHECK (kind = 'event' OR (starts_at IS NULL AND ends_at IS NULL AND recurrence IS NULL))
);
CREATE INDEX calendar_items_start_idx ON calendar_items (org_id, assignee_id, range_start, id);
CREATE INDEX calendar_items_long_idx ON calendar_items (org_id, assignee_id, range_end) WHERE long_span;
CREATE INDEX calendar_items_contact_idx ON calendar_items (org_id, contact_id, range_start, id) WHERE contact_id IS NOT NULL;
CREATE INDEX calendar_items_open_tasks_idx ON calendar_items (org_id, assignee_id, range_start, id) WHERE kind = 'task' AND done_at IS NULL;

-- Secret iCalendar feeds: one per (holder, calendar). The holder is who asked for it; the feed is evaluated as the
-- holder at each request (their calendar access then), so it ends with their access. The URL carries 32 random bytes;
-- only their SHA-256 is kept, found before any org is known (a global index, as sessions' tokens: D5).
CREATE TABLE calendar_feeds (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  holder_id uuid NOT NULL,
  calendar_user_id uuid NOT NULL,
  token_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, holder_id, calendar_user_id),
  FOREIGN KEY (org_id, holder_id) REFERENCES users(org_id, id),
  FOREIGN KEY (org_id, calendar_user_id) REFERENCES users(org_id, id)
);
CREATE UNIQUE INDEX calendar_feeds_token_key ON calendar_feeds (token_hash);
