// DELETE /grants/:id (admin): the grant stops giving access on the very next request. Audited as `grant.revoke`.
import type { ActorContext } from '@tandem/core';
import { serializeGrant } from '../../http/serializers/grant.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { lockOrgAsAdmin, requireAdminOrThrow } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { loadGrantOrThrow } from './grant-guard.ts';

export async function revokeGrant(deps: Deps, ctx: ActorContext, grantId: string): Promise<void> {
  requireAdminOrThrow(ctx);
  const orgId = ctx.actor.orgId;
  const now = ctx.now;
  await deps.db.transaction().execute(async (trx) => {
    await lockOrgAsAdmin(trx, ctx);
    const grant = await loadGrantOrThrow(trx, orgId, grantId);
    await trx.deleteFrom('user_grants').where('org_id', '=', orgId).where('id', '=', grant.id).execute();
    await appendAudit(trx, { orgId, actorId: ctx.actor.userId, action: 'grant.revoke', targetType: 'grant', targetId: grant.id, before: serializeGrant(grant, now), after: null, at: now });
  });
}
