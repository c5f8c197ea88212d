-- The audit log is append-only in the database, not by convention (issue 14 item 2, docs/decisions.md D45): a
-- trigger refuses UPDATE, DELETE and TRUNCATE on audit_log. A table owner (or a superuser) can still disable the
-- trigger, so production runs migrations as the owner and the app as a role with INSERT and SELECT only
-- (docs/operations.md, "The audit log's roles").
--
-- From here on each entry's hash is an HMAC under the server's audit key (domain/audit/audit-keys.ts). The entries
-- written before keep their plain SHA-256 hashes; audit_unkeyed_heads records, once and here, the last of them per
-- org, so the verifier accepts an unkeyed hash at that seq or below only, and a chain rewritten later with plain
-- hashes (by someone without the key) is refused. The table is as append-only as the log.
CREATE TABLE audit_unkeyed_heads (
  org_id uuid PRIMARY KEY,
  seq bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_unkeyed_heads (org_id, seq, hash)
  SELECT DISTINCT ON (org_id) org_id, seq, hash FROM audit_log ORDER BY org_id, seq DESC;

CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_unkeyed_heads_append_only BEFORE UPDATE OR DELETE ON audit_unkeyed_heads
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_unkeyed_heads_no_truncate BEFORE TRUNCATE ON audit_unkeyed_heads
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
