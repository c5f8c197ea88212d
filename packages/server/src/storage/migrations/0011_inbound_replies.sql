-- Inbound replies (issue 11, item 2; spec §6.5; docs/decisions.md D28): a client's e-mail or SMS reply, received by the
-- signed webhook POST /api/v1/inbound/:orgId/:channel or by Tandem's own SMTP receiver, is appended to the history of
-- the contact it answers (contact_events, direction 'inbound', 0009), or kept here for admins when nothing matches.

-- Replays: every accepted signed delivery leaves the digest of its signature here. The same signature a second time
-- is refused (409 TANDEM_INBOUND_REPLAYED). A signature older than the tolerance (5 minutes) is refused by its
-- timestamp anyway, so rows older than that are deleted as new deliveries arrive (domain/inbound/receive-reply.ts).
CREATE TABLE inbound_deliveries (
  org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  -- sha256 of the signature header's timestamp and v1 value, hex.
  digest text NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, digest)
);
CREATE INDEX inbound_deliveries_age_idx ON inbound_deliveries (org_id, received_at);

-- The same provider message id twice appends once: a provider that re-sends a delivery with a new signature (a retry)
-- finds the row there. Outbound rows are left out: their external ids are the other helper's (the queue's) business.
CREATE UNIQUE INDEX contact_events_inbound_external_idx ON contact_events (org_id, channel, external_id)
  WHERE direction = 'inbound' AND external_id IS NOT NULL;

-- Replies that matched no contact (unknown line, unknown sender, a contact in the trash): shown to admins only
-- (GET /api/v1/inbound/unmatched), newest first in keyset pages on (received_at DESC, id DESC).
CREATE TABLE inbound_unmatched (
  org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  reason text NOT NULL CHECK (reason IN ('unknown_line', 'unknown_sender', 'contact_in_trash')),
  -- The owner the line named, when it named one.
  owner_id uuid,
  from_address text NOT NULL,
  to_address text NOT NULL,
  subject text,
  body text NOT NULL,
  external_id text,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX inbound_unmatched_page_idx ON inbound_unmatched (org_id, received_at DESC, id DESC);
CREATE UNIQUE INDEX inbound_unmatched_external_idx ON inbound_unmatched (org_id, channel, external_id) WHERE external_id IS NOT NULL;

-- Contacts by phone: each (contact, phone digits) pair, kept by triggers like contact_emails (0002), so an SMS reply
-- finds the owner's contact with that number through an index instead of reading every phone of the owner's contacts.
CREATE TABLE contact_phones (
  org_id uuid NOT NULL,
  digits text NOT NULL,
  contact_id uuid NOT NULL,
  PRIMARY KEY (org_id, digits, contact_id),
  FOREIGN KEY (org_id, contact_id) REFERENCES contacts(org_id, id) ON DELETE CASCADE
);
CREATE INDEX contact_phones_contact_idx ON contact_phones (org_id, contact_id);

INSERT INTO contact_phones (org_id, digits, contact_id)
  SELECT DISTINCT c.org_id, regexp_replace(p.phone, '[^0-9]+', '', 'g'), c.id
  FROM contacts c CROSS JOIN LATERAL unnest(c.phones) AS p(phone)
  WHERE regexp_replace(p.phone, '[^0-9]+', '', 'g') <> '';

CREATE FUNCTION contact_phones_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO contact_phones (org_id, digits, contact_id)
    SELECT DISTINCT n.org_id, regexp_replace(p.phone, '[^0-9]+', '', 'g'), n.id
    FROM new_contacts n CROSS JOIN LATERAL unnest(n.phones) AS p(phone)
    WHERE regexp_replace(p.phone, '[^0-9]+', '', 'g') <> '';
  RETURN NULL;
END $$;
CREATE TRIGGER contacts_phones_insert AFTER INSERT ON contacts
  REFERENCING NEW TABLE AS new_contacts FOR EACH STATEMENT EXECUTE FUNCTION contact_phones_after_insert();

CREATE FUNCTION contact_phones_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM contact_phones WHERE org_id = OLD.org_id AND contact_id = OLD.id;
  INSERT INTO contact_phones (org_id, digits, contact_id)
    SELECT DISTINCT NEW.org_id, regexp_replace(p.phone, '[^0-9]+', '', 'g'), NEW.id
    FROM unnest(NEW.phones) AS p(phone)
    WHERE regexp_replace(p.phone, '[^0-9]+', '', 'g') <> '';
  RETURN NULL;
END $$;
CREATE TRIGGER contacts_phones_update AFTER UPDATE OF phones ON contacts
  FOR EACH ROW WHEN (OLD.phones IS DISTINCT FROM NEW.phones) EXECUTE FUNCTION contact_phones_after_update();

-- SMS lines are compared by their digits.
CREATE INDEX users_sms_line_idx ON users (org_id, (regexp_replace(sms_line, '[^0-9]+', '', 'g'))) WHERE sms_line IS NOT NULL;
