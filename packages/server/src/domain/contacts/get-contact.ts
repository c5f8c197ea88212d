// GET /contacts/:id: any level from `profile` up, in any state the caller can reach.
import type { ActorContext } from '@tandem/core';
import { loadContactOrThrow } from './contact-guard.ts';
import { toContactView, type ContactView } from './contact-view.ts';
import type { Deps } from '../shared/deps.ts';

export async function getContact(deps: Deps, ctx: ActorContext, id: string): Promise<ContactView> {
  const { db } = deps;
  return toContactView(db, ctx, await loadContactOrThrow(db, ctx, id, 'contact.view'));
}
