// Reads shared by the team use cases. Every read names the org.
import { sql } from 'kysely';
import { AppError } from '../../errors.ts';
import type { TeamWithMembers } from '../../http/serializers/team.ts';
import type { Db } from '../../storage/connect.ts';
import { isId } from '../shared/admin-guard.ts';

export async function loadTeams(db: Db, orgId: string, teamIds?: readonly string[]): Promise<TeamWithMembers[]> {
  if (teamIds && teamIds.length === 0) return [];
  let query = db.selectFrom('teams').select(['id', 'name']).where('org_id', '=', orgId);
  if (teamIds) query = query.where('id', 'in', [...teamIds]);
  const teams = await query.orderBy(sql`lower(name)`).orderBy('id').execute();
  if (teams.length === 0) return [];
  const members = await db.selectFrom('team_members').innerJoin('users', (j) => j.onRef('users.org_id', '=', 'team_members.org_id').onRef('users.id', '=', 'team_members.user_id'))
    .select(['team_members.team_id', 'team_members.user_id']).where('team_members.org_id', '=', orgId)
    .where('team_members.team_id', 'in', teams.map((t) => t.id)).orderBy(sql`lower(users.name)`).orderBy('users.id').execute();
  return teams.map((t) => ({ ...t, memberIds: members.filter((m) => m.team_id === t.id).map((m) => m.user_id) }));
}

/** The team, or 404 for a missing, malformed or other-org id alike. */
export async function loadTeamOrThrow(db: Db, orgId: string, teamId: string): Promise<TeamWithMembers> {
  if (!isId(teamId)) throw new AppError('TANDEM_TEAM_NOT_FOUND');
  const [team] = await loadTeams(db, orgId, [teamId]);
  if (!team) throw new AppError('TANDEM_TEAM_NOT_FOUND');
  return team;
}

/** Team names are unique in an org, case-insensitively (two "Sales" teams would be indistinguishable as grantees). */
export async function ensureTeamNameFree(db: Db, orgId: string, name: string, exceptTeamId?: string): Promise<void> {
  let query = db.selectFrom('teams').select('id').where('org_id', '=', orgId).where(sql`lower(name)`, '=', name.toLowerCase());
  if (exceptTeamId) query = query.where('id', '!=', exceptTeamId);
  if (await query.executeTakeFirst()) throw new AppError('TANDEM_TEAM_NAME_TAKEN');
}

export async function replaceMembers(db: Db, orgId: string, teamId: string, memberIds: readonly string[]): Promise<void> {
  await db.deleteFrom('team_members').where('org_id', '=', orgId).where('team_id', '=', teamId).execute();
  const unique = [...new Set(memberIds)];
  if (unique.length) await db.insertInto('team_members').values(unique.map((user_id) => ({ org_id: orgId, team_id: teamId, user_id }))).execute();
}
