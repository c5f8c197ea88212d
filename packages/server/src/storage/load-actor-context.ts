// Loads everything the core needs about a caller, fresh on every request (spec §1.5: no cache outlives a change), in
// ONE statement: the user and their org's switches and teams (one row, as JSON), then one row per user grant and per
// bucket share naming them or one of their teams. The auth hook reads it together with the session
// (`loadSessionActor`), so a signed-in request costs one statement before the route runs.
// O(the caller's teams + grants + bucket shares), never O(contacts). Facts come as plain rows rather than one JSON
// aggregate: a member of five teams holds hundreds of bucket shares in CRM-N, and building that many JSON objects
// cost PostgreSQL three times what sending the rows costs both sides.
import type { ActorContext, BucketShareFact, ExportChannel, Grantee, UserGrantFact } from '@tandem/core';
import { levelFromRank } from '@tandem/core';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from './connect.ts';
import { prepared } from './prepared.ts';

export function granteeOf(row: { grantee_user_id: string | null; grantee_team_id: string | null }): Grantee {
  return row.grantee_user_id ? { userId: row.grantee_user_id } : { teamId: row.grantee_team_id as string };
}

export function ms(value: Date | string | number | null): number | null {
  return value === null ? null : new Date(value).getTime();
}

/** The caller's own row (`k = 'me'`): session (null when loaded by user), user, org switches and teams. */
export type MeJson = {
  session_id: string | null; kind: 'session' | 'api' | null; scope: 'read' | 'write' | null; expires_at: number | null; revoked: boolean | null;
  access_version: number; user_id: string; org_id: string; role: 'admin' | 'member'; status: 'active' | 'deactivated'; export_channels: string[];
  export_enabled: boolean; share_all_contacts: boolean; members_can_archive_delete_shared: boolean; team_ids: string[];
};

/**
 * One row of the statement: the caller (`me`), a user grant (`g`: ref is the owner) or a bucket share (`b`: ref is the
 * bucket). Times are whole epoch milliseconds (float8: exact, and a plain number on both drivers).
 */
export type ActorFactRow = {
  k: 'me' | 'g' | 'b'; me: MeJson | string | null; id: string | null; ref: string | null; gu: string | null; gt: string | null;
  scope: 'contacts' | 'calendar' | null; level: number | null; s: number | null; e: number | null; by: string | null; at: number | null;
};

/**
 * A timestamp as whole epoch milliseconds, cut toward the past exactly as a driver's Date cuts microseconds, and free
 * of the session's time zone (in JSON a timestamp carries the zone's offset, which for old dates in some zones has
 * seconds that `Date` cannot read). `column` is SQL text from this code, never input.
 */
export const epochMs = (column: string) => sql.raw(`floor(extract(epoch from ${column}) * 1000)::float8`);

/**
 * The statement's body after a `me` CTE (one row or none, with org_id, user_id and team_ids): the caller's row, then
 * their user grants and bucket shares, each source as two index probes (the user's partial index, the teams' one).
 */
function factRows(known: number = NOT_KNOWN): RawBuilder<unknown> {
  // Grants and bucket shares come only when the caller's cached copy is not at the org's access version.
  const stale = sql`me.access_version <> ${known}::float8`;
  const grant = (on: RawBuilder<unknown>) => sql`SELECT 'g', NULL::json, g.id, g.owner_id, g.grantee_user_id, g.grantee_team_id, g.scope::text,
      g.level, ${epochMs('g.starts_at')}, ${epochMs('g.expires_at')}, g.created_by, ${epochMs('g.created_at')}
    FROM me JOIN user_grants g ON g.org_id = me.org_id AND ${on} AND ${stale}`;
  const bucket = (on: RawBuilder<unknown>) => sql`SELECT 'b', NULL::json, b.id, b.bucket_id, b.grantee_user_id, b.grantee_team_id, NULL::text,
      b.level, ${epochMs('b.starts_at')}, ${epochMs('b.expires_at')}, b.created_by, ${epochMs('b.created_at')}
    FROM me JOIN bucket_shares b ON b.org_id = me.org_id AND ${on} AND ${stale}`;
  return sql`SELECT 'me' AS k, row_to_json(me) AS me, NULL::uuid AS id, NULL::uuid AS ref, NULL::uuid AS gu, NULL::uuid AS gt,
      NULL::text AS scope, NULL::int AS level, NULL::float8 AS s, NULL::float8 AS e, NULL::uuid AS by, NULL::float8 AS at FROM me
    UNION ALL ${grant(sql`g.grantee_user_id = me.user_id`)}
    UNION ALL ${grant(sql`g.grantee_team_id = ANY(me.team_ids)`)}
    UNION ALL ${bucket(sql`b.grantee_user_id = me.user_id`)}
    UNION ALL ${bucket(sql`b.grantee_team_id = ANY(me.team_ids)`)}`;
}

/** No cached copy: every version differs from it (versions start at 1). */
const NOT_KNOWN = -1;

/** The `me` columns for the user `u` of the org `o`, with the org's access version (migration 0005). */
const ME_COLUMNS = sql`COALESCE((SELECT v.version FROM access_versions v WHERE v.org_id = u.org_id), 1)::float8 AS access_version,
    u.id AS user_id, u.org_id, u.role, u.status, u.export_channels, o.export_enabled, o.share_all_contacts,
    o.members_can_archive_delete_shared,
    COALESCE((SELECT array_agg(tm.team_id ORDER BY tm.team_id) FROM team_members tm WHERE tm.org_id = u.org_id AND tm.user_id = u.id), '{}'::uuid[]) AS team_ids`;

function parsed<T>(value: T | string): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** Oldest first, then by id: the order the rows were made in, and the same on every request. */
const byAge = (a: { id: string; grantedAt: number }, b: { id: string; grantedAt: number }) =>
  a.grantedAt - b.grantedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A caller's grants and bucket shares as read at an org's access version. */
export type KeptFacts = { version: number; userGrants: readonly UserGrantFact[]; bucketShares: readonly BucketShareFact[] };

/**
 * The caller's row and the context the core decides from, out of the rows of one statement here. `kept` stands in
 * for the grant and bucket-share rows when it is at the version the statement read (which then sent none).
 */
export function actorContextOf(rows: readonly ActorFactRow[], now: number, kept?: KeptFacts): { me: MeJson; ctx: ActorContext; facts: KeptFacts } | undefined {
  const first = rows.find((r) => r.k === 'me');
  if (!first?.me) return undefined;
  const me = parsed(first.me);
  const facts = kept && kept.version === me.access_version ? kept : factsOf(rows, me.access_version);
  return {
    me,
    facts,
    ctx: {
      actor: {
        userId: me.user_id, orgId: me.org_id, role: me.role, status: me.status, teamIds: me.team_ids,
        exportChannels: me.export_channels as ExportChannel[],
      },
      settings: {
        exportEnabled: me.export_enabled, shareAllContacts: me.share_all_contacts,
        membersCanArchiveDeleteShared: me.members_can_archive_delete_shared,
      },
      userGrants: facts.userGrants,
      bucketShares: facts.bucketShares,
      now,
    },
  };
}

function factsOf(rows: readonly ActorFactRow[], version: number): KeptFacts {
  const userGrants: UserGrantFact[] = [];
  const bucketShares: BucketShareFact[] = [];
  for (const r of rows) {
    if (r.k === 'me') continue;
    const grantee = granteeOf({ grantee_user_id: r.gu, grantee_team_id: r.gt });
    const window = { startsAt: r.s === null ? null : Number(r.s), expiresAt: r.e === null ? null : Number(r.e), grantedBy: r.by, grantedAt: Number(r.at) };
    if (r.k === 'g') {
      userGrants.push({ id: r.id as string, ownerId: r.ref as string, grantee, scope: r.scope as UserGrantFact['scope'], level: levelFromRank(Number(r.level)) as UserGrantFact['level'], ...window });
    } else {
      bucketShares.push({ id: r.id as string, bucketId: r.ref as string, grantee, level: levelFromRank(Number(r.level)) as BucketShareFact['level'], ...window });
    }
  }
  // Ordered, so the same facts give the same context (and the same compiled SQL) on every request.
  userGrants.sort(byAge);
  bucketShares.sort(byAge);
  return { version, userGrants, bucketShares };
}

/** Returns null when the user does not exist in that org. One statement. */
export async function loadActorContext(db: Db, orgId: string, userId: string, now: number): Promise<ActorContext | null> {
  const result = await sql<ActorFactRow>`${prepared('actor_by_user')} WITH me AS (
      SELECT NULL::uuid AS session_id, NULL::text AS kind, NULL::text AS scope, NULL::float8 AS expires_at, NULL::boolean AS revoked, ${ME_COLUMNS}
      FROM users u JOIN orgs o ON o.id = u.org_id WHERE u.org_id = ${orgId} AND u.id = ${userId})
    ${factRows()}`.execute(db);
  return actorContextOf(result.rows, now)?.ctx ?? null;
}

/**
 * The session whose token hashes to `tokenHash` with its user's facts for the core, or undefined when no session has
 * that hash: one statement, the only one a signed-in request spends before its route. The caller judges the session
 * (revoked, expired, deactivated user, API channel).
 *
 * The session's grants and bucket shares are kept in this process (per database handle, the most recent sessions)
 * with the org's access version they were read at; the statement sends them again only when that version has moved
 * (docs/decisions.md D19). The caller's own row (role, status, teams, switches, session state) is read every time.
 */
export async function loadSessionActor(db: Db, tokenHash: string, now: number): Promise<{ me: MeJson; ctx: ActorContext } | undefined> {
  const cache = keptFactsOf(db);
  const kept = cache.get(tokenHash);
  const result = await sql<ActorFactRow>`${prepared('actor_by_token')} WITH me AS (
      SELECT s.id AS session_id, s.kind, s.scope, ${epochMs('s.expires_at')} AS expires_at, s.revoked_at IS NOT NULL AS revoked, ${ME_COLUMNS}
      FROM sessions s JOIN users u ON u.org_id = s.org_id AND u.id = s.user_id JOIN orgs o ON o.id = u.org_id
      WHERE s.token_hash = ${tokenHash})
    ${factRows(kept?.version ?? NOT_KNOWN)}`.execute(db);
  const loaded = actorContextOf(result.rows, now, kept);
  if (!loaded) {
    cache.delete(tokenHash);
    return undefined;
  }
  if (loaded.facts !== kept) keep(cache, tokenHash, loaded.facts);
  else {
    // Most recently used last: the first key is the one to drop.
    cache.delete(tokenHash);
    cache.set(tokenHash, kept);
  }
  return { me: loaded.me, ctx: loaded.ctx };
}

/** Sessions whose facts a process keeps: an admin with a hundred bucket shares is about 40 KB. */
export const KEPT_SESSIONS_MAX = 2_000;
const keptFacts = new WeakMap<Db, Map<string, KeptFacts>>();

function keptFactsOf(db: Db): Map<string, KeptFacts> {
  let cache = keptFacts.get(db);
  if (!cache) {
    cache = new Map();
    keptFacts.set(db, cache);
  }
  return cache;
}

function keep(cache: Map<string, KeptFacts>, tokenHash: string, facts: KeptFacts): void {
  cache.delete(tokenHash);
  cache.set(tokenHash, facts);
  if (cache.size > KEPT_SESSIONS_MAX) cache.delete(cache.keys().next().value as string);
}
