// POST /contacts/:id/messages (spec §6.5): `collaborate` and up. The message records who sent it (the caller) and
// on whose behalf (the owner at send time); the client sees it as coming from the owner's line. Every message is
// appended to the audit log (ids, channel, sender and owner; never the body).
import type { ActorContext } from '@tandem/core';
import { insertEvent } from '../../storage/history-queries.ts';
import { auditContactChange } from '../contacts/contact-audit.ts';
import { loadContactOrThrow } from '../contacts/contact-guard.ts';
import { toHistoryViews, type HistoryView } from './history-view.ts';
import type { Deps } from '../shared/deps.ts';

export const DEFAULT_MESSAGE_CHANNEL = 'email';

export async function sendMessage(deps: Deps, ctx: ActorContext, contactId: string, input: { body: string; channel?: string }): Promise<HistoryView> {
  const { db } = deps;
  return db.transaction().execute(async (trx) => {
    const contact = await loadContactOrThrow(trx, ctx, contactId, 'contact.message');
    const row = await insertEvent(trx, ctx.actor.orgId, {
      contactId: contact.row.id, kind: 'message', body: input.body, channel: input.channel ?? DEFAULT_MESSAGE_CHANNEL,
      sentBy: ctx.actor.userId, onBehalfOf: contact.row.owner_id,
    }, ctx.now);
    await auditContactChange(trx, ctx, 'contact.message', contact.row.id, null, {
      messageId: row.id, channel: row.channel, sentBy: row.sent_by, onBehalfOf: row.on_behalf_of,
    });
    const [view] = await toHistoryViews(trx, ctx, [row]);
    if (!view) throw new Error('message vanished');
    return view;
  });
}
