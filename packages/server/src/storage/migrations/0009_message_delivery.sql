-- Messages really delivered, and replies coming back (issue 11, items 1 and 2; spec §6.5). A message is still one
-- row of contact_events; these columns carry its delivery. The sending itself runs on the durable job queue
-- (docs/decisions.md D27), which names the row it delivers; the row is what the history shows.
--
-- direction: 'outbound' for what a user sent on the owner's behalf, 'inbound' for a client's reply; null for notes
--   and calls.
-- status: 'queued' until the queue has handed the message to the provider, then 'sent', or 'failed' with `error`
--   (after the last retry, or when the sender's `collaborate` was gone when the job ran). Null for notes, calls,
--   inbound messages, and messages logged before delivery existed (they were never delivered: the history says so).
-- from_address / to_address: the addresses on the wire (an e-mail address or an E.164 number).
-- external_id: the provider's id of the sent message (the SMTP Message-ID, the SMS provider's sid), or of the
--   received one; a retry reuses the Message-ID, so a receiver can drop a duplicate.
-- sent_by: null for an inbound message (no user sent it).
ALTER TABLE contact_events
  ADD COLUMN direction text CHECK (direction IN ('outbound', 'inbound')),
  ADD COLUMN subject text,
  ADD COLUMN status text CHECK (status IN ('queued', 'sent', 'failed')),
  ADD COLUMN error text,
  ADD COLUMN from_address text,
  ADD COLUMN to_address text,
  ADD COLUMN external_id text,
  ADD COLUMN attempts integer NOT NULL DEFAULT 0,
  ADD COLUMN sent_at timestamptz,
  ALTER COLUMN sent_by DROP NOT NULL;

UPDATE contact_events SET direction = 'outbound' WHERE kind = 'message';
-- Only messages carry a channel, a direction or a delivery.
ALTER TABLE contact_events
  ADD CONSTRAINT contact_events_channel_check CHECK (kind <> 'message' OR channel IN ('email', 'sms')) NOT VALID,
  ADD CONSTRAINT contact_events_message_check CHECK ((kind = 'message') = (direction IS NOT NULL)),
  ADD CONSTRAINT contact_events_sender_check CHECK (sent_by IS NOT NULL OR direction = 'inbound');

-- The org's secret for signed inbound webhooks (HMAC-SHA256), made by the application when the org is created or
-- first read without one; and the domain its e-mail is sent from (null: each owner's own address).
ALTER TABLE orgs
  ADD COLUMN inbound_secret text,
  ADD COLUMN sending_domain text;

-- A user's SMS line: the number clients text and see messages come from (E.164). Null: no SMS line; sending an SMS
-- on this user's behalf then uses the org's default line from configuration.
ALTER TABLE users
  ADD COLUMN sms_line text;
