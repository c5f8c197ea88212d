// Purging: a trashed contact is deleted for good, with its shares, bucket memberships and history (spec §6.3:
// nothing is lost without passing through the trash, and purging is logged). Two ways in:
//   - POST /contacts/:id/purge: the owner or an admin, trashed contacts only (the core's `contact.restore` rule:
//     whoever may take a contact out of the trash may also empty it); 409 for a contact not in the trash;
//   - the purge job: contacts trashed more than 30 days ago (`trashed_at < now - 30 days`), logged with no actor.
import type { ActorContext } from '@tandem/core';
import type { Db } from '../../storage/connect.ts';
import { deleteContactRow, lockContactRow, selectTrashedBefore } from '../../storage/contact-writes.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { auditContactChange, contactSnapshot } from './contact-audit.ts';
import { loadContactOrThrow } from './contact-guard.ts';
import type { Deps } from '../shared/deps.ts';

export const TRASH_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

export async function purgeContact(deps: Deps, ctx: ActorContext, id: string): Promise<void> {
  const { db } = deps;
  await db.transaction().execute(async (trx) => {
    // Locked first: of racing purges one deletes the contact; the others then find it gone (404).
    await lockContactRow(trx, ctx.actor.orgId, id);
    const contact = await loadContactOrThrow(trx, ctx, id, 'contact.restore');
    await deleteContactRow(trx, ctx.actor.orgId, contact.row.id);
    await auditContactChange(trx, ctx, 'contact.purge', contact.row.id, contactSnapshot(contact.row), { reason: 'explicit' });
  });
}

/**
 * Purges every contact trashed more than 30 days before `now`, in batches, each contact in its own transaction
 * with its audit entry. Returns how many were purged.
 */
export async function purgeExpiredTrash(db: Db, now: number, batchSize = 200): Promise<number> {
  const cutoff = now - TRASH_RETENTION_MS;
  let purged = 0;
  for (;;) {
    const batch = await selectTrashedBefore(db, cutoff, batchSize);
    for (const item of batch) {
      await db.transaction().execute(async (trx) => {
        // Deleted only if still trashed before the cutoff: a restore that raced the job wins.
        if (!(await deleteContactRow(trx, item.org_id, item.id, cutoff))) return;
        const before = contactSnapshot(item);
        await appendAudit(trx, {
          orgId: item.org_id, actorId: null, action: 'contact.purge', targetType: 'contact', targetId: item.id,
          before, after: { reason: 'trash_retention' }, at: now,
        });
        purged += 1;
      });
    }
    if (batch.length < batchSize) return purged;
  }
}
