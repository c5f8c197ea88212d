// POST /contacts/:id/notes and /calls: `collaborate` and up (calls use the core's `contact.logNote`). Notes and
// calls are the caller's own record, not sent on anyone's behalf, so `onBehalfOf` is null and they are not audited.
import type { ActorContext } from '@tandem/core';
import { insertEvent } from '../../storage/history-queries.ts';
import { loadContactOrThrow } from '../contacts/contact-guard.ts';
import { toHistoryViews, type HistoryView } from './history-view.ts';
import type { Deps } from '../shared/deps.ts';

export async function logHistoryEntry(deps: Deps, ctx: ActorContext, contactId: string, kind: 'note' | 'call', body: string): Promise<HistoryView> {
  const { db } = deps;
  return db.transaction().execute(async (trx) => {
    const contact = await loadContactOrThrow(trx, ctx, contactId, 'contact.logNote');
    const row = await insertEvent(trx, ctx.actor.orgId, {
      contactId: contact.row.id, kind, body, channel: null, sentBy: ctx.actor.userId, onBehalfOf: null,
    }, ctx.now);
    const [view] = await toHistoryViews(trx, ctx, [row]);
    if (!view) throw new Error('history entry vanished');
    return view;
  });
}
