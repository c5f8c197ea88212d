// GET /contacts/:id/access/holders: every user (and team) with access to a contact, with their level and sources:
// the reverse of "why can X see this" (spec §10). Who may ask: whoever may explain anyone's access to the contact
// (`contact.explainOthers`: its owner and admins); a caller who sees the contact but may not gets 403, one who does
// not see it 404, like a missing contact. Statements: the caller's by-id read, then four for the facts, whatever
// the org's size; the decisions are @tandem/core's, in memory (access-holders.ts).
import type { ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { loadAccessHolderFacts } from '../../storage/access-holder-queries.ts';
import { assertContactAction, loadContactOrThrow } from '../contacts/contact-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { accessHoldersOf, type AccessHolders } from './access-holders.ts';

export async function listAccessHolders(deps: Deps, ctx: ActorContext, contactId: string): Promise<AccessHolders> {
  const { db } = deps;
  const contact = await loadContactOrThrow(db, ctx, contactId, 'contact.view');
  assertContactAction(ctx, 'contact.explainOthers', contact.facts);
  const facts = await loadAccessHolderFacts(db, ctx.actor.orgId, contact.row.id);
  // Purged between the two reads: as missing.
  if (!facts) throw new AppError('TANDEM_CONTACT_NOT_FOUND');
  return accessHoldersOf(facts, ctx.settings, ctx.now);
}
