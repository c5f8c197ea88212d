// POST /inbound/:orgId/:channel (public, signed): a provider's delivery of one client reply. The signature is checked
// against the org's inbound secret over the raw body (signature.ts); a bad or missing signature, a stale timestamp,
// an unknown org or an org without a secret all answer the same 401, so nobody can probe which orgs exist. An
// accepted signature is remembered: the same signed delivery again answers 409 TANDEM_INBOUND_REPLAYED and adds
// nothing (docs/decisions.md D28). The digest and the reply are written in one transaction.
import { INBOUND_SIGNATURE_TOLERANCE_SECONDS } from '@tandem/api';
import { AppError } from '../../errors.ts';
import { isUuid } from '../../storage/ids.ts';
import { forgetDeliveriesBefore, loadInboundSecret, recordDelivery } from '../../storage/inbound-queries.ts';
import type { Moment } from '../shared/deps.ts';
import type { InboundDeps } from './inbound-deps.ts';
import { recordReply, type ReplyInput, type ReplyOutcome } from './record-reply.ts';
import { verifySignature } from './signature.ts';

export type SignedDelivery = { orgId: string; signature: string | undefined; rawBody: Buffer };

/** Throws the one 401 unless `delivery` is signed by its org's secret within the tolerance; answers the digest. */
export async function verifyDelivery(deps: InboundDeps, moment: Moment, delivery: SignedDelivery): Promise<string> {
  const secret = isUuid(delivery.orgId) ? await loadInboundSecret(deps.db, delivery.orgId) : undefined;
  const digest = verifySignature(secret ?? null, delivery.signature, delivery.rawBody, moment.now);
  if (!digest) throw new AppError('TANDEM_INBOUND_SIGNATURE_INVALID', 'Sign the raw body with the organisation\'s inbound secret: Tandem-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>, within 5 minutes of now.');
  return digest;
}

export async function receiveSignedReply(deps: InboundDeps, moment: Moment, orgId: string, digest: string, reply: ReplyInput): Promise<ReplyOutcome> {
  return deps.db.transaction().execute(async (trx) => {
    if (!(await recordDelivery(trx, orgId, digest, moment.now))) {
      throw new AppError('TANDEM_INBOUND_REPLAYED', 'This signed delivery was received before; nothing was added. A retry signs the body again with a new timestamp.');
    }
    // Twice the tolerance: a digest is kept while its timestamp could still pass the check on a clock a little behind.
    await forgetDeliveriesBefore(trx, orgId, moment.now - 2 * INBOUND_SIGNATURE_TOLERANCE_SECONDS * 1000);
    return recordReply(trx, orgId, reply, deps.replyOwnerOf, moment.now);
  });
}
