// PATCH /contacts/:id: profile fields, for `edit` and up on a live contact (trashed → 409).
import type { ActorContext } from '@tandem/core';
import { updateContactFields } from '../../storage/contact-writes.ts';
import { loadContactOrThrow } from './contact-guard.ts';
import { normalizeContactPatch, type ContactInput } from './contact-input.ts';
import { toContactView, type ContactView } from './contact-view.ts';
import type { Deps } from '../shared/deps.ts';

export async function updateContact(deps: Deps, ctx: ActorContext, id: string, patch: Partial<ContactInput>): Promise<ContactView> {
  const { db } = deps;
  return db.transaction().execute(async (trx) => {
    const contact = await loadContactOrThrow(trx, ctx, id, 'contact.edit');
    const fields = normalizeContactPatch(patch);
    if (Object.keys(fields).length > 0) await updateContactFields(trx, ctx.actor.orgId, contact.row.id, fields, ctx.now);
    return toContactView(trx, ctx, await loadContactOrThrow(trx, ctx, contact.row.id, 'contact.view'));
  });
}
