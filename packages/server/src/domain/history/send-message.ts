// POST /contacts/:id/messages (spec §6.5): `collaborate` and up. The message records who sent it (the caller) and
// on whose behalf (the owner at send time); the client sees it as coming from the owner's line. The row is stored
// `queued` with the addresses it goes from and to, and its delivery job is enqueued in the same transaction (the
// row and the job commit together or not at all); the queue delivers it (deliver-message.ts, docs/decisions.md D27).
// Every message is appended to the audit log (ids, channel, sender and owner; never the body).
import type { ActorContext } from '@tandem/core';
import type { MessageChannel } from '@tandem/api';
import { AppError } from '../../errors.ts';
import type { Db } from '../../storage/connect.ts';
import type { ContactWithFacts } from '../../storage/contact-facts.ts';
import { insertEvent } from '../../storage/history-queries.ts';
import { loadSenderFacts } from '../../storage/message-queries.ts';
import { enqueueJob } from '../../storage/queue-queries.ts';
import { auditContactChange } from '../contacts/contact-audit.ts';
import { loadContactOrThrow } from '../contacts/contact-guard.ts';
import { composeMessage } from '../templates/compose-message.ts';
import { toHistoryViews, type HistoryView } from './history-view.ts';
import { emailFromAddress } from './message-addresses.ts';
import type { Deps } from '../shared/deps.ts';

export const DEFAULT_MESSAGE_CHANNEL: MessageChannel = 'email';
/** The queue that delivers messages (jobs/deliver-message-job.ts). */
export const DELIVER_MESSAGE_QUEUE = 'deliver-message';
/** Attempts before a message that keeps failing transiently is marked failed (about 2 hours of backoff). */
export const DELIVERY_ATTEMPTS = 6;

/** `body` may be left out when `templateId` names a template to render (domain/templates/compose-message.ts). */
export type MessageInput = { body?: string; channel?: MessageChannel; subject?: string; templateId?: string };

/**
 * `seeded`: demo history (src/seed/), stored as already sent at its time and never enqueued: it is the record of
 * messages in a story, not mail to deliver.
 */
export async function sendMessage(deps: Deps, ctx: ActorContext, contactId: string, input: MessageInput, options: { seeded?: boolean } = {}): Promise<HistoryView> {
  const { db } = deps;
  const channel = input.channel ?? DEFAULT_MESSAGE_CHANNEL;
  return db.transaction().execute(async (trx) => {
    const contact = await loadContactOrThrow(trx, ctx, contactId, 'contact.message');
    const toAddress = addressOf(contact, channel);
    if (!toAddress && !options.seeded) {
      throw new AppError('TANDEM_CONTACT_NO_ADDRESS', `${contact.row.name} has no ${channel === 'email' ? 'e-mail address' : 'phone number'}.`);
    }
    const message = await composeMessage(trx, ctx, contact, channel, input);
    const fromAddress = await fromAddressOf(trx, ctx.actor.orgId, contact.row.owner_id, channel);
    const row = await insertEvent(trx, ctx.actor.orgId, {
      contactId: contact.row.id, kind: 'message', body: message.body, channel, sentBy: ctx.actor.userId, onBehalfOf: contact.row.owner_id,
      delivery: {
        subject: channel === 'email' ? message.subject ?? null : null, status: options.seeded ? 'sent' : 'queued',
        fromAddress, toAddress, sentAt: options.seeded ? ctx.now : null,
      },
      templateId: message.templateId,
    }, ctx.now);
    if (!options.seeded) {
      await enqueueJob(trx, {
        queue: DELIVER_MESSAGE_QUEUE, orgId: ctx.actor.orgId, payload: { messageId: row.id }, maxAttempts: DELIVERY_ATTEMPTS, availableAt: ctx.now,
      }, ctx.now);
    }
    await auditContactChange(trx, ctx, 'contact.message', contact.row.id, null, {
      messageId: row.id, channel: row.channel, sentBy: row.sent_by, onBehalfOf: row.on_behalf_of,
    });
    const [view] = await toHistoryViews(trx, ctx, [row]);
    if (!view) throw new Error('message vanished');
    return view;
  });
}

function addressOf(contact: ContactWithFacts, channel: MessageChannel): string | null {
  const list = channel === 'email' ? contact.row.emails : contact.row.phones;
  return list.find((a) => a.trim() !== '')?.trim() ?? null;
}

/** The owner's address for e-mail (on the org's sending domain when it has one); the owner's SMS line, if any. */
async function fromAddressOf(trx: Db, orgId: string, ownerId: string, channel: MessageChannel): Promise<string | null> {
  const facts = await loadSenderFacts(trx, orgId, ownerId);
  if (!facts) return null;
  return channel === 'email' ? emailFromAddress(facts.ownerEmail, facts.sendingDomain) : facts.ownerSmsLine;
}
