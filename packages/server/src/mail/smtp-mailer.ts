// The Mailer port (domain/shared/mailer.ts) over SMTP with nodemailer. `SMTP_URL` names the server the way
// nodemailer reads it: smtp://host:port (STARTTLS when the server offers it), smtps://host:port (TLS from the
// start), with user:password@ when it asks for them. Short timeouts, so a dead server fails a send in seconds rather
// than minutes (the queue's lease, jobs/queue.ts, is far longer than the longest send). `pool` keeps a few
// connections open for the message queue's bursts; account mail is rare and opens one per message.
// A refusal is thrown as a DeliveryError: a 5xx answer is permanent, a 4xx answer or a broken connection transient.
import { createTransport } from 'nodemailer';
import { DeliveryError } from '../domain/history/delivery-ports.ts';
import type { Mailer, OutgoingMail } from '../domain/shared/mailer.ts';

export type SmtpSettings = {
  /** smtp://host:port or smtps://user:password@host:port */
  url: string;
  /** The From header of mail that names none, e.g. `Tandem <tandem@example.com>`. */
  from: string;
  /** Keep up to this many connections open and reuse them (default: one connection per message). */
  pool?: number;
};

export function smtpMailer(settings: SmtpSettings): Mailer & { close: () => void } {
  const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };
  const transport = settings.pool
    ? createTransport({ url: settings.url, pool: true, maxConnections: settings.pool, maxMessages: Infinity, ...timeouts })
    : createTransport({ url: settings.url, ...timeouts });
  return {
    mode: 'sent',
    send: async (mail: OutgoingMail) => {
      try {
        await transport.sendMail({
          from: mail.from ?? settings.from,
          to: { name: mail.to.name, address: mail.to.address },
          subject: mail.subject,
          text: mail.text,
          ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
          ...(mail.messageId ? { messageId: mail.messageId } : {}),
          ...(mail.headers ? { headers: mail.headers } : {}),
        });
      } catch (error) {
        throw smtpFailure(error);
      }
    },
    close: () => transport.close(),
  };
}

/** nodemailer's error as a DeliveryError: permanent only when the server answered 5xx. */
export function smtpFailure(error: unknown): DeliveryError {
  const { responseCode, response, message } = (error ?? {}) as { responseCode?: number; response?: string; message?: string };
  const text = (response ?? message ?? String(error)).trim();
  if (typeof responseCode === 'number') return new DeliveryError(`SMTP ${responseCode}: ${text}`, responseCode < 500);
  return new DeliveryError(`SMTP connection failed: ${text}`, true);
}
