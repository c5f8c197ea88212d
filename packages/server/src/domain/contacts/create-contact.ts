// POST /contacts: a new contact owned by the caller, private by default (spec §1.1). Audited as `contact.create`
// with the contact's snapshot as `after`, like every other change of a contact.
import type { ActorContext } from '@tandem/core';
import { insertContact } from '../../storage/contact-writes.ts';
import { auditContactChange, contactSnapshot } from './contact-audit.ts';
import { loadContactOrThrow } from './contact-guard.ts';
import { normalizeContactInput, type ContactInput } from './contact-input.ts';
import { toContactView, type ContactView } from './contact-view.ts';
import type { Deps } from '../shared/deps.ts';

export async function createContact(deps: Deps, ctx: ActorContext, input: ContactInput): Promise<ContactView> {
  const { db } = deps;
  return db.transaction().execute(async (trx) => {
    const id = await insertContact(trx, ctx.actor.orgId, ctx.actor.userId, normalizeContactInput(input), ctx.now);
    const contact = await loadContactOrThrow(trx, ctx, id, 'contact.view');
    await auditContactChange(trx, ctx, 'contact.create', id, null, contactSnapshot(contact.row));
    return toContactView(trx, ctx, contact);
  });
}
