// POST /contacts/:id/archive and /unarchive (spec §6.3): the owner, admins, and `edit` holders when the team switch
// allows; unarchive follows the archive rule. Archiving an archived contact, or unarchiving one that is not
// archived, is the wrong state (409). Audited with before and after.
import type { ActorContext } from '@tandem/core';
import type { Db } from '../../storage/connect.ts';
import { setContactArchivedAt } from '../../storage/contact-writes.ts';
import { auditContactChange, contactSnapshot } from './contact-audit.ts';
import { loadContactOrThrow, wrongState } from './contact-guard.ts';
import { toContactView, type ContactView } from './contact-view.ts';
import type { Deps } from '../shared/deps.ts';

async function setArchived(db: Db, ctx: ActorContext, id: string, archive: boolean): Promise<ContactView> {
  return db.transaction().execute(async (trx) => {
    const contact = await loadContactOrThrow(trx, ctx, id, 'contact.archive');
    if (archive && contact.facts.state === 'archived') throw wrongState('This contact is already archived.');
    if (!archive && contact.facts.state !== 'archived') throw wrongState('This contact is not archived.');
    await setContactArchivedAt(trx, ctx.actor.orgId, contact.row.id, archive ? ctx.now : null, ctx.now);
    const after = await loadContactOrThrow(trx, ctx, contact.row.id, 'contact.view');
    await auditContactChange(trx, ctx, archive ? 'contact.archive' : 'contact.unarchive', contact.row.id, contactSnapshot(contact.row), contactSnapshot(after.row));
    return toContactView(trx, ctx, after);
  });
}

export const archiveContact = (deps: Deps, ctx: ActorContext, id: string) => setArchived(deps.db, ctx, id, true);
export const unarchiveContact = (deps: Deps, ctx: ActorContext, id: string) => setArchived(deps.db, ctx, id, false);
