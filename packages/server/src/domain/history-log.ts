// POST /contacts/:id/notes and /calls: `collaborate` and up (calls use the core's `contact.logNote`). Notes and
// calls are the caller's own record, not sent on anyone's behalf, so `onBehalfOf` is null and they are not audited.
import type { ActorContext } from '@tandem/core';
import type { Db } from '../storage/connect.ts';
import { insertEvent } from '../storage/history-queries.ts';
import { loadContactOrThrow } from './contact-guard.ts';
import { toHistoryViews, type HistoryView } from './history-view.ts';

export async function logHistoryEntry(db: Db, ctx: ActorContext, contactId: string, kind: 'note' | 'call', body: string): Promise<HistoryView> {
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
