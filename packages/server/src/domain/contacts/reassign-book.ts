// POST /users/:id/reassign-contacts {toUserId} (spec §6.4, admins only): hands every contact of one user (active,
// archived and trashed alike) to another active user of the org, in one UPDATE whatever the size of the book.
// One audit entry records the hand-over with the count (not one entry per contact).
import type { ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { reassignAllContacts } from '../../storage/contact-writes.ts';
import { loadUserBrief } from '../../storage/share-queries.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import type { Deps } from '../shared/deps.ts';

export async function reassignBook(deps: Deps, ctx: ActorContext, fromUserId: string, toUserId: string): Promise<{ moved: number }> {
  const { db } = deps;
  if (ctx.actor.role !== 'admin') throw new AppError('TANDEM_ACCESS_ADMIN_ONLY');
  const orgId = ctx.actor.orgId;
  return db.transaction().execute(async (trx) => {
    const from = await loadUserBrief(trx, orgId, fromUserId.toLowerCase());
    const to = await loadUserBrief(trx, orgId, toUserId.toLowerCase());
    if (!from || !to) throw new AppError('TANDEM_USER_NOT_FOUND');
    if (to.status !== 'active') throw new AppError('TANDEM_USER_INACTIVE', 'Contacts can only be given to an active user.');
    if (from.id === to.id) throw new AppError('TANDEM_INPUT_INVALID', 'toUserId: must differ from the current owner');
    const moved = await reassignAllContacts(trx, orgId, from.id, to.id, ctx.now);
    await appendAudit(trx, {
      orgId, actorId: ctx.actor.userId, action: 'contacts.reassign_all', targetType: 'user', targetId: from.id,
      before: { ownerId: from.id }, after: { ownerId: to.id, moved }, at: ctx.now,
    });
    return { moved };
  });
}
