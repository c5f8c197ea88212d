// PATCH /contacts/:id: profile fields, for `edit` and up on a live contact (trashed → 409). `updateLoaded` is the rule
// and the write for one contact already read in the caller's transaction: the bulk tag actions use it too.
import type { ActorContext } from '@tandem/core';
import type { Db } from '../../storage/connect.ts';
import type { ContactWithFacts } from '../../storage/contact-facts.ts';
import { updateContactFields } from '../../storage/contact-writes.ts';
import { assertContactAction, loadContactOrThrow } from './contact-guard.ts';
import { normalizeContactPatch, type ContactInput } from './contact-input.ts';
import { toContactView, type ContactView } from './contact-view.ts';
import type { Deps } from '../shared/deps.ts';

/** Changes the given profile fields of a contact read in `trx`, or throws the refusal before writing anything. */
export async function updateLoaded(trx: Db, ctx: ActorContext, contact: ContactWithFacts, patch: Partial<ContactInput>): Promise<void> {
  assertContactAction(ctx, 'contact.edit', contact.facts);
  const fields = normalizeContactPatch(patch);
  if (Object.keys(fields).length > 0) await updateContactFields(trx, ctx.actor.orgId, contact.row.id, fields, ctx.now);
}

export async function updateContact(deps: Deps, ctx: ActorContext, id: string, patch: Partial<ContactInput>): Promise<ContactView> {
  const { db } = deps;
  return db.transaction().execute(async (trx) => {
    const contact = await loadContactOrThrow(trx, ctx, id, 'contact.edit');
    await updateLoaded(trx, ctx, contact, patch);
    return toContactView(trx, ctx, await loadContactOrThrow(trx, ctx, contact.row.id, 'contact.view'));
  });
}
