// GET /contacts/:id/shares: every share of the contact, active or not (the share dialog shows expired and future
// ones too), for `edit` and up and for admins (the core's `contact.listShares`).
import type { ActorContext } from '@tandem/core';
import { listContactShares, type ShareWithGrantee } from '../../storage/share-queries.ts';
import { loadContactOrThrow } from '../contacts/contact-guard.ts';
import type { Deps } from '../shared/deps.ts';

export async function listShares(deps: Deps, ctx: ActorContext, contactId: string): Promise<ShareWithGrantee[]> {
  const { db } = deps;
  const contact = await loadContactOrThrow(db, ctx, contactId, 'contact.listShares');
  return listContactShares(db, ctx.actor.orgId, contact.row.id);
}
