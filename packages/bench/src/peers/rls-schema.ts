// PostgreSQL row-level security written the good way, over a copy of the same CRM-N rows in schema `rls`: the
// tables and indexes Tandem has (only the columns the rules read), one permissive policy per source of access,
// SECURITY DEFINER helpers that read the caller's facts once per statement (wrapped as `(select f())` so the planner
// runs them as init plans), per-row sources as indexed EXISTS, and the caller set with SET LOCAL in a transaction, as role `bench_rls` (no BYPASSRLS).
import type pg from 'pg';
import type { Query } from '../world.ts';

export const TABLES: Record<string, { columns: string; key: string }> = {
  orgs: { columns: 'id, share_all_contacts', key: 'id' },
  users: { columns: 'org_id, id, role, status', key: 'id' },
  team_members: { columns: 'org_id, team_id, user_id', key: 'team_id, user_id' },
  contacts: { columns: 'org_id, id, owner_id, name, sort_name, search_text, archived_at, trashed_at', key: 'id' },
  contact_shares: { columns: 'org_id, id, contact_id, grantee_user_id, grantee_team_id, level, starts_at, expires_at', key: 'id' },
  user_grants: { columns: 'org_id, id, owner_id, grantee_user_id, grantee_team_id, scope, level, starts_at, expires_at', key: 'id' },
  bucket_shares: { columns: 'org_id, id, bucket_id, grantee_user_id, grantee_team_id, level, starts_at, expires_at', key: 'id' },
  bucket_contacts: { columns: 'org_id, bucket_id, contact_id', key: 'bucket_id, contact_id' },
  contact_events: { columns: 'org_id, id, contact_id, kind, created_at', key: 'id' },
};

export const DDL = `
DROP SCHEMA IF EXISTS rls CASCADE;
CREATE SCHEMA rls;
DO $$ BEGIN CREATE ROLE bench_rls NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE TABLE rls.orgs (id uuid PRIMARY KEY, share_all_contacts boolean NOT NULL);
CREATE TABLE rls.users (org_id uuid, id uuid, role text NOT NULL, status text NOT NULL, PRIMARY KEY (org_id, id));
CREATE TABLE rls.team_members (org_id uuid, team_id uuid, user_id uuid, PRIMARY KEY (org_id, team_id, user_id));
CREATE INDEX ON rls.team_members (org_id, user_id);
CREATE TABLE rls.contacts (org_id uuid, id uuid, owner_id uuid NOT NULL, name text NOT NULL, sort_name text COLLATE "unicode" NOT NULL,
  search_text text NOT NULL, archived_at timestamptz, trashed_at timestamptz, PRIMARY KEY (org_id, id));
CREATE TABLE rls.contact_shares (org_id uuid, id uuid, contact_id uuid NOT NULL, grantee_user_id uuid, grantee_team_id uuid,
  level smallint NOT NULL, starts_at timestamptz, expires_at timestamptz, PRIMARY KEY (org_id, id));
CREATE TABLE rls.user_grants (org_id uuid, id uuid, owner_id uuid NOT NULL, grantee_user_id uuid, grantee_team_id uuid,
  scope text NOT NULL, level smallint NOT NULL, starts_at timestamptz, expires_at timestamptz, PRIMARY KEY (org_id, id));
CREATE TABLE rls.bucket_shares (org_id uuid, id uuid, bucket_id uuid NOT NULL, grantee_user_id uuid, grantee_team_id uuid,
  level smallint NOT NULL, starts_at timestamptz, expires_at timestamptz, PRIMARY KEY (org_id, id));
CREATE TABLE rls.bucket_contacts (org_id uuid, bucket_id uuid, contact_id uuid, PRIMARY KEY (org_id, bucket_id, contact_id));
CREATE TABLE rls.contact_events (org_id uuid, id uuid, contact_id uuid NOT NULL, kind text NOT NULL, created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id));`;

export const INDEXES = `
CREATE INDEX ON rls.contacts (org_id, sort_name, id);
CREATE INDEX ON rls.contacts (org_id, owner_id, sort_name, id);
CREATE INDEX ON rls.contacts USING gin (org_id, search_text gin_trgm_ops);
CREATE INDEX ON rls.contact_shares (org_id, contact_id);
CREATE INDEX ON rls.contact_shares (org_id, grantee_user_id, contact_id) WHERE grantee_user_id IS NOT NULL;
CREATE INDEX ON rls.contact_shares (org_id, grantee_team_id, contact_id) WHERE grantee_team_id IS NOT NULL;
CREATE INDEX ON rls.user_grants (org_id, grantee_user_id) WHERE grantee_user_id IS NOT NULL;
CREATE INDEX ON rls.user_grants (org_id, grantee_team_id) WHERE grantee_team_id IS NOT NULL;
CREATE INDEX ON rls.bucket_shares (org_id, grantee_user_id) WHERE grantee_user_id IS NOT NULL;
CREATE INDEX ON rls.bucket_shares (org_id, grantee_team_id) WHERE grantee_team_id IS NOT NULL;
CREATE INDEX ON rls.bucket_contacts (org_id, contact_id) INCLUDE (bucket_id);
CREATE INDEX ON rls.contact_events (org_id, contact_id, created_at DESC, id DESC);
ANALYZE rls.orgs, rls.users, rls.team_members, rls.contacts, rls.contact_shares, rls.user_grants, rls.bucket_shares, rls.bucket_contacts, rls.contact_events;`;

const ACTIVE = (t: string) => `(${t}.starts_at IS NULL OR ${t}.starts_at <= now()) AND (${t}.expires_at IS NULL OR now() < ${t}.expires_at)`;
const NAMES_ME = (t: string) => `(${t}.grantee_user_id = rls.uid() OR ${t}.grantee_team_id = ANY (rls.my_teams()))`;
const HELPER = 'LANGUAGE sql STABLE SECURITY DEFINER SET search_path = rls, pg_catalog';

export const POLICIES = `
CREATE FUNCTION rls.uid() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('rls.user_id', true), '')::uuid $$;
CREATE FUNCTION rls.org() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('rls.org_id', true), '')::uuid $$;
CREATE FUNCTION rls.me_active() RETURNS boolean ${HELPER} AS $$
  SELECT EXISTS (SELECT 1 FROM users u WHERE u.org_id = rls.org() AND u.id = rls.uid() AND u.status = 'active') $$;
CREATE FUNCTION rls.is_admin() RETURNS boolean ${HELPER} AS $$
  SELECT EXISTS (SELECT 1 FROM users u WHERE u.org_id = rls.org() AND u.id = rls.uid() AND u.status = 'active' AND u.role = 'admin') $$;
CREATE FUNCTION rls.share_all() RETURNS boolean ${HELPER} AS $$
  SELECT COALESCE((SELECT o.share_all_contacts FROM orgs o WHERE o.id = rls.org()), false) AND rls.me_active() $$;
CREATE FUNCTION rls.my_teams() RETURNS uuid[] ${HELPER} AS $$
  SELECT COALESCE(array_agg(t.team_id), '{}') FROM team_members t WHERE t.org_id = rls.org() AND t.user_id = rls.uid() $$;
CREATE FUNCTION rls.granted_owners(min_level int) RETURNS uuid[] ${HELPER} AS $$
  SELECT COALESCE(array_agg(DISTINCT g.owner_id), '{}') FROM user_grants g WHERE g.org_id = rls.org() AND g.scope = 'contacts'
    AND g.level >= min_level AND ${NAMES_ME('g')} AND ${ACTIVE('g')} AND rls.me_active() $$;
CREATE FUNCTION rls.my_buckets(min_level int) RETURNS uuid[] ${HELPER} AS $$
  SELECT COALESCE(array_agg(DISTINCT s.bucket_id), '{}') FROM bucket_shares s WHERE s.org_id = rls.org()
    AND s.level >= min_level AND ${NAMES_ME('s')} AND ${ACTIVE('s')} AND rls.me_active() $$;
CREATE FUNCTION rls.in_buckets(cid uuid, buckets uuid[]) RETURNS boolean ${HELPER} AS $$
  SELECT EXISTS (SELECT 1 FROM bucket_contacts b WHERE b.org_id = rls.org() AND b.contact_id = cid AND b.bucket_id = ANY (buckets)) $$;
CREATE FUNCTION rls.shared_with_me(cid uuid, min_level int) RETURNS boolean ${HELPER} AS $$
  SELECT EXISTS (SELECT 1 FROM contact_shares s WHERE s.org_id = rls.org() AND s.contact_id = cid AND s.level >= min_level
    AND ${NAMES_ME('s')} AND ${ACTIVE('s')}) AND rls.me_active() $$;
-- History needs view: every source but admin and share-all (they give profile only), on a contact not in the trash.
CREATE FUNCTION rls.may_read(cid uuid) RETURNS boolean ${HELPER} AS $$
  SELECT EXISTS (SELECT 1 FROM contacts c WHERE c.org_id = rls.org() AND c.id = cid AND c.trashed_at IS NULL AND rls.me_active()
    AND (c.owner_id = rls.uid() OR c.owner_id = ANY (rls.granted_owners(2)) OR rls.in_buckets(c.id, rls.my_buckets(2))
      OR rls.shared_with_me(c.id, 2))) $$;

-- PostgreSQL ORs the permissive policies in descending name order: the names put the cheap tests (admin, switch,
-- owner, granted owners: init plans) before the per-row EXISTS, so a row one of them lets through never builds the
-- bucket hash (141 K rows for an admin in 47 buckets at 10 K contacts). The bucket EXISTS probes the
-- (org_id, contact_id) index row by row (OFFSET 0 keeps the planner from hashing every membership of the caller's
-- buckets, which it otherwise does for a 51-row page); the record-share EXISTS may hash (a few rows per caller).
ALTER TABLE rls.contacts ENABLE ROW LEVEL SECURITY;
CREATE POLICY org ON rls.contacts AS RESTRICTIVE FOR SELECT TO bench_rls USING (org_id = (SELECT rls.org()));
CREATE POLICY p7_owner ON rls.contacts FOR SELECT TO bench_rls USING (owner_id = (SELECT rls.uid()) AND (SELECT rls.me_active()));
CREATE POLICY p9_admin ON rls.contacts FOR SELECT TO bench_rls USING ((SELECT rls.is_admin()));
CREATE POLICY p8_share_all ON rls.contacts FOR SELECT TO bench_rls USING ((SELECT rls.share_all()) AND trashed_at IS NULL);
CREATE POLICY p6_user_grant ON rls.contacts FOR SELECT TO bench_rls USING (trashed_at IS NULL AND owner_id = ANY ((SELECT rls.granted_owners(1))::uuid[]));
CREATE POLICY p4_bucket_share ON rls.contacts FOR SELECT TO bench_rls USING (trashed_at IS NULL
  AND (SELECT cardinality(rls.my_buckets(1))) > 0 AND EXISTS (SELECT 1 FROM rls.bucket_contacts b
  WHERE b.org_id = contacts.org_id AND b.contact_id = contacts.id AND b.bucket_id = ANY ((SELECT rls.my_buckets(1))::uuid[]) OFFSET 0));
CREATE POLICY p5_record_share ON rls.contacts FOR SELECT TO bench_rls USING (trashed_at IS NULL AND (SELECT rls.me_active()) AND EXISTS (
  SELECT 1 FROM rls.contact_shares s WHERE s.org_id = contacts.org_id AND s.contact_id = contacts.id
    AND (s.grantee_user_id = (SELECT rls.uid()) OR s.grantee_team_id = ANY ((SELECT rls.my_teams())::uuid[])) AND ${ACTIVE('s')}));
ALTER TABLE rls.contact_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY org ON rls.contact_events AS RESTRICTIVE FOR SELECT TO bench_rls USING (org_id = (SELECT rls.org()));
CREATE POLICY readers ON rls.contact_events FOR SELECT TO bench_rls USING (rls.may_read(contact_id));
GRANT USAGE ON SCHEMA rls TO bench_rls;
-- The policies' EXISTS read these two join tables as the caller (so the planner may hash them for a list and probe
-- the index for a check); they carry no policy of their own here.
GRANT SELECT ON rls.contacts, rls.contact_events, rls.bucket_contacts, rls.contact_shares TO bench_rls;`;

/** Copies one table's rows of the org from `source` (PGlite or another database) into rls.<table>, 5,000 at a time. */
export async function copyRows(source: Query, target: pg.Client, table: string, orgId: string): Promise<number> {
  const { columns, key } = TABLES[table] as { columns: string; key: string };
  const orgColumn = table === 'orgs' ? 'id' : 'org_id';
  let after: unknown[] | null = null;
  let copied = 0;
  const keys = key.split(', ');
  for (;;) {
    const cursor = after ? `AND (${key}) > (${keys.map((_, i) => `$${i + 2}`).join(', ')})` : '';
    const { rows }: { rows: Record<string, unknown>[] } = await source(`SELECT ${columns} FROM ${table} WHERE ${orgColumn} = $1 ${cursor} ORDER BY ${key} LIMIT 5000`, [orgId, ...(after ?? [])]);
    if (rows.length === 0) return copied;
    await target.query(`INSERT INTO rls.${table} (${columns}) SELECT ${columns} FROM json_populate_recordset(null::rls.${table}, $1::json)`, [JSON.stringify(rows)]);
    copied += rows.length;
    const last = rows[rows.length - 1] as Record<string, unknown>;
    after = keys.map((k) => last[k]);
  }
}
