// GET /contacts/:id: any level from `profile` up, in any state the caller can reach. One statement: the contact with
// its facts and its owner's name (the caller's facts came with the session).
import type { ActorContext } from '@tandem/core';
import { loadContactOrThrow } from './contact-guard.ts';
import { contactViewOf, type ContactView } from './contact-view.ts';
import type { Deps } from '../shared/deps.ts';

export async function getContact(deps: Deps, ctx: ActorContext, id: string): Promise<ContactView> {
  return contactViewOf(ctx, await loadContactOrThrow(deps.db, ctx, id, 'contact.view'));
}
