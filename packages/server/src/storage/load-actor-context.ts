// Loads everything the core needs about a caller, fresh on every request (spec §1.5: no cache outlives a change), in
// ONE statement: the user and their org's switches, their teams, the user grants and the bucket shares naming them
// or one of their teams, aggregated as JSON by the database. The auth hook reads it together with the session
// (`loadSessionActor`), so a signed-in request costs one statement before the route runs.
// O(the caller's teams + grants + bucket shares), never O(contacts).
import type { ActorContext, BucketShareFact, ExportChannel, Grantee, UserGrantFact } from '@tandem/core';
import { levelFromRank } from '@tandem/core';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from './connect.ts';
import { prepared } from './prepared.ts';

export function granteeOf(row: { grantee_user_id: string | null; grantee_team_id: string | null }): Grantee {
  return row.grantee_user_id ? { userId: row.grantee_user_id } : { teamId: row.grantee_team_id as string };
}

export function ms(value: Date | string | null): number | null {
  return value === null ? null : new Date(value).getTime();
}

type GrantRow = {
  id: string; owner_id: string; grantee_user_id: string | null; grantee_team_id: string | null;
  scope: 'contacts' | 'calendar'; level: number; starts_at: Date | number | null; expires_at: Date | number | null;
  created_by: string | null; created_at: Date | number;
};

/** Epoch milliseconds from a driver Date or from the whole milliseconds the statement below computes. */
function msOf(value: Date | number | null): number | null {
  if (value === null) return null;
  return typeof value === 'number' ? value : value.getTime();
}

export function userGrantFact(row: GrantRow): UserGrantFact {
  return {
    id: row.id, ownerId: row.owner_id, grantee: granteeOf(row), scope: row.scope,
    level: levelFromRank(row.level) as UserGrantFact['level'],
    startsAt: msOf(row.starts_at), expiresAt: msOf(row.expires_at), grantedBy: row.created_by, grantedAt: msOf(row.created_at) as number,
  };
}

/** A grantee filter: the user directly, or any of their teams. */
export function namesUserOrTeams(userId: string, teamIds: string[]) {
  return sql<SqlBool>`(grantee_user_id = ${userId} OR grantee_team_id = ANY(${teamIds}::uuid[]))`;
}

type BucketShareJson = {
  id: string; bucket_id: string; grantee_user_id: string | null; grantee_team_id: string | null; level: number;
  starts_at: number | null; expires_at: number | null; created_by: string | null; created_at: number;
};
/** JSON arrives parsed from node-postgres, and as text or parsed from PGlite depending on the column. */
type Json<T> = T | string;

/** The actor's columns, as both statements below select them. */
export type ActorFactsRow = {
  user_id: string; org_id: string; role: 'admin' | 'member'; status: 'active' | 'deactivated'; export_channels: string[];
  export_enabled: boolean; share_all_contacts: boolean; members_can_archive_delete_shared: boolean;
  team_ids: Json<string[]>; grants: Json<GrantRow[]>; bucket_shares: Json<BucketShareJson[]>;
};

/**
 * A timestamp as whole epoch milliseconds, cut toward the past exactly as a driver's Date cuts microseconds, and free of
 * the session's time zone (a JSON timestamp carries the zone's offset, which `Date` cannot always read).
 */
const epochMs = (column: string) => sql.raw(`floor(extract(epoch from ${column}) * 1000)::bigint`);

/**
 * The actor's facts for the user row `u` (joined to its org `o`), as the select list of one statement: teams from a
 * lateral subquery `t`, grants and bucket shares as JSON arrays filtered by the user or those teams (index-led by
 * org_id). Ordered by id so the same facts give the same context, and the same compiled SQL, on every request.
 */
function actorFactColumns(): RawBuilder<unknown> {
  return sql`u.id AS user_id, u.org_id, u.role, u.status, u.export_channels,
    o.export_enabled, o.share_all_contacts, o.members_can_archive_delete_shared,
    to_json(t.team_ids) AS team_ids,
    COALESCE((SELECT json_agg(json_build_object('id', g.id, 'owner_id', g.owner_id, 'grantee_user_id', g.grantee_user_id,
        'grantee_team_id', g.grantee_team_id, 'scope', g.scope, 'level', g.level, 'starts_at', ${epochMs('g.starts_at')},
        'expires_at', ${epochMs('g.expires_at')}, 'created_by', g.created_by, 'created_at', ${epochMs('g.created_at')}) ORDER BY g.id)
      FROM user_grants g WHERE g.org_id = u.org_id AND (g.grantee_user_id = u.id OR g.grantee_team_id = ANY(t.team_ids))), '[]'::json) AS grants,
    COALESCE((SELECT json_agg(json_build_object('id', b.id, 'bucket_id', b.bucket_id, 'grantee_user_id', b.grantee_user_id,
        'grantee_team_id', b.grantee_team_id, 'level', b.level, 'starts_at', ${epochMs('b.starts_at')},
        'expires_at', ${epochMs('b.expires_at')}, 'created_by', b.created_by, 'created_at', ${epochMs('b.created_at')}) ORDER BY b.id)
      FROM bucket_shares b WHERE b.org_id = u.org_id AND (b.grantee_user_id = u.id OR b.grantee_team_id = ANY(t.team_ids))), '[]'::json) AS bucket_shares`;
}

const TEAMS_OF_U = sql`CROSS JOIN LATERAL (SELECT COALESCE(array_agg(tm.team_id ORDER BY tm.team_id), '{}'::uuid[]) AS team_ids
    FROM team_members tm WHERE tm.org_id = u.org_id AND tm.user_id = u.id) t`;

function parsed<T>(value: Json<T>): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** The context the core decides from, out of one row of the statements here. */
export function actorContextOf(row: ActorFactsRow, now: number): ActorContext {
  return {
    actor: {
      userId: row.user_id, orgId: row.org_id, role: row.role, status: row.status, teamIds: parsed(row.team_ids),
      exportChannels: row.export_channels as ExportChannel[],
    },
    settings: {
      exportEnabled: row.export_enabled, shareAllContacts: row.share_all_contacts,
      membersCanArchiveDeleteShared: row.members_can_archive_delete_shared,
    },
    userGrants: parsed(row.grants).map(userGrantFact),
    bucketShares: parsed(row.bucket_shares).map((s): BucketShareFact => ({
      id: s.id, bucketId: s.bucket_id, grantee: granteeOf(s), level: levelFromRank(s.level) as BucketShareFact['level'],
      startsAt: s.starts_at, expiresAt: s.expires_at, grantedBy: s.created_by, grantedAt: s.created_at,
    })),
    now,
  };
}

/** Returns null when the user does not exist in that org. One statement. */
export async function loadActorContext(db: Db, orgId: string, userId: string, now: number): Promise<ActorContext | null> {
  const result = await sql<ActorFactsRow>`${prepared('actor_by_user')} SELECT ${actorFactColumns()}
    FROM users u JOIN orgs o ON o.id = u.org_id ${TEAMS_OF_U}
    WHERE u.org_id = ${orgId} AND u.id = ${userId}`.execute(db);
  const row = result.rows[0];
  return row ? actorContextOf(row, now) : null;
}

/** A session or API token row, with its user's facts (the auth hook judges it: revoked, expired, deactivated, channel). */
export type SessionRow = ActorFactsRow & {
  session_id: string; kind: 'session' | 'api'; expires_at: Date | null; revoked_at: Date | null;
};

/**
 * The session whose token hashes to `tokenHash`, with its user's facts for the core: one statement, the only one a
 * signed-in request spends before its route. Undefined when no session has that hash. The caller judges the row.
 */
export async function loadSessionActor(db: Db, tokenHash: string): Promise<SessionRow | undefined> {
  const result = await sql<SessionRow>`${prepared('actor_by_token')} SELECT s.id AS session_id, s.kind, s.expires_at, s.revoked_at,
      ${actorFactColumns()}
    FROM sessions s JOIN users u ON u.org_id = s.org_id AND u.id = s.user_id JOIN orgs o ON o.id = u.org_id ${TEAMS_OF_U}
    WHERE s.token_hash = ${tokenHash}`.execute(db);
  return result.rows[0];
}
