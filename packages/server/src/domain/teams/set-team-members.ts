// PUT /teams/:id/members (admin): replaces the member list. Takes effect on the very next request of each member
// (facts are loaded per request). Audited as `team.members.change` with the lists before and after.
import type { ActorContext } from '@tandem/core';
import type { TeamWithMembers } from '../../storage/rows.ts';
import { replaceTeamMembers } from '../../storage/team-queries.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { asAdmin } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { ensureUsersInOrg } from '../users/user-guard.ts';
import { loadTeamOrThrow } from './team-guard.ts';

export async function setTeamMembers(deps: Deps, ctx: ActorContext, teamId: string, memberIds: string[]): Promise<TeamWithMembers> {
  const orgId = ctx.actor.orgId;
  return asAdmin(deps, ctx, async (trx) => {
    const before = await loadTeamOrThrow(trx, orgId, teamId);
    await ensureUsersInOrg(trx, orgId, memberIds);
    await replaceTeamMembers(trx, orgId, before.id, memberIds);
    const after = await loadTeamOrThrow(trx, orgId, before.id);
    const same = [...before.memberIds].sort().join() === [...after.memberIds].sort().join();
    if (!same) {
      await appendAudit(trx, {
        orgId, actorId: ctx.actor.userId, action: 'team.members.change', targetType: 'team', targetId: before.id,
        before: { memberIds: before.memberIds }, after: { memberIds: after.memberIds }, at: ctx.now,
      });
    }
    return after;
  });
}
