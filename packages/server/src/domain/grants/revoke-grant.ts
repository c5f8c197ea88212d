// DELETE /grants/:id (admin): the grant stops giving access on the very next request. Audited as `grant.revoke`.
import type { ActorContext } from '@tandem/core';
import { deleteGrant } from '../../storage/grant-queries.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { asAdmin } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { grantSnapshot } from './grant-audit.ts';
import { loadGrantOrThrow } from './grant-guard.ts';

export async function revokeGrant(deps: Deps, ctx: ActorContext, grantId: string): Promise<void> {
  const orgId = ctx.actor.orgId;
  await asAdmin(deps, ctx, async (trx) => {
    const grant = await loadGrantOrThrow(trx, orgId, grantId);
    await deleteGrant(trx, orgId, grant.id);
    await appendAudit(trx, { orgId, actorId: ctx.actor.userId, action: 'grant.revoke', targetType: 'grant', targetId: grant.id, before: grantSnapshot(grant, ctx.now), after: null, at: ctx.now });
  });
}
