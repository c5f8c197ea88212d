-- A list people can work with (issue 10, item 3; docs/decisions.md D23; docs/performance.md "Search").
--
-- Search: `q` finds any word of the name, the company, an e-mail or a part of it, phone digits and tags, accent- and
-- case-insensitive. Each contact keeps `search_text`: those fields unaccented and lower-cased, phones as their digits,
-- one space between words and one at each end (so " term" is "a word starting with term"). A trigram GIN index keyed
-- (org_id, search_text) answers `search_text LIKE '%term%'`; btree_gin lets the org lead the index (D5).
-- unaccent, pg_trgm and btree_gin are trusted extensions (PostgreSQL 13+): the database owner may create them.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- The one folding of text for search, used for the stored text and for the query (storage/contact-search.ts): accents
-- off (unaccent's rules: é → e, ß → ss, ø → o, æ → ae), runs of white space as one space, then lower case by ICU
-- (the database's own ctype may be C, which lower-cases ASCII only).
CREATE FUNCTION tandem_fold(value text) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT lower(regexp_replace(unaccent(value), '\s+', ' ', 'g') COLLATE "unicode")
$$;

CREATE FUNCTION contact_search_text(name text, company text, emails text[], phones text[], tags text[])
  RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT ' ' || btrim(tandem_fold(concat_ws(' ', name, company, array_to_string(emails, ' '), array_to_string(tags, ' '),
    (SELECT string_agg(regexp_replace(p, '[^0-9]+', '', 'g'), ' ') FROM unnest(phones) AS p)))) || ' '
$$;

-- Last activity: the time of the contact's latest history event (message, note, call), '-infinity' while it has none,
-- so "latest first" is a plain descending order with the never-contacted last.
ALTER TABLE contacts
  ADD COLUMN search_text text NOT NULL DEFAULT '',
  ADD COLUMN last_activity_at timestamptz NOT NULL DEFAULT '-infinity';
UPDATE contacts c SET
  search_text = contact_search_text(c.name, c.company, c.emails, c.phones, c.tags),
  last_activity_at = COALESCE((SELECT max(e.created_at) FROM contact_events e WHERE e.org_id = c.org_id AND e.contact_id = c.id), '-infinity');

-- Kept by triggers, so no writer (the API, the seeder, a test's world) needs to know.
CREATE FUNCTION contacts_search_text_before() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_text := contact_search_text(NEW.name, NEW.company, NEW.emails, NEW.phones, NEW.tags);
  RETURN NEW;
END $$;
CREATE TRIGGER contacts_search_text BEFORE INSERT OR UPDATE OF name, company, emails, phones, tags ON contacts
  FOR EACH ROW EXECUTE FUNCTION contacts_search_text_before();

-- History is inserted in batches by the seeder: one statement-level trigger per batch.
CREATE FUNCTION contacts_last_activity_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE contacts c SET last_activity_at = n.at
    FROM (SELECT org_id, contact_id, max(created_at) AS at FROM new_events GROUP BY org_id, contact_id) n
    WHERE c.org_id = n.org_id AND c.id = n.contact_id AND c.last_activity_at < n.at;
  RETURN NULL;
END $$;
CREATE TRIGGER contact_events_last_activity AFTER INSERT ON contact_events
  REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION contacts_last_activity_after_insert();

CREATE INDEX contacts_search_idx ON contacts USING gin (org_id, search_text gin_trgm_ops);
CREATE INDEX contacts_tags_idx ON contacts USING gin (org_id, tags);

-- A locale-aware name order: ICU's root collation (CLDR), available on PostgreSQL built with ICU and in PGlite, so
-- "Émile" sorts with the e's, before "Zoë", on both (D23). The name indexes are rebuilt with it. `sort_name` stays
-- lower(trim(name)), so names that differ only in case keep their order by id.
ALTER TABLE contacts ALTER COLUMN sort_name TYPE text COLLATE "unicode";

-- The other sorts, as index-ordered scans like the name's: the whole org (open policies, share-all) and one owner
-- (a list branch per owner, contact-page.ts), read backwards for "latest first".
CREATE INDEX contacts_created_idx ON contacts (org_id, created_at, id);
CREATE INDEX contacts_owner_created_idx ON contacts (org_id, owner_id, created_at, id);
CREATE INDEX contacts_activity_idx ON contacts (org_id, last_activity_at, id);
CREATE INDEX contacts_owner_activity_idx ON contacts (org_id, owner_id, last_activity_at, id);
