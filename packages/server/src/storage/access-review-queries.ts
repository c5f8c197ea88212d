// The facts behind the org's access matrix (GET /access-review/matrix, D38), read in four statements whatever the
// org's size: its users with their teams, its teams, every contacts-scope user grant and every bucket share of the
// org (any grantee, active or not: the core filters), and its buckets. The domain builds each user's context from
// them as load-actor-context.ts would (the core keeps the facts naming the user) and decides in memory.
import { levelFromRank, type BucketShareFact, type ExportChannel, type Role, type UserGrantFact, type UserStatus } from '@tandem/core';
import { sql } from 'kysely';
import type { OrgTeam, OrgUserFacts } from './access-holder-queries.ts';
import type { Db } from './connect.ts';
import { epochMs, granteeOf } from './load-actor-context.ts';

export type OrgBucket = { id: string; name: string; ownerId: string };
export type OrgAccessFacts = { users: OrgUserFacts[]; teams: OrgTeam[]; userGrants: UserGrantFact[]; bucketShares: BucketShareFact[]; buckets: OrgBucket[] };

type SourceRow = {
  k: 'g' | 'b'; id: string; ref: string; gu: string | null; gt: string | null; level: number;
  s: number | null; e: number | null; by: string | null; at: number;
};

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

export async function loadOrgAccessFacts(db: Db, orgId: string): Promise<OrgAccessFacts> {
  const [userRows, teamRows, sourceRows, bucketRows] = await Promise.all([
    sql<{ id: string; name: string; role: Role; status: UserStatus; export_channels: string[]; team_ids: string[] }>`SELECT u.id, u.name, u.role,
        u.status, u.export_channels::text[] AS export_channels,
        COALESCE((SELECT array_agg(tm.team_id::text ORDER BY tm.team_id) FROM team_members tm WHERE tm.org_id = u.org_id AND tm.user_id = u.id), '{}'::text[]) AS team_ids
      FROM users u WHERE u.org_id = ${orgId} ORDER BY u.id`.execute(db),
    sql<OrgTeam>`SELECT t.id, t.name FROM teams t WHERE t.org_id = ${orgId}`.execute(db),
    sql<SourceRow>`SELECT 'g' AS k, g.id, g.owner_id AS ref, g.grantee_user_id AS gu, g.grantee_team_id AS gt, g.level,
        ${epochMs('g.starts_at')} AS s, ${epochMs('g.expires_at')} AS e, g.created_by AS by, ${epochMs('g.created_at')} AS at
      FROM user_grants g WHERE g.org_id = ${orgId} AND g.scope = 'contacts'
      UNION ALL
      SELECT 'b', b.id, b.bucket_id, b.grantee_user_id, b.grantee_team_id, b.level, ${epochMs('b.starts_at')}, ${epochMs('b.expires_at')},
        b.created_by, ${epochMs('b.created_at')}
      FROM bucket_shares b WHERE b.org_id = ${orgId}`.execute(db),
    sql<{ id: string; name: string; owner_id: string }>`SELECT k.id, k.name, k.owner_id FROM buckets k WHERE k.org_id = ${orgId}`.execute(db),
  ]);
  const userGrants: UserGrantFact[] = [];
  const bucketShares: BucketShareFact[] = [];
  for (const r of sourceRows.rows) {
    const provenance = {
      id: r.id, grantee: granteeOf({ grantee_user_id: r.gu, grantee_team_id: r.gt }), startsAt: num(r.s), expiresAt: num(r.e), grantedBy: r.by, grantedAt: Number(r.at),
    };
    const level = levelFromRank(Number(r.level));
    if (r.k === 'g') userGrants.push({ ...provenance, ownerId: r.ref, scope: 'contacts', level: level as UserGrantFact['level'] });
    else bucketShares.push({ ...provenance, bucketId: r.ref, level: level as BucketShareFact['level'] });
  }
  const byAge = (a: { id: string; grantedAt: number }, b: { id: string; grantedAt: number }) => a.grantedAt - b.grantedAt || (a.id < b.id ? -1 : 1);
  return {
    users: userRows.rows.map((u) => ({ id: u.id, name: u.name, role: u.role, status: u.status, exportChannels: u.export_channels as ExportChannel[], teamIds: u.team_ids })),
    teams: teamRows.rows, userGrants: userGrants.sort(byAge), bucketShares: bucketShares.sort(byAge),
    buckets: bucketRows.rows.map((b) => ({ id: b.id, name: b.name, ownerId: b.owner_id })),
  };
}
