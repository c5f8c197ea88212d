// The Mailer port without SMTP (demo mode): each e-mail is written to the server log, links included, so whoever
// runs the server can pass them on. The API says so: a mail "sent" this way answers `delivery: 'logged'`.
import type { Mailer, OutgoingMail } from '../domain/shared/mailer.ts';

/** The part of a pino logger (fastify's `app.log`) this mailer writes to. */
export type MailLog = { info: (obj: object, msg: string) => void };

export function logMailer(log: MailLog): Mailer {
  return {
    mode: 'logged',
    send: async (mail: OutgoingMail) => {
      log.info({ mail: { to: mail.to.address, subject: mail.subject, text: mail.text } }, 'e-mail logged, not sent (no SMTP_URL configured)');
    },
  };
}
