// POST /contacts/:id/reassign {ownerId} (spec §6.4), decided by @tandem/core's decideReassign: the caller must be
// able to act for the current owner (be them, hold an `edit` user grant on them, or be an admin) and for the new
// one likewise. The new owner must be an active user of the org: missing → 404, deactivated → 409. Reassigning
// to the current owner changes nothing and logs nothing. The old owner keeps no access unless another source
// gives it; shares and bucket memberships stay as they are. Audited with before and after.
import { decideReassign, type ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { setContactOwner } from '../../storage/contact-writes.ts';
import { loadUserBrief } from '../../storage/share-queries.ts';
import { auditContactChange, contactSnapshot } from './contact-audit.ts';
import { assertContactAction, loadContactOrThrow } from './contact-guard.ts';
import { toContactView, type ContactView } from './contact-view.ts';
import type { Deps } from '../shared/deps.ts';

export async function reassignContact(deps: Deps, ctx: ActorContext, id: string, ownerId: string): Promise<ContactView> {
  const { db } = deps;
  return db.transaction().execute(async (trx) => {
    const contact = await loadContactOrThrow(trx, ctx, id, 'contact.view');
    assertContactAction(ctx, 'contact.reassign', contact.facts);
    const target = await loadUserBrief(trx, ctx.actor.orgId, ownerId.toLowerCase());
    if (!target) throw new AppError('TANDEM_USER_NOT_FOUND');
    const decision = decideReassign(ctx, contact.facts, { userId: target.id, orgId: ctx.actor.orgId, status: target.status });
    if (!decision.allowed) {
      if (decision.reason === 'target_invalid') throw new AppError('TANDEM_USER_INACTIVE', 'Contacts can only be given to an active user.');
      throw new AppError('TANDEM_ACCESS_FORBIDDEN', 'You may not give contacts to this user.');
    }
    if (target.id === contact.row.owner_id) return toContactView(trx, ctx, contact);
    await setContactOwner(trx, ctx.actor.orgId, contact.row.id, target.id, ctx.now);
    const after = await loadContactOrThrow(trx, ctx, contact.row.id, 'contact.view');
    await auditContactChange(trx, ctx, 'contact.reassign', contact.row.id, contactSnapshot(contact.row), contactSnapshot(after.row));
    return toContactView(trx, ctx, after);
  });
}
