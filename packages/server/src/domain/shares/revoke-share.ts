// DELETE /contacts/:id/shares/:shareId (spec §6.1): revoking follows the sharing rule (the caller must be able to
// give the share's level), and a share whose creator has lost access is the owner's or an admin's to revoke.
// Audited with the share as `before`. The share's row is locked first: of racing revocations (or a revocation
// racing a change) one wins, the others wait and then judge the share as it is, so a share is revoked, and
// audited, once; the rest answer 404 as they would have a moment later.
import type { ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { deleteContactShare, lockContactShare } from '../../storage/share-queries.ts';
import { auditContactChange } from '../contacts/contact-audit.ts';
import { loadContactOrThrow } from '../contacts/contact-guard.ts';
import { assertMayTouchShare, assertShareChange } from './share-guard.ts';
import { shareLevelOf, shareSnapshot } from './share-snapshot.ts';
import type { Deps } from '../shared/deps.ts';

export async function revokeShare(deps: Deps, ctx: ActorContext, contactId: string, shareId: string): Promise<void> {
  const { db } = deps;
  await db.transaction().execute(async (trx) => {
    const contact = await loadContactOrThrow(trx, ctx, contactId, 'contact.view');
    assertShareChange(ctx, contact, []);
    const share = await lockContactShare(trx, ctx.actor.orgId, contact.row.id, shareId.toLowerCase());
    if (!share) throw new AppError('TANDEM_SHARE_NOT_FOUND');
    assertShareChange(ctx, contact, [shareLevelOf(share.level)]);
    await assertMayTouchShare(trx, ctx, contact, share.created_by);
    if (!(await deleteContactShare(trx, ctx.actor.orgId, share.id))) throw new AppError('TANDEM_SHARE_NOT_FOUND');
    await auditContactChange(trx, ctx, 'contact.share.revoke', contact.row.id, shareSnapshot(share), null);
  });
}
