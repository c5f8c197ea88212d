// Keeps one reply: appended to the matched contact's history (kind 'message', direction 'inbound', sent_by null,
// on_behalf_of the owner whose line it reached), or kept for admins when nothing matched. The same provider message
// id twice keeps it once. Both entrances (the signed webhook and the SMTP receiver) end here.
import type { Db } from '../../storage/connect.ts';
import { insertInboundEvent, insertUnmatched, type InboundMessage } from '../../storage/inbound-queries.ts';
import { emailAddressOf } from './addresses.ts';
import { matchReply, type Channel, type ReplyOwnerOf } from './match-reply.ts';

export type ReplyInput = { channel: Channel; from: string; to: string; body: string; subject?: string | null; messageId?: string | null };
export type ReplyOutcome = 'appended' | 'duplicate' | 'unmatched';

const LIMITS = { address: 320, subject: 300, body: 100_000, messageId: 500 };

/**
 * Text the database can store, within its limit: the SMTP path has no schema or text guard in front of it. Decoded
 * mail holds no unpaired surrogates (decoders replace bad bytes), but a NUL can arrive.
 */
function storable(text: string, max: number): string {
  return text.replace(/\u0000/g, '').trim().slice(0, max);
}

function messageOf(input: ReplyInput): InboundMessage {
  const address = (text: string) => (input.channel === 'email' ? emailAddressOf(text) : null) ?? storable(text, LIMITS.address);
  const subject = input.subject ? storable(input.subject, LIMITS.subject) : '';
  const messageId = input.messageId ? storable(input.messageId, LIMITS.messageId) : '';
  return {
    channel: input.channel, fromAddress: address(input.from), toAddress: address(input.to),
    subject: input.channel === 'email' && subject ? subject : null,
    body: storable(input.body, LIMITS.body) || '(no text)', externalId: messageId || null,
  };
}

export async function recordReply(trx: Db, orgId: string, input: ReplyInput, replyOwnerOf: ReplyOwnerOf, at: number): Promise<ReplyOutcome> {
  const message = messageOf(input);
  const match = await matchReply(trx, orgId, input.channel, input.from, input.to, replyOwnerOf);
  if (match.kind === 'contact') {
    const id = await insertInboundEvent(trx, orgId, match.contactId, match.ownerId, message, at);
    return id ? 'appended' : 'duplicate';
  }
  const id = await insertUnmatched(trx, orgId, match.reason, match.ownerId, message, at);
  return id ? 'unmatched' : 'duplicate';
}
