// PATCH /teams/:id (admin): rename. Audited as `team.rename`.
import type { ActorContext } from '@tandem/core';
import type { TeamWithMembers } from '../../storage/rows.ts';
import { renameTeam as writeTeamName } from '../../storage/team-queries.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { asAdmin } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { ensureTeamNameFree, loadTeamOrThrow } from './team-guard.ts';

export async function renameTeam(deps: Deps, ctx: ActorContext, teamId: string, name: string): Promise<TeamWithMembers> {
  const orgId = ctx.actor.orgId;
  return asAdmin(deps, ctx, async (trx) => {
    const team = await loadTeamOrThrow(trx, orgId, teamId);
    if (team.name === name) return team;
    await ensureTeamNameFree(trx, orgId, name, team.id);
    await writeTeamName(trx, orgId, team.id, name);
    await appendAudit(trx, { orgId, actorId: ctx.actor.userId, action: 'team.rename', targetType: 'team', targetId: team.id, before: { name: team.name }, after: { name }, at: ctx.now });
    return { ...team, name };
  });
}
