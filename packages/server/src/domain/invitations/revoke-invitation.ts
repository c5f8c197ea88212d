// DELETE /invitations/:id (admin): the link stops working. Only an open invitation can be revoked (404 otherwise,
// as for a missing one). Audited as `invitation.revoke`.
import type { ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { revokeInvitationRow } from '../../storage/invitation-queries.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { asAdmin } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { invitationSnapshot } from './invitation-audit.ts';

export async function revokeInvitation(deps: Deps, ctx: ActorContext, invitationId: string): Promise<void> {
  const orgId = ctx.actor.orgId;
  await asAdmin(deps, ctx, async (trx) => {
    const revoked = await revokeInvitationRow(trx, orgId, invitationId.toLowerCase(), ctx.now);
    if (!revoked) throw new AppError('TANDEM_INVITATION_NOT_FOUND', 'No open invitation with this id in your organisation');
    await appendAudit(trx, {
      orgId, actorId: ctx.actor.userId, action: 'invitation.revoke', targetType: 'invitation', targetId: revoked.id,
      before: invitationSnapshot(revoked), at: ctx.now,
    });
  });
}
