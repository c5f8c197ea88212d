// POST /teams (admin): a named set of the org's users. Members may be deactivated users (they get nothing from
// the team while deactivated). Audited as `team.create`.
import type { ActorContext } from '@tandem/core';
import type { TeamWithMembers } from '../../http/serializers/team.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { lockOrgAsAdmin, requireAdminOrThrow } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { ensureTeamNameFree, loadTeamOrThrow, replaceMembers } from './team-guard.ts';
import { ensureUsersInOrg } from '../users/user-guard.ts';

export async function createTeam(deps: Deps, ctx: ActorContext, input: { name: string; memberIds: string[] }): Promise<TeamWithMembers> {
  requireAdminOrThrow(ctx);
  const orgId = ctx.actor.orgId;
  return deps.db.transaction().execute(async (trx) => {
    await lockOrgAsAdmin(trx, ctx);
    await ensureUsersInOrg(trx, orgId, input.memberIds);
    await ensureTeamNameFree(trx, orgId, input.name);
    const row = await trx.insertInto('teams').values({ org_id: orgId, name: input.name, created_at: new Date(ctx.now) })
      .returning('id').executeTakeFirstOrThrow();
    await replaceMembers(trx, orgId, row.id, input.memberIds);
    const team = await loadTeamOrThrow(trx, orgId, row.id);
    await appendAudit(trx, { orgId, actorId: ctx.actor.userId, action: 'team.create', targetType: 'team', targetId: team.id, after: team, at: ctx.now });
    return team;
  });
}
