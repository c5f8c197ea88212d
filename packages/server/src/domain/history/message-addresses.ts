// The addresses and headers of a message sent on the owner's behalf (spec §6.5, docs/decisions.md D27). The client
// sees the owner: From is the owner's name and address, or the owner's local part on the org's sending domain when it
// has one (so an org can send from a domain whose SPF/DKIM it controls); Reply-To routes the reply back to Tandem
// (mail/reply-address.ts); `Sender` names the user who actually sent it when that is not the owner (mail readers
// show "Cat on behalf of Ben"), and `X-Tandem-Sent-By` names the sender's user id on every message.

/** The owner's From address: their own, or their local part on `sendingDomain`. */
export function emailFromAddress(ownerEmail: string, sendingDomain: string | null): string {
  if (!sendingDomain) return ownerEmail;
  const at = ownerEmail.lastIndexOf('@');
  const local = at > 0 ? ownerEmail.slice(0, at) : ownerEmail;
  return `${local}@${sendingDomain}`;
}

/** A Message-ID that depends only on the message and the domain of its From (both fixed when queued): a retry carries the same. */
export function messageIdFor(messageId: string, domain: string): string {
  return `<tandem.${messageId}@${domain}>`;
}

/** The subject of an e-mail sent without one. */
export function defaultSubject(ownerName: string): string {
  return ownerName ? `A message from ${ownerName}` : 'A message for you';
}
