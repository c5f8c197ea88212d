// Delivers one queued message (spec §6.5; run by the queue, jobs/deliver-message-job.ts). Before anything leaves, the
// sender is judged again as a request would judge them, with their facts loaded fresh (storage/load-actor-context.ts)
// and the core's `contact.message` decision on the contact as it is now: a sender deactivated, a share revoked or
// expired, a contact trashed since the message was queued stops the send, and the message is marked failed with
// the reason. Otherwise e-mail goes through the Mailer port and texts through the SMS sender.
//
// The result is what to record, not a record: the queue writes it in the transaction that finishes the job, so the
// message's status and the job's acknowledgement commit together (docs/decisions.md D27). A message that is no
// longer `queued` (already sent or failed: a job run twice after a crash) is left alone and nothing is sent.
import { decide, type ActorContext } from '@tandem/core';
import type { Db } from '../../storage/connect.ts';
import { loadContact } from '../../storage/contact-read.ts';
import { loadActorContext } from '../../storage/load-actor-context.ts';
import { loadMessageToDeliver, recordDelivery, type DeliveryRecord, type MessageToDeliver } from '../../storage/message-queries.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { isTransient, messageOf, type DeliveryDeps } from './delivery-ports.ts';
import { defaultSubject, messageIdFor } from './message-addresses.ts';

export type DeliveryAttempt = { orgId: string; messageId: string; attempt: number; lastAttempt: boolean; now: number };

/** What the queue records when it finishes the job; `retry` asks for another attempt later. */
export type DeliveryOutcome = { record: (trx: Db) => Promise<void>; retry?: { error: string }; status: 'sent' | 'failed' | 'retry' | 'skipped' };

export async function deliverMessage(deps: DeliveryDeps, job: DeliveryAttempt): Promise<DeliveryOutcome> {
  const message = await loadMessageToDeliver(deps.db, job.orgId, job.messageId);
  if (!message || message.status !== 'queued') return { status: 'skipped', record: async () => {} };
  const refusal = await refusalOf(deps.db, message, job.now);
  if (refusal) return finalOutcome(message, job, { status: 'failed', attempts: job.attempt, error: refusal, fromAddress: null });
  let fromAddress: string | null = message.from_address;
  try {
    if (message.channel === 'sms') {
      fromAddress = message.from_address ?? message.owner_sms_line ?? deps.smsDefaultLine;
      if (!fromAddress) {
        return finalOutcome(message, job, { status: 'failed', attempts: job.attempt, fromAddress: null,
          error: 'No SMS line to send from: the owner has none and no default line is configured (TANDEM_SMS_DEFAULT_LINE)' });
      }
      const { externalId } = await deps.sms.send(deps.db, { orgId: message.org_id, messageId: message.id, from: fromAddress, to: message.to_address ?? '', body: message.body });
      return finalOutcome(message, job, { status: 'sent', attempts: job.attempt, externalId, fromAddress, sentAt: job.now });
    }
    if (deps.mailer.mode === 'logged') {
      // Not even logged: the server log is no place for a client's conversation (spec §8 keeps bodies from admins).
      return finalOutcome(message, job, { status: 'failed', attempts: job.attempt, fromAddress: null,
        error: 'Not delivered: no SMTP server is configured (SMTP_URL)' });
    }
    const mail = emailOf(deps, message);
    await deps.mailer.send(mail);
    return finalOutcome(message, job, { status: 'sent', attempts: job.attempt, externalId: mail.messageId ?? '', fromAddress, sentAt: job.now });
  } catch (error) {
    const text = messageOf(error);
    if (isTransient(error) && !job.lastAttempt) {
      return { status: 'retry', retry: { error: text }, record: async (trx) => void (await recordDelivery(trx, message.org_id, message.id, { status: 'queued', attempts: job.attempt, error: text })) };
    }
    return finalOutcome(message, job, { status: 'failed', attempts: job.attempt, error: text, fromAddress: null });
  }
}

/** Why the sender may no longer send this message, in words the history shows; null when they still may. */
async function refusalOf(db: Db, message: MessageToDeliver, now: number): Promise<string | null> {
  if (!message.sent_by) return 'The message has no sender';
  const ctx: ActorContext | null = await loadActorContext(db, message.org_id, message.sent_by, now);
  if (!ctx || ctx.actor.status !== 'active') return "The sender's account was deactivated before the message was sent";
  const contact = await loadContact(db, ctx, message.contact_id);
  if (!contact) return "The sender's access to this contact ended before the message was sent";
  const decision = decide(ctx, 'contact.message', contact.facts);
  if (decision.allowed) return null;
  if (!decision.visible || !decide(ctx, 'contact.message', { ...contact.facts, state: 'active' }).allowed) {
    return "The sender's access to this contact ended before the message was sent";
  }
  return contact.facts.state === 'trashed'
    ? 'The contact was moved to the trash before the message was sent'
    : `The contact was ${contact.facts.state} before the message was sent`;
}

function emailOf(deps: DeliveryDeps, message: MessageToDeliver) {
  const ownerName = message.owner_name ?? '';
  const from = message.from_address ?? '';
  // The From address was fixed when the message was queued, so every attempt derives the same Message-ID from it.
  const domain = from.slice(from.lastIndexOf('@') + 1) || deps.inboundDomain;
  const sentByOther = message.sent_by !== message.on_behalf_of && message.sender_email;
  return {
    from: { name: ownerName, address: from },
    to: { name: message.contact_name, address: message.to_address ?? '' },
    subject: message.subject ?? defaultSubject(ownerName),
    text: message.body,
    replyTo: message.on_behalf_of ? deps.replyAddressFor(message.on_behalf_of) : from,
    messageId: messageIdFor(message.id, domain),
    headers: {
      'X-Tandem-Sent-By': `${message.sender_name ?? ''} <${message.sent_by ?? ''}>`.replace(/[\r\n]+/g, ' '),
      ...(sentByOther ? { Sender: `"${(message.sender_name ?? '').replace(/["\\\r\n]/g, '')}" <${message.sender_email}>` } : {}),
    },
  };
}

/** The final record (sent or failed) with its audit entry: the queue, not a person, is the actor. */
function finalOutcome(message: MessageToDeliver, job: DeliveryAttempt, record: Exclude<DeliveryRecord, { status: 'queued' }>): DeliveryOutcome {
  return {
    status: record.status,
    record: async (trx) => {
      if (!(await recordDelivery(trx, message.org_id, message.id, record))) return;
      await appendAudit(trx, {
        orgId: message.org_id, actorId: null, action: `contact.message.${record.status}`, targetType: 'contact', targetId: message.contact_id,
        before: null,
        after: {
          messageId: message.id, channel: message.channel, sentBy: message.sent_by, onBehalfOf: message.on_behalf_of, attempts: record.attempts,
          ...(record.status === 'sent' ? { externalId: record.externalId } : { error: record.error }),
        },
        at: job.now,
      });
    },
  };
}
