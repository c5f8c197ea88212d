// Where a client's e-mail reply goes: every outbound e-mail carries `Reply-To: reply+<owner>@<inbound domain>`, so the
// reply reaches Tandem (its SMTP receiver, or a provider's inbound webhook) and names the owner whose line it answers.
// The owner is the user id without dashes (32 hex digits): the local part stays under 64 characters, and user ids
// are random uuids, unique across orgs. The org and the contact are found from the owner and the client's address.
const LOCAL = /^reply\+([0-9a-f]{32})$/i;

/** The Reply-To address of mail sent on `ownerId`'s behalf. */
export function replyAddressFor(ownerId: string, inboundDomain: string): string {
  return `reply+${ownerId.replace(/-/g, '').toLowerCase()}@${inboundDomain}`;
}

/** The owner's user id named by a reply address, or null when the address is not one of ours. */
export function ownerIdFromReplyAddress(address: string, inboundDomain: string): string | null {
  const at = address.lastIndexOf('@');
  if (at < 0 || address.slice(at + 1).toLowerCase() !== inboundDomain.toLowerCase()) return null;
  const match = LOCAL.exec(address.slice(0, at));
  if (!match?.[1]) return null;
  const hex = match[1].toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
