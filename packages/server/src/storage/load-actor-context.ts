// Loads everything the core needs about a caller, fresh on every request (spec §1.5: no cache outlives a change).
// O(the caller's teams + grants + bucket shares), never O(contacts).
import type { ActorContext, BucketShareFact, ExportChannel, Grantee, UserGrantFact } from '@tandem/core';
import { levelFromRank } from '@tandem/core';
import { sql, type SqlBool } from 'kysely';
import type { Db } from './connect.ts';

export function granteeOf(row: { grantee_user_id: string | null; grantee_team_id: string | null }): Grantee {
  return row.grantee_user_id ? { userId: row.grantee_user_id } : { teamId: row.grantee_team_id as string };
}

export function ms(value: Date | string | null): number | null {
  return value === null ? null : new Date(value).getTime();
}

type GrantRow = {
  id: string; owner_id: string; grantee_user_id: string | null; grantee_team_id: string | null;
  scope: 'contacts' | 'calendar'; level: number; starts_at: Date | null; expires_at: Date | null;
  created_by: string | null; created_at: Date;
};

export function userGrantFact(row: GrantRow): UserGrantFact {
  return {
    id: row.id, ownerId: row.owner_id, grantee: granteeOf(row), scope: row.scope,
    level: levelFromRank(row.level) as UserGrantFact['level'],
    startsAt: ms(row.starts_at), expiresAt: ms(row.expires_at), grantedBy: row.created_by, grantedAt: new Date(row.created_at).getTime(),
  };
}

/** A grantee filter: the user directly, or any of their teams. */
export function namesUserOrTeams(userId: string, teamIds: string[]) {
  return sql<SqlBool>`(grantee_user_id = ${userId} OR grantee_team_id = ANY(${teamIds}::uuid[]))`;
}

/** Returns null when the user does not exist in that org. */
export async function loadActorContext(db: Db, orgId: string, userId: string, now: number): Promise<ActorContext | null> {
  const user = await db.selectFrom('users').innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select(['users.id', 'users.org_id', 'users.role', 'users.status', 'users.export_channels',
      'orgs.export_enabled', 'orgs.share_all_contacts', 'orgs.members_can_archive_delete_shared'])
    .where('users.org_id', '=', orgId).where('users.id', '=', userId).executeTakeFirst();
  if (!user) return null;
  const teams = await db.selectFrom('team_members').select('team_id').where('org_id', '=', orgId).where('user_id', '=', userId).execute();
  const teamIds = teams.map((t) => t.team_id);
  const [grants, bucketShares] = await Promise.all([
    db.selectFrom('user_grants').selectAll().where('org_id', '=', orgId).where(namesUserOrTeams(userId, teamIds)).execute(),
    db.selectFrom('bucket_shares').selectAll().where('org_id', '=', orgId).where(namesUserOrTeams(userId, teamIds)).execute(),
  ]);
  return {
    actor: {
      userId: user.id, orgId: user.org_id, role: user.role, status: user.status, teamIds,
      exportChannels: user.export_channels as ExportChannel[],
    },
    settings: {
      exportEnabled: user.export_enabled, shareAllContacts: user.share_all_contacts,
      membersCanArchiveDeleteShared: user.members_can_archive_delete_shared,
    },
    userGrants: grants.map(userGrantFact),
    bucketShares: bucketShares.map((row): BucketShareFact => ({
      id: row.id, bucketId: row.bucket_id, grantee: granteeOf(row), level: levelFromRank(row.level) as BucketShareFact['level'],
      startsAt: ms(row.starts_at), expiresAt: ms(row.expires_at), grantedBy: row.created_by, grantedAt: new Date(row.created_at).getTime(),
    })),
    now,
  };
}
