// GET /contacts/:id: any level from `profile` up, in any state the caller can reach.
import type { ActorContext } from '@tandem/core';
import type { Db } from '../storage/connect.ts';
import { loadContactOrThrow } from './contact-guard.ts';
import { toContactView, type ContactView } from './contact-view.ts';

export async function getContact(db: Db, ctx: ActorContext, id: string): Promise<ContactView> {
  return toContactView(db, ctx, await loadContactOrThrow(db, ctx, id, 'contact.view'));
}
