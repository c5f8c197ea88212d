// A reply that reached Tandem's own SMTP receiver (inbound/smtp-receiver.ts). No signature: the receiver is Tandem's
// own process, and it accepts mail only for reply addresses of users that exist (refused at RCPT otherwise), so the
// reply address itself names the owner and, through the owner, the org (docs/decisions.md D28). Then the same
// matching and keeping as the signed webhook (record-reply.ts).
import { isUuid } from '../../storage/ids.ts';
import { findOrgOfUser } from '../../storage/inbound-queries.ts';
import type { Moment } from '../shared/deps.ts';
import type { InboundDeps } from './inbound-deps.ts';
import { recordReply, type ReplyInput, type ReplyOutcome } from './record-reply.ts';

/** The org of the owner a reply address names, or null when it names nobody (the receiver refuses the recipient). */
export async function orgOfReplyAddress(deps: InboundDeps, address: string): Promise<string | null> {
  const ownerId = deps.replyOwnerOf(address);
  if (!ownerId || !isUuid(ownerId)) return null;
  return (await findOrgOfUser(deps.db, ownerId)) ?? null;
}

/** Keeps one e-mail reply sent to the reply address `reply.to`; null when that address names nobody. */
export async function receiveRelayedMail(deps: InboundDeps, moment: Moment, reply: Omit<ReplyInput, 'channel'>): Promise<ReplyOutcome | null> {
  const orgId = await orgOfReplyAddress(deps, reply.to);
  if (!orgId) return null;
  return deps.db.transaction().execute((trx) => recordReply(trx, orgId, { ...reply, channel: 'email' }, deps.replyOwnerOf, moment.now));
}
