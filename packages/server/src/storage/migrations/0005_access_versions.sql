-- One number per org that changes whenever a caller's permission facts may have changed (issue 9; docs/decisions.md
-- D19). The auth statement reads it beside the session; a server keeps each session's user grants and bucket shares
-- with the number they were read at and skips reading them again while the number is the same. The number moves in
-- the same transaction as the change, so a grant, revoke, team change, switch or deactivation committed on any
-- server is seen by the very next request everywhere (goal G6: no stale answer).
--
-- Kept beside orgs rather than in it: admin actions lock the org row (FOR UPDATE) while they work, and a member
-- sharing a bucket should not wait for that.
CREATE TABLE access_versions (
  org_id uuid PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
  version bigint NOT NULL DEFAULT 1
);

-- An org deleted with its rows has no version left to move (and no reader).
CREATE FUNCTION bump_access_version_for(org_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO access_versions (org_id, version)
  SELECT DISTINCT o, 2 FROM unnest(org_ids) AS o WHERE EXISTS (SELECT 1 FROM orgs WHERE orgs.id = o)
  ON CONFLICT (org_id) DO UPDATE SET version = access_versions.version + 1
$$;

-- Statement-level: a bulk insert of ten thousand bucket shares bumps each org once.
CREATE FUNCTION bump_access_version_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM bump_access_version_for(ARRAY(SELECT DISTINCT org_id FROM old_rows));
  ELSE
    PERFORM bump_access_version_for(ARRAY(SELECT DISTINCT org_id FROM new_rows));
  END IF;
  RETURN NULL;
END $$;

-- Row-level, for updates that matter only when some columns change (a user's name or password is not a fact; a
-- statement-level trigger cannot have a WHEN clause, and one with transition tables cannot name columns).
CREATE FUNCTION bump_access_version_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'orgs' THEN
    PERFORM bump_access_version_for(ARRAY[NEW.id]);
  ELSE
    PERFORM bump_access_version_for(ARRAY[NEW.org_id]);
  END IF;
  RETURN NULL;
END $$;

-- The facts a context is built from: user grants, bucket shares, team memberships, and the user's role, status and
-- export channels (the org's switches are read live with the session; see below for why they still count).
CREATE TRIGGER user_grants_access_ins AFTER INSERT ON user_grants REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_access_version_rows();
CREATE TRIGGER user_grants_access_upd AFTER UPDATE ON user_grants REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_access_version_rows();
CREATE TRIGGER user_grants_access_del AFTER DELETE ON user_grants REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_access_version_rows();
CREATE TRIGGER bucket_shares_access_ins AFTER INSERT ON bucket_shares REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_access_version_rows();
CREATE TRIGGER bucket_shares_access_upd AFTER UPDATE ON bucket_shares REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_access_version_rows();
CREATE TRIGGER bucket_shares_access_del AFTER DELETE ON bucket_shares REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_access_version_rows();
CREATE TRIGGER team_members_access_ins AFTER INSERT ON team_members REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_access_version_rows();
CREATE TRIGGER team_members_access_upd AFTER UPDATE ON team_members REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_access_version_rows();
CREATE TRIGGER team_members_access_del AFTER DELETE ON team_members REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_access_version_rows();
CREATE TRIGGER users_access_ins AFTER INSERT ON users REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_access_version_rows();
CREATE TRIGGER users_access_upd AFTER UPDATE ON users FOR EACH ROW
  WHEN ((OLD.role, OLD.status, OLD.export_channels, OLD.org_id) IS DISTINCT FROM (NEW.role, NEW.status, NEW.export_channels, NEW.org_id))
  EXECUTE FUNCTION bump_access_version_row();
CREATE TRIGGER users_access_del AFTER DELETE ON users REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_access_version_rows();

-- The switches too: today they are read live with the session, but a number that covers every fact is one rule for
-- whoever caches next.
CREATE TRIGGER orgs_access_upd AFTER UPDATE ON orgs FOR EACH ROW
  WHEN ((OLD.export_enabled, OLD.share_all_contacts, OLD.members_can_archive_delete_shared)
    IS DISTINCT FROM (NEW.export_enabled, NEW.share_all_contacts, NEW.members_can_archive_delete_shared))
  EXECUTE FUNCTION bump_access_version_row();
