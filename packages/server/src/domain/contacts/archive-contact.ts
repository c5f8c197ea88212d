// POST /contacts/:id/archive and /unarchive (spec §6.3): the owner, admins, and `edit` holders when the team switch
// allows; unarchive follows the archive rule. Archiving an archived contact, or unarchiving one that is not
// archived, is the wrong state (409). Audited with before and after. `setArchivedLoaded` is the rule and the write
// for one contact already read in the caller's transaction: the bulk actions (bulk-contacts.ts) use it too.
import type { ActorContext } from '@tandem/core';
import type { Db } from '../../storage/connect.ts';
import type { ContactWithFacts } from '../../storage/contact-facts.ts';
import { setContactArchivedAt } from '../../storage/contact-writes.ts';
import { auditContactChange, contactSnapshot } from './contact-audit.ts';
import { assertContactAction, loadContactOrThrow, wrongState } from './contact-guard.ts';
import { toContactView, type ContactView } from './contact-view.ts';
import type { Deps } from '../shared/deps.ts';

/** Archives (or unarchives) a contact read in `trx`, or throws the refusal before writing anything. */
export async function setArchivedLoaded(trx: Db, ctx: ActorContext, contact: ContactWithFacts, archive: boolean): Promise<void> {
  assertContactAction(ctx, 'contact.archive', contact.facts);
  if (archive && contact.facts.state === 'archived') throw wrongState('This contact is already archived.');
  if (!archive && contact.facts.state !== 'archived') throw wrongState('This contact is not archived.');
  await setContactArchivedAt(trx, ctx.actor.orgId, contact.row.id, archive ? ctx.now : null, ctx.now);
  const after = { ...contact.row, archived_at: archive ? new Date(ctx.now) : null };
  await auditContactChange(trx, ctx, archive ? 'contact.archive' : 'contact.unarchive', contact.row.id, contactSnapshot(contact.row), contactSnapshot(after));
}

async function setArchived(db: Db, ctx: ActorContext, id: string, archive: boolean): Promise<ContactView> {
  return db.transaction().execute(async (trx) => {
    const contact = await loadContactOrThrow(trx, ctx, id, 'contact.archive');
    await setArchivedLoaded(trx, ctx, contact, archive);
    return toContactView(trx, ctx, await loadContactOrThrow(trx, ctx, contact.row.id, 'contact.view'));
  });
}

export const archiveContact = (deps: Deps, ctx: ActorContext, id: string) => setArchived(deps.db, ctx, id, true);
export const unarchiveContact = (deps: Deps, ctx: ActorContext, id: string) => setArchived(deps.db, ctx, id, false);
