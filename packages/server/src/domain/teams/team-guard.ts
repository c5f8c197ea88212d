// Checks shared by the team use cases: each turns a storage answer into the domain's refusal. Every read names the org.
import { AppError } from '../../errors.ts';
import type { Db } from '../../storage/connect.ts';
import type { TeamWithMembers } from '../../storage/rows.ts';
import { isTeamNameTaken, loadTeam } from '../../storage/team-queries.ts';

/** The team, or 404 for a missing, malformed or other-org id alike. */
export async function loadTeamOrThrow(db: Db, orgId: string, teamId: string): Promise<TeamWithMembers> {
  const team = await loadTeam(db, orgId, teamId);
  if (!team) throw new AppError('TANDEM_TEAM_NOT_FOUND');
  return team;
}

/** Team names are unique in an org, case-insensitively (two "Sales" teams would be indistinguishable as grantees). */
export async function ensureTeamNameFree(db: Db, orgId: string, name: string, exceptTeamId?: string): Promise<void> {
  if (await isTeamNameTaken(db, orgId, name, exceptTeamId)) throw new AppError('TANDEM_TEAM_NAME_TAKEN');
}
