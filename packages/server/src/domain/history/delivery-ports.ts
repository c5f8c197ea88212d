// What delivering a message needs from the outside (spec §6.5): the Mailer port (domain/shared/mailer.ts) for
// e-mail, an SMS sender for texts (adapters in src/sms/), and a way to tell a failure worth retrying from one that
// will fail the same way every time. Adapters throw `DeliveryError`; anything else thrown is taken as transient
// (a bug or an outage is retried, never silently dropped).
import type { Db } from '../../storage/connect.ts';
import type { Mailer } from '../shared/mailer.ts';

export class DeliveryError extends Error {
  constructor(message: string, readonly transient: boolean) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export function isTransient(error: unknown): boolean {
  return error instanceof DeliveryError ? error.transient : true;
}

export function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}

/** One text message; `messageId` is Tandem's message id (a provider that honours idempotency keys gets it). */
export type OutgoingSms = { orgId: string; messageId: string; from: string; to: string; body: string };

export type SmsSender = {
  /** `outbox` (stored, not sent) or the provider's name. */
  readonly name: string;
  /** Resolves with the provider's id of the message once accepted; throws DeliveryError when refused. */
  send: (db: Db, sms: OutgoingSms) => Promise<{ externalId: string }>;
};

/** The ports a delivery job uses. */
export type DeliveryDeps = {
  db: Db;
  mailer: Mailer;
  sms: SmsSender;
  /** The domain of Message-IDs when the From address has none (TANDEM_INBOUND_DOMAIN). */
  inboundDomain: string;
  /** The Reply-To of mail sent on an owner's behalf (mail/reply-address.ts, given by the queue's wiring). */
  replyAddressFor: (ownerId: string) => string;
  /** TANDEM_SMS_DEFAULT_LINE: the From of texts sent for an owner with no SMS line; null: none. */
  smsDefaultLine: string | null;
};
