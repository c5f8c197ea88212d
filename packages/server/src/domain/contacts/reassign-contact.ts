// POST /contacts/:id/reassign {ownerId} (spec §6.4), decided by @tandem/core's decideReassign: the caller must be
// able to act for the current owner (be them, hold an `edit` user grant on them, or be an admin) and for the new
// one likewise. The new owner must be an active user of the org: missing → 404, deactivated → 409. Reassigning
// to the current owner changes nothing and logs nothing. The old owner keeps no access unless another source
// gives it; shares and bucket memberships stay as they are. Audited with before and after. `reassignLoaded` is the
// rule and the write for one contact already read in the caller's transaction: the bulk actions use it too.
import { decideReassign, type ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import type { Db } from '../../storage/connect.ts';
import type { ContactWithFacts } from '../../storage/contact-facts.ts';
import { setContactOwner } from '../../storage/contact-writes.ts';
import { loadUserBrief, type UserBrief } from '../../storage/share-queries.ts';
import { auditContactChange, contactSnapshot } from './contact-audit.ts';
import { assertContactAction, loadContactOrThrow } from './contact-guard.ts';
import { toContactView, type ContactView } from './contact-view.ts';
import type { Deps } from '../shared/deps.ts';

/** The new owner named by a request: a user of the caller's org (404 otherwise). */
export async function reassignTargetOrThrow(db: Db, ctx: ActorContext, ownerId: string): Promise<UserBrief> {
  const target = await loadUserBrief(db, ctx.actor.orgId, ownerId.toLowerCase());
  if (!target) throw new AppError('TANDEM_USER_NOT_FOUND');
  return target;
}

/**
 * Gives a contact read in `trx` to `target`, or throws the refusal before writing anything. False when the target
 * already owns it (nothing changes, nothing is logged).
 */
export async function reassignLoaded(trx: Db, ctx: ActorContext, contact: ContactWithFacts, target: UserBrief): Promise<boolean> {
  assertContactAction(ctx, 'contact.reassign', contact.facts);
  const decision = decideReassign(ctx, contact.facts, { userId: target.id, orgId: ctx.actor.orgId, status: target.status });
  if (!decision.allowed) {
    if (decision.reason === 'target_invalid') throw new AppError('TANDEM_USER_INACTIVE', 'Contacts can only be given to an active user.');
    throw new AppError('TANDEM_ACCESS_FORBIDDEN', 'You may not give contacts to this user.');
  }
  if (target.id === contact.row.owner_id) return false;
  await setContactOwner(trx, ctx.actor.orgId, contact.row.id, target.id, ctx.now);
  const after = { ...contact.row, owner_id: target.id };
  await auditContactChange(trx, ctx, 'contact.reassign', contact.row.id, contactSnapshot(contact.row), contactSnapshot(after));
  return true;
}

export async function reassignContact(deps: Deps, ctx: ActorContext, id: string, ownerId: string): Promise<ContactView> {
  const { db } = deps;
  return db.transaction().execute(async (trx) => {
    const contact = await loadContactOrThrow(trx, ctx, id, 'contact.view');
    assertContactAction(ctx, 'contact.reassign', contact.facts);
    const target = await reassignTargetOrThrow(trx, ctx, ownerId);
    if (!(await reassignLoaded(trx, ctx, contact, target))) return toContactView(trx, ctx, contact);
    return toContactView(trx, ctx, await loadContactOrThrow(trx, ctx, contact.row.id, 'contact.view'));
  });
}
