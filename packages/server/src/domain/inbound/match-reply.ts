// Which contact a reply answers (docs/permissions.md, "Inbound replies"): the owner's line names the owner, the
// client's address names one of that owner's contacts. Everything is looked up inside one org.
import type { Db } from '../../storage/connect.ts';
import {
  findOwnersContactByEmail, findOwnersContactByPhone, findUserByEmail, findUserById, findUserBySmsDigits, type LineOwner,
  type MatchedContact, type UnmatchedReason,
} from '../../storage/inbound-queries.ts';
import { isUuid } from '../../storage/ids.ts';
import { emailAddressOf, nationalForms, phoneDigitsOf } from './addresses.ts';

export type Channel = 'email' | 'sms';
/** The owner's user id a reply address names, or null when the address is not one (mail/reply-address.ts). */
export type ReplyOwnerOf = (address: string) => string | null;
export type Match =
  | { kind: 'contact'; ownerId: string; contactId: string }
  | { kind: 'unmatched'; reason: UnmatchedReason; ownerId: string | null };

/** The owner whose line `to` is: a reply address, an owner's own e-mail, or an SMS line. */
async function ownerOfLine(db: Db, orgId: string, channel: Channel, to: string, replyOwnerOf: ReplyOwnerOf): Promise<LineOwner | undefined> {
  if (channel === 'sms') {
    const digits = phoneDigitsOf(to);
    return digits ? findUserBySmsDigits(db, orgId, digits) : undefined;
  }
  const address = emailAddressOf(to);
  if (!address) return undefined;
  const named = replyOwnerOf(address);
  if (named) return isUuid(named) ? findUserById(db, orgId, named) : undefined;
  return findUserByEmail(db, orgId, address);
}

async function contactOfSender(db: Db, orgId: string, ownerId: string, channel: Channel, from: string): Promise<MatchedContact | undefined> {
  if (channel === 'email') {
    const address = emailAddressOf(from);
    return address ? findOwnersContactByEmail(db, orgId, ownerId, address) : undefined;
  }
  const digits = phoneDigitsOf(from);
  return digits ? findOwnersContactByPhone(db, orgId, ownerId, digits, nationalForms(digits)) : undefined;
}

/**
 * The contact this reply belongs to. A deactivated owner's line still matches (their contacts keep their history
 * until an admin reassigns them); a contact in the trash does not (the reply waits for admins instead).
 */
export async function matchReply(db: Db, orgId: string, channel: Channel, from: string, to: string, replyOwnerOf: ReplyOwnerOf): Promise<Match> {
  const owner = await ownerOfLine(db, orgId, channel, to, replyOwnerOf);
  if (!owner) return { kind: 'unmatched', reason: 'unknown_line', ownerId: null };
  const contact = await contactOfSender(db, orgId, owner.id, channel, from);
  if (!contact) return { kind: 'unmatched', reason: 'unknown_sender', ownerId: owner.id };
  if (contact.trashed) return { kind: 'unmatched', reason: 'contact_in_trash', ownerId: owner.id };
  return { kind: 'contact', ownerId: owner.id, contactId: contact.id };
}
