// What the admin screens say about inbound replies: where a provider posts them, how it signs them, and how an
// unmatched reply reads in a list. Pure, so the words are tested without a browser.
import type { UnmatchedReplyDto } from '@tandem/api';

export type InboundChannel = UnmatchedReplyDto['channel'];

/** The webhook a provider posts a channel's replies to: `<public URL>/api/v1/inbound/<orgId>/<channel>`. */
export function webhookUrl(origin: string, orgId: string, channel: InboundChannel): string {
  return `${origin.replace(/\/+$/, '')}/api/v1/inbound/${orgId}/${channel}`;
}

/** The pattern as one line: both channels. */
export function webhookPattern(origin: string, orgId: string): string {
  return `${origin.replace(/\/+$/, '')}/api/v1/inbound/${orgId}/email|sms`;
}

/** The signature header's form (docs/decisions.md D28). */
export const SIGNATURE_FORM = 'Tandem-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>';

/** A secret shown hidden: its prefix and dots, never any of its random part. */
export function maskSecret(secret: string): string {
  const prefix = /^[a-z]+_/.exec(secret)?.[0] ?? '';
  return `${prefix}${'•'.repeat(24)}`;
}

export const REASON_LABEL: Record<UnmatchedReplyDto['reason'], { label: string; hint: string }> = {
  unknown_line: { label: 'Unknown line', hint: 'The number or address it was sent to belongs to nobody here.' },
  unknown_sender: { label: 'Unknown sender', hint: 'None of the owner’s contacts has this address or number.' },
  contact_in_trash: { label: 'Contact in trash', hint: 'The only matching contact is in the trash: restore it to keep its replies.' },
};

export const CHANNEL_LABEL: Record<InboundChannel, string> = { email: 'E-mail', sms: 'SMS' };

/** The first words of a reply: the subject when there is one, then the body, on one line and at most `max` characters. */
export function replyPreview(reply: Pick<UnmatchedReplyDto, 'subject' | 'body'>, max = 140): string {
  const text = [reply.subject, reply.body].filter((part): part is string => Boolean(part && part.trim())).join(' — ').replace(/\s+/g, ' ').trim();
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
