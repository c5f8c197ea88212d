// Reads and writes of teams and their members. Every query names the org.
import { sql, type Selectable } from 'kysely';
import type { Db } from './connect.ts';
import { isUuid } from './ids.ts';
import type { TeamWithMembers } from './rows.ts';
import type { BucketSharesTable, ContactSharesTable, UserGrantsTable } from './schema.ts';

/** The org's teams (or those of `teamIds`; malformed ids name none), by name, each with its members by name. */
export async function loadTeams(db: Db, orgId: string, teamIds?: readonly string[]): Promise<TeamWithMembers[]> {
  const wanted = teamIds?.filter(isUuid);
  if (wanted && wanted.length === 0) return [];
  let query = db.selectFrom('teams').select(['id', 'name']).where('org_id', '=', orgId);
  if (wanted) query = query.where('id', 'in', wanted);
  const teams = await query.orderBy(sql`lower(name)`).orderBy('id').execute();
  if (teams.length === 0) return [];
  const members = await db.selectFrom('team_members').innerJoin('users', (j) => j.onRef('users.org_id', '=', 'team_members.org_id').onRef('users.id', '=', 'team_members.user_id'))
    .select(['team_members.team_id', 'team_members.user_id']).where('team_members.org_id', '=', orgId)
    .where('team_members.team_id', 'in', teams.map((t) => t.id)).orderBy(sql`lower(users.name)`).orderBy('users.id').execute();
  return teams.map((t) => ({ ...t, memberIds: members.filter((m) => m.team_id === t.id).map((m) => m.user_id) }));
}

/** The team; null for a missing, malformed or other-org id alike. */
export async function loadTeam(db: Db, orgId: string, teamId: string): Promise<TeamWithMembers | null> {
  const [team] = await loadTeams(db, orgId, [teamId]);
  return team ?? null;
}

/** Whether another team of the org has this name, case-insensitively. */
export async function isTeamNameTaken(db: Db, orgId: string, name: string, exceptTeamId?: string): Promise<boolean> {
  let query = db.selectFrom('teams').select('id').where('org_id', '=', orgId).where(sql`lower(name)`, '=', name.toLowerCase());
  if (exceptTeamId) query = query.where('id', '!=', exceptTeamId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function insertTeam(trx: Db, orgId: string, name: string, now: number): Promise<string> {
  const row = await trx.insertInto('teams').values({ org_id: orgId, name, created_at: new Date(now) }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function renameTeam(trx: Db, orgId: string, teamId: string, name: string): Promise<void> {
  await trx.updateTable('teams').set({ name }).where('org_id', '=', orgId).where('id', '=', teamId).execute();
}

export async function replaceTeamMembers(trx: Db, orgId: string, teamId: string, memberIds: readonly string[]): Promise<void> {
  await trx.deleteFrom('team_members').where('org_id', '=', orgId).where('team_id', '=', teamId).execute();
  const unique = [...new Set(memberIds)];
  if (unique.length) await trx.insertInto('team_members').values(unique.map((user_id) => ({ org_id: orgId, team_id: teamId, user_id }))).execute();
}

/** The sources that named a deleted team, whole rows. */
export type TeamSources = {
  userGrants: Selectable<UserGrantsTable>[];
  contactShares: Selectable<ContactSharesTable>[];
  bucketShares: Selectable<BucketSharesTable>[];
};

/** Deletes the team with its members and every grant and share naming it; answers the grants and shares removed. */
export async function deleteTeamWithSources(trx: Db, orgId: string, teamId: string): Promise<TeamSources> {
  const userGrants = await trx.deleteFrom('user_grants').where('org_id', '=', orgId).where('grantee_team_id', '=', teamId).returningAll().execute();
  const contactShares = await trx.deleteFrom('contact_shares').where('org_id', '=', orgId).where('grantee_team_id', '=', teamId).returningAll().execute();
  const bucketShares = await trx.deleteFrom('bucket_shares').where('org_id', '=', orgId).where('grantee_team_id', '=', teamId).returningAll().execute();
  await trx.deleteFrom('teams').where('org_id', '=', orgId).where('id', '=', teamId).execute();
  return { userGrants, contactShares, bucketShares };
}
