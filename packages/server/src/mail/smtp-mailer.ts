// The Mailer port (domain/shared/mailer.ts) over SMTP with nodemailer. `SMTP_URL` names the server the way
// nodemailer reads it: smtp://host:port (STARTTLS when the server offers it), smtps://host:port (TLS from the
// start), with user:password@ when it asks for them. One transport per process, opened per message (no pool):
// account mail is rare. Short timeouts, so a dead server fails a request in seconds rather than minutes.
import { createTransport } from 'nodemailer';
import type { Mailer, OutgoingMail } from '../domain/shared/mailer.ts';

export type SmtpSettings = {
  /** smtp://host:port or smtps://user:password@host:port */
  url: string;
  /** The From header, e.g. `Tandem <tandem@example.com>`. */
  from: string;
};

export function smtpMailer(settings: SmtpSettings): Mailer {
  const transport = createTransport({ url: settings.url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  return {
    mode: 'sent',
    send: async (mail: OutgoingMail) => {
      await transport.sendMail({ from: settings.from, to: { name: mail.to.name, address: mail.to.address }, subject: mail.subject, text: mail.text });
    },
  };
}
