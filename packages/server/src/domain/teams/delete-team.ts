// DELETE /teams/:id (admin). Grants, record shares and bucket shares naming the team are removed with it, in the
// same transaction, so no source points at a team that no longer exists; the one `team.delete` audit entry lists
// the team, its members and every grant and share removed with it (in full), so the change can be reconstructed.
import type { ActorContext } from '@tandem/core';
import { deleteTeamWithSources } from '../../storage/team-queries.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { asAdmin } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { deletedTeamSnapshot } from './team-audit.ts';
import { loadTeamOrThrow } from './team-guard.ts';

export async function deleteTeam(deps: Deps, ctx: ActorContext, teamId: string): Promise<void> {
  const orgId = ctx.actor.orgId;
  await asAdmin(deps, ctx, async (trx) => {
    const team = await loadTeamOrThrow(trx, orgId, teamId);
    const removed = await deleteTeamWithSources(trx, orgId, team.id);
    await appendAudit(trx, {
      orgId, actorId: ctx.actor.userId, action: 'team.delete', targetType: 'team', targetId: team.id,
      before: deletedTeamSnapshot(team, removed), after: null, at: ctx.now,
    });
  });
}
