// DELETE /contacts/:id moves a contact to the trash; POST /contacts/:id/restore takes it out (spec §6.3). Delete
// follows the archive rule; restore is for the owner and admins, on trashed contacts only (409 otherwise). A
// restored contact returns to the state it had (archived or active). A contact stays restorable until it is
// purged, by the purge job after 30 days or by POST /purge. Both are audited with before and after. Both lock the
// contact's row before judging it: of racing requests one succeeds, the others answer as they would a moment later.
import type { ActorContext } from '@tandem/core';
import { lockContactRow, setContactTrashedAt } from '../../storage/contact-writes.ts';
import { auditContactChange, contactSnapshot } from './contact-audit.ts';
import { loadContactOrThrow } from './contact-guard.ts';
import { toContactView, type ContactView } from './contact-view.ts';
import type { Deps } from '../shared/deps.ts';

export async function trashContact(deps: Deps, ctx: ActorContext, id: string): Promise<void> {
  const { db } = deps;
  await db.transaction().execute(async (trx) => {
    await lockContactRow(trx, ctx.actor.orgId, id);
    const contact = await loadContactOrThrow(trx, ctx, id, 'contact.delete');
    await setContactTrashedAt(trx, ctx.actor.orgId, contact.row.id, ctx.now, ctx.now);
    const after = contactSnapshot({ ...contact.row, trashed_at: new Date(ctx.now) });
    await auditContactChange(trx, ctx, 'contact.delete', contact.row.id, contactSnapshot(contact.row), after);
  });
}

export async function restoreContact(deps: Deps, ctx: ActorContext, id: string): Promise<ContactView> {
  const { db } = deps;
  return db.transaction().execute(async (trx) => {
    await lockContactRow(trx, ctx.actor.orgId, id);
    const contact = await loadContactOrThrow(trx, ctx, id, 'contact.restore');
    await setContactTrashedAt(trx, ctx.actor.orgId, contact.row.id, null, ctx.now);
    const after = await loadContactOrThrow(trx, ctx, contact.row.id, 'contact.view');
    await auditContactChange(trx, ctx, 'contact.restore', contact.row.id, contactSnapshot(contact.row), contactSnapshot(after.row));
    return toContactView(trx, ctx, after);
  });
}
