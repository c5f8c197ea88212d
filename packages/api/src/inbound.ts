// Inbound replies (spec §6.5, api.md "Messages"): the body of the signed webhook POST /inbound/:orgId/:channel, its
// answer, the unmatched replies admins list, and the org's inbound secret. The signature scheme is docs/decisions.md
// D28: header `Tandem-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
import { z } from 'zod';
import { pageOf } from './common.ts';
import { messageChannelSchema } from './history.ts';

/** The header that carries the signature of an inbound delivery. */
export const INBOUND_SIGNATURE_HEADER = 'tandem-signature';
/** A signature's timestamp may be at most this far from the server's clock (either way). */
export const INBOUND_SIGNATURE_TOLERANCE_SECONDS = 300;
/** The largest inbound delivery body, in bytes. */
export const INBOUND_BODY_LIMIT = 256 * 1024;

const address = (what: string) => z.string().trim().min(1).max(320).describe(what);

/** What a provider (or a relay of one) posts: one reply, provider-neutral. */
export const inboundReplySchema = z.object({
  from: address('the client\'s address: an e-mail address (a display name around it, "Zoe <zoe@x.test>", is allowed) or a phone number'),
  to: address('the address the client wrote to: a reply address reply+<owner>@<inbound domain>, an owner\'s own e-mail, or an owner\'s SMS line'),
  body: z.string().trim().min(1).max(100_000).describe('the reply\'s text (plain text; the part quoted from earlier messages may be left in)'),
  subject: z.string().trim().max(300).optional().describe('e-mail: the subject line'),
  messageId: z.string().trim().min(1).max(500).optional()
    .describe('the provider\'s id of this message (e-mail: the Message-ID header): the same id twice appends once'),
}).strict();
export type InboundReplyInput = z.infer<typeof inboundReplySchema>;

export const inboundOutcomeSchema = z.object({
  outcome: z.enum(['appended', 'duplicate', 'unmatched'])
    .describe('appended: added to the matched contact\'s history; duplicate: this messageId was received before, nothing added; unmatched: kept for admins (GET /inbound/unmatched)'),
}).describe('what became of the reply');
export type InboundOutcomeDto = z.infer<typeof inboundOutcomeSchema>;

export const UNMATCHED_REASONS = ['unknown_line', 'unknown_sender', 'contact_in_trash'] as const;

export const unmatchedReplySchema = z.object({
  id: z.string(),
  channel: messageChannelSchema,
  reason: z.enum(UNMATCHED_REASONS)
    .describe('unknown_line: `to` names no user of the org; unknown_sender: none of that owner\'s contacts has this address; contact_in_trash: the only match is in the trash'),
  ownerId: z.string().nullable().describe('the user whose line received it, when `to` named one'),
  fromAddress: z.string(),
  toAddress: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  messageId: z.string().nullable(),
  receivedAt: z.string(),
});
export type UnmatchedReplyDto = z.infer<typeof unmatchedReplySchema>;
export const unmatchedReplyPageSchema = pageOf(unmatchedReplySchema);

export const inboundSecretSchema = z.object({
  inboundSecret: z.string().describe('the HMAC-SHA256 key of signed inbound deliveries (docs/decisions.md D28)'),
});
