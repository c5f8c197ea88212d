// GET /contacts/:id/shares: every share of the contact, active or not (the share dialog shows expired and future
// ones too), for `edit` and up and for admins (the core's `contact.listShares`).
import type { ActorContext } from '@tandem/core';
import type { Db } from '../storage/connect.ts';
import { listContactShares, type ShareWithGrantee } from '../storage/share-queries.ts';
import { loadContactOrThrow } from './contact-guard.ts';

export async function listShares(db: Db, ctx: ActorContext, contactId: string): Promise<ShareWithGrantee[]> {
  const contact = await loadContactOrThrow(db, ctx, contactId, 'contact.listShares');
  return listContactShares(db, ctx.actor.orgId, contact.row.id);
}
