// Linking an item to a contact (creating it linked, or linking it later) needs `collaborate` on the contact (spec §7:
// `contact.createTask`): 404 when the contact is missing or invisible, 409 when the caller could link it in another
// state (a trashed contact's owner), else 403. The answers are the contact guard's, as for every contact action.
import type { ActorContext } from '@tandem/core';
import type { Db } from '../../storage/connect.ts';
import { loadContactOrThrow } from '../contacts/contact-guard.ts';

/** The contact's id (lower-case) when the caller may link an item to it. */
export async function linkableContactOrThrow(db: Db, ctx: ActorContext, contactId: string): Promise<string> {
  const contact = await loadContactOrThrow(db, ctx, contactId, 'contact.createTask');
  return contact.row.id;
}
