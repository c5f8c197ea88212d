// DELETE /teams/:id (admin). Grants, record shares and bucket shares naming the team are removed with it, in the
// same transaction, so no source points at a team that no longer exists; the one `team.delete` audit entry lists
// the team, its members and every grant and share removed with it (in full), so the change can be reconstructed.
import type { ActorContext } from '@tandem/core';
import { appendAudit } from '../audit/audit-chain.ts';
import { lockOrgAsAdmin, requireAdminOrThrow } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { loadTeamOrThrow } from './team-guard.ts';

export async function deleteTeam(deps: Deps, ctx: ActorContext, teamId: string): Promise<void> {
  requireAdminOrThrow(ctx);
  const orgId = ctx.actor.orgId;
  await deps.db.transaction().execute(async (trx) => {
    await lockOrgAsAdmin(trx, ctx);
    const team = await loadTeamOrThrow(trx, orgId, teamId);
    const userGrants = await trx.deleteFrom('user_grants').where('org_id', '=', orgId).where('grantee_team_id', '=', team.id).returningAll().execute();
    const contactShares = await trx.deleteFrom('contact_shares').where('org_id', '=', orgId).where('grantee_team_id', '=', team.id).returningAll().execute();
    const bucketShares = await trx.deleteFrom('bucket_shares').where('org_id', '=', orgId).where('grantee_team_id', '=', team.id).returningAll().execute();
    await trx.deleteFrom('teams').where('org_id', '=', orgId).where('id', '=', team.id).execute();
    await appendAudit(trx, {
      orgId, actorId: ctx.actor.userId, action: 'team.delete', targetType: 'team', targetId: team.id,
      before: { ...team, removed: { userGrants, contactShares, bucketShares } }, after: null, at: ctx.now,
    });
  });
}
