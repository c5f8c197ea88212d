-- Lists driven by indexes (issue 9, item 3; storage/contact-page.ts). A list page is a UNION of per-source scans,
-- each in name order and cut to the page: owners through contacts_owner_name_idx (0001), record shares and bucket
-- members from their tables. What they still lacked:

-- Bucket members: a bucket branch either reads the buckets' members (bucket_contacts_pkey) and sorts them, or, when
-- the buckets are dense, walks the name index and probes each contact's memberships. The probe named the contact and
-- then read each membership row to test its bucket; with the bucket in the index it is one index-only lookup. The
-- same index serves the list's per-row facts (which of the actor's buckets hold this contact) and the cascade.
DROP INDEX bucket_contacts_contact_idx;
CREATE INDEX bucket_contacts_contact_idx ON bucket_contacts (org_id, contact_id, bucket_id);

-- The exact e-mail search (`q` matches a name prefix or an exact e-mail). `emails @> ARRAY[q]` has no index that
-- leads with org_id (docs/decisions.md D5, D10), so an e-mail match was found by walking the whole permission-
-- filtered name index, and a name-prefix search could not use the index range either. This lookup table holds each
-- (contact, e-mail) pair as stored in contacts.emails (same strings, so the same matches), kept by triggers: no
-- writer needs to know about it.
CREATE TABLE contact_emails (
  org_id uuid NOT NULL,
  email text NOT NULL,
  contact_id uuid NOT NULL,
  PRIMARY KEY (org_id, email, contact_id),
  FOREIGN KEY (org_id, contact_id) REFERENCES contacts(org_id, id) ON DELETE CASCADE
);
CREATE INDEX contact_emails_contact_idx ON contact_emails (org_id, contact_id);

INSERT INTO contact_emails (org_id, email, contact_id)
  SELECT DISTINCT c.org_id, e.email, c.id FROM contacts c CROSS JOIN LATERAL unnest(c.emails) AS e(email);

-- Inserts come in batches (the seeder writes 5,000 contacts per statement): one statement-level trigger per batch.
CREATE FUNCTION contact_emails_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO contact_emails (org_id, email, contact_id)
    SELECT DISTINCT n.org_id, e.email, n.id FROM new_contacts n CROSS JOIN LATERAL unnest(n.emails) AS e(email);
  RETURN NULL;
END $$;
CREATE TRIGGER contacts_emails_insert AFTER INSERT ON contacts
  REFERENCING NEW TABLE AS new_contacts FOR EACH STATEMENT EXECUTE FUNCTION contact_emails_after_insert();

-- An edit that changes the e-mails replaces the contact's pairs (a reassignment or an archive does not fire it).
CREATE FUNCTION contact_emails_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM contact_emails WHERE org_id = OLD.org_id AND contact_id = OLD.id;
  INSERT INTO contact_emails (org_id, email, contact_id)
    SELECT DISTINCT NEW.org_id, e.email, NEW.id FROM unnest(NEW.emails) AS e(email);
  RETURN NULL;
END $$;
CREATE TRIGGER contacts_emails_update AFTER UPDATE OF emails ON contacts
  FOR EACH ROW WHEN (OLD.emails IS DISTINCT FROM NEW.emails) EXECUTE FUNCTION contact_emails_after_update();
