// The e-mails of accounts: an invitation and a password-reset link. Plain text; names go into the subject as one line.
import { oneLine, type OutgoingMail } from '../shared/mailer.ts';

function whenText(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function invitationMail(i: { name: string; email: string; orgName: string; inviterName: string; link: string; expiresAt: number }): OutgoingMail {
  return {
    to: { name: oneLine(i.name), address: i.email },
    subject: oneLine(`${i.inviterName} invited you to ${i.orgName} on Tandem`),
    text: [
      `Hello ${oneLine(i.name)},`,
      '',
      `${oneLine(i.inviterName)} invited you to join ${oneLine(i.orgName)} on Tandem.`,
      '',
      'Open this link to choose your password and sign in:',
      i.link,
      '',
      `The link works once and expires on ${whenText(i.expiresAt)}. If you did not expect this invitation, ignore this e-mail.`,
      '',
    ].join('\n'),
  };
}

export function passwordResetMail(r: { name: string; email: string; link: string; expiresAt: number; sentByAdmin: string | null }): OutgoingMail {
  const why = r.sentByAdmin === null
    ? `Someone, hopefully you, asked to reset the password of your Tandem account ${r.email}.`
    : `${oneLine(r.sentByAdmin)}, an administrator of your organisation, sent you this link to set a new password for your Tandem account ${r.email}.`;
  return {
    to: { name: oneLine(r.name), address: r.email },
    subject: 'Reset your Tandem password',
    text: [
      `Hello ${oneLine(r.name)},`,
      '',
      why,
      '',
      'Open this link to choose a new password:',
      r.link,
      '',
      `The link works once and expires on ${whenText(r.expiresAt)}. If you did not ask for this, ignore this e-mail: your password stays as it is.`,
      '',
    ].join('\n'),
  };
}
