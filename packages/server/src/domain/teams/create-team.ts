// POST /teams (admin): a named set of the org's users. Members may be deactivated users (they get nothing from
// the team while deactivated). Audited as `team.create`.
import type { ActorContext } from '@tandem/core';
import type { TeamWithMembers } from '../../storage/rows.ts';
import { insertTeam, replaceTeamMembers } from '../../storage/team-queries.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { asAdmin } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { ensureUsersInOrg } from '../users/user-guard.ts';
import { teamSnapshot } from './team-audit.ts';
import { ensureTeamNameFree, loadTeamOrThrow } from './team-guard.ts';

export async function createTeam(deps: Deps, ctx: ActorContext, input: { name: string; memberIds: string[] }): Promise<TeamWithMembers> {
  const orgId = ctx.actor.orgId;
  return asAdmin(deps, ctx, async (trx) => {
    await ensureUsersInOrg(trx, orgId, input.memberIds);
    await ensureTeamNameFree(trx, orgId, input.name);
    const teamId = await insertTeam(trx, orgId, input.name, ctx.now);
    await replaceTeamMembers(trx, orgId, teamId, input.memberIds);
    const team = await loadTeamOrThrow(trx, orgId, teamId);
    await appendAudit(trx, { orgId, actorId: ctx.actor.userId, action: 'team.create', targetType: 'team', targetId: team.id, after: teamSnapshot(team), at: ctx.now });
    return team;
  });
}
