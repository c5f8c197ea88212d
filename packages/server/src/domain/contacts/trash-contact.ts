// DELETE /contacts/:id moves a contact to the trash; POST /contacts/:id/restore takes it out (spec §6.3). Delete
// follows the archive rule; restore is for the owner and admins, on trashed contacts only (409 otherwise). A
// restored contact returns to the state it had (archived or active). A contact stays restorable until it is
// purged, by the purge job after 30 days or by POST /purge. Both are audited with before and after. Both lock the
// contact's row before judging it: of racing requests one succeeds, the others answer as they would a moment later.
// `trashLoaded` and `restoreLoaded` are the rule and the write for one contact already locked and read in the
// caller's transaction: the bulk actions (bulk-contacts.ts) use them too.
import type { ActorContext } from '@tandem/core';
import type { Db } from '../../storage/connect.ts';
import type { ContactWithFacts } from '../../storage/contact-facts.ts';
import { lockContactRow, setContactTrashedAt } from '../../storage/contact-writes.ts';
import { auditContactChange, contactSnapshot } from './contact-audit.ts';
import { assertContactAction, loadContactOrThrow } from './contact-guard.ts';
import { toContactView, type ContactView } from './contact-view.ts';
import type { Deps } from '../shared/deps.ts';

/** Moves a locked, read contact to the trash, or throws the refusal before writing anything. */
export async function trashLoaded(trx: Db, ctx: ActorContext, contact: ContactWithFacts): Promise<void> {
  assertContactAction(ctx, 'contact.delete', contact.facts);
  await setContactTrashedAt(trx, ctx.actor.orgId, contact.row.id, ctx.now, ctx.now);
  const after = contactSnapshot({ ...contact.row, trashed_at: new Date(ctx.now) });
  await auditContactChange(trx, ctx, 'contact.delete', contact.row.id, contactSnapshot(contact.row), after);
}

/** Takes a locked, read contact out of the trash, or throws the refusal before writing anything. */
export async function restoreLoaded(trx: Db, ctx: ActorContext, contact: ContactWithFacts): Promise<void> {
  assertContactAction(ctx, 'contact.restore', contact.facts);
  await setContactTrashedAt(trx, ctx.actor.orgId, contact.row.id, null, ctx.now);
  const after = contactSnapshot({ ...contact.row, trashed_at: null });
  await auditContactChange(trx, ctx, 'contact.restore', contact.row.id, contactSnapshot(contact.row), after);
}

export async function trashContact(deps: Deps, ctx: ActorContext, id: string): Promise<void> {
  const { db } = deps;
  await db.transaction().execute(async (trx) => {
    await lockContactRow(trx, ctx.actor.orgId, id);
    await trashLoaded(trx, ctx, await loadContactOrThrow(trx, ctx, id, 'contact.delete'));
  });
}

export async function restoreContact(deps: Deps, ctx: ActorContext, id: string): Promise<ContactView> {
  const { db } = deps;
  return db.transaction().execute(async (trx) => {
    await lockContactRow(trx, ctx.actor.orgId, id);
    const contact = await loadContactOrThrow(trx, ctx, id, 'contact.restore');
    await restoreLoaded(trx, ctx, contact);
    return toContactView(trx, ctx, await loadContactOrThrow(trx, ctx, contact.row.id, 'contact.view'));
  });
}
