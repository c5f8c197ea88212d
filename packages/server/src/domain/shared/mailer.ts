// The mail port: what the domain needs from whatever delivers e-mail. Use cases that send mail take `MailDeps`
// (shared/deps.ts); the adapters live in src/mail/ (nodemailer over SMTP, or the server log in demo mode) and tests
// pass their own. Conversation e-mail (spec §6.5) sends through the same port.

/** One plain-text e-mail to one person. */
export type OutgoingMail = {
  to: { name: string; address: string };
  subject: string;
  text: string;
  /** Conversation e-mail (spec §6.5): the owner's mailbox; account mail leaves it out and goes from MAIL_FROM. */
  from?: { name: string; address: string };
  /** Where the client's reply goes (mail/reply-address.ts). */
  replyTo?: string;
  /** The Message-ID, with its angle brackets; stable per message so a retried send carries the same one. */
  messageId?: string;
  /** Further headers (the user who sent a message on the owner's behalf). */
  headers?: Record<string, string>;
};

/** How a mailer delivers: `sent` hands mail to an SMTP server; `logged` writes it to the server log (no SMTP configured). */
export type MailerMode = 'sent' | 'logged';

/** What became of one e-mail, as the API reports it: the mailer's mode, or `failed` when handing it over failed. */
export type Delivery = MailerMode | 'failed';

export type Mailer = {
  readonly mode: MailerMode;
  /** Resolves once the mail is handed over (or logged); rejects when it could not be. */
  send: (mail: OutgoingMail) => Promise<void>;
};

/** Sends and reports the outcome instead of throwing: a failed hand-over is `failed` with its cause, for the caller to log. */
export async function deliver(mailer: Mailer, mail: OutgoingMail): Promise<{ delivery: Delivery; failure?: unknown }> {
  try {
    await mailer.send(mail);
    return { delivery: mailer.mode };
  } catch (failure) {
    return { delivery: 'failed', failure };
  }
}

/** One line of text for a header: control characters and runs of white space become one space. */
export function oneLine(text: string): string {
  return text.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim();
}
