// POST /contacts: a new contact owned by the caller, private by default (spec §1.1).
import type { ActorContext } from '@tandem/core';
import { insertContact } from '../../storage/contact-writes.ts';
import { loadContactOrThrow } from './contact-guard.ts';
import { normalizeContactInput, type ContactInput } from './contact-input.ts';
import { toContactView, type ContactView } from './contact-view.ts';
import type { Deps } from '../shared/deps.ts';

export async function createContact(deps: Deps, ctx: ActorContext, input: ContactInput): Promise<ContactView> {
  const { db } = deps;
  return db.transaction().execute(async (trx) => {
    const id = await insertContact(trx, ctx.actor.orgId, ctx.actor.userId, normalizeContactInput(input), ctx.now);
    return toContactView(trx, ctx, await loadContactOrThrow(trx, ctx, id, 'contact.view'));
  });
}
