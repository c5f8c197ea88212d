// PATCH /teams/:id (admin): rename. Audited as `team.rename`.
import type { ActorContext } from '@tandem/core';
import type { TeamWithMembers } from '../../http/serializers/team.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { lockOrgAsAdmin, requireAdminOrThrow } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { ensureTeamNameFree, loadTeamOrThrow } from './team-guard.ts';

export async function renameTeam(deps: Deps, ctx: ActorContext, teamId: string, name: string): Promise<TeamWithMembers> {
  requireAdminOrThrow(ctx);
  const orgId = ctx.actor.orgId;
  return deps.db.transaction().execute(async (trx) => {
    await lockOrgAsAdmin(trx, ctx);
    const team = await loadTeamOrThrow(trx, orgId, teamId);
    if (team.name === name) return team;
    await ensureTeamNameFree(trx, orgId, name, team.id);
    await trx.updateTable('teams').set({ name }).where('org_id', '=', orgId).where('id', '=', team.id).execute();
    await appendAudit(trx, { orgId, actorId: ctx.actor.userId, action: 'team.rename', targetType: 'team', targetId: team.id, before: { name: team.name }, after: { name }, at: ctx.now });
    return { ...team, name };
  });
}
