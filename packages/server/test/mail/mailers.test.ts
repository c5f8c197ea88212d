// The Mailer adapters and the mail configuration: the log mailer (demo mode) writes the whole e-mail, link included,
// to the log; the SMTP mailer hands it to a real SMTP server (npm smtp-server on loopback) and fails when it cannot;
// SMTP_URL, MAIL_FROM and TANDEM_PUBLIC_URL are read from the environment with their defaults.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { invitationMail } from '../../src/domain/accounts/account-mail.ts';
import { linkUrl } from '../../src/domain/accounts/one-time-link.ts';
import { deliver, oneLine } from '../../src/domain/shared/mailer.ts';
import { logMailer } from '../../src/mail/log-mailer.ts';
import { smtpMailer } from '../../src/mail/smtp-mailer.ts';
import { linkOf, useInbox } from '../support/smtp-inbox.ts';

const inbox = useInbox();
const mail = invitationMail({
  name: 'Zed\r\nBcc: victim@example.test', email: 'zed@example.test', orgName: 'Acme', inviterName: 'Ada',
  link: linkUrl('https://crm.example.test/', 'accept-invitation', 'T'.repeat(43)), expiresAt: Date.parse('2026-01-12T09:00:00Z'),
});

describe('log mailer (no SMTP)', () => {
  it('writes the e-mail with its link to the log and reports `logged`', async () => {
    const lines: { obj: object; msg: string }[] = [];
    const mailer = logMailer({ info: (obj, msg) => { lines.push({ obj, msg }); } });
    expect(await deliver(mailer, mail)).toEqual({ delivery: 'logged' });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.msg).toContain('no SMTP_URL');
    expect(JSON.stringify(lines[0]?.obj)).toContain(`https://crm.example.test/accept-invitation#token=${'T'.repeat(43)}`);
  });
});

describe('SMTP mailer', () => {
  it('hands the e-mail to the SMTP server, with the From header it was given; names cannot add headers', async () => {
    const sent = await deliver(smtpMailer({ url: inbox.url, from: 'Acme CRM <crm@acme.test>' }), mail);
    expect(sent).toEqual({ delivery: 'sent' });
    const received = await inbox.next('zed@example.test');
    expect(received.from?.value).toEqual([{ name: 'Acme CRM', address: 'crm@acme.test' }]);
    expect(received.bcc).toBeUndefined();
    expect(inbox.received.at(-1)?.envelopeTo).toEqual(['zed@example.test']);
    expect(linkOf(received).page).toBe('/accept-invitation');
  });

  it('reports `failed` with the cause when no server answers or it refuses', async () => {
    inbox.refuse = true;
    try {
      const refused = await deliver(smtpMailer({ url: inbox.url, from: 'crm@acme.test' }), mail);
      expect(refused.delivery).toBe('failed');
      expect(refused.failure).toBeInstanceOf(Error);
    } finally {
      inbox.refuse = false;
    }
    const nobody = await deliver(smtpMailer({ url: 'smtp://127.0.0.1:9', from: 'crm@acme.test' }), mail);
    expect(nobody.delivery).toBe('failed');
  });

  it('one line for a header: control characters and runs of space become one space', () => {
    expect(oneLine(' Zed\r\n\tBcc:  x ')).toBe('Zed Bcc: x');
  });
});

describe('mail configuration', () => {
  it('defaults: no SMTP (e-mails logged), a local From, links to localhost on the listen port', () => {
    const config = loadConfig({ PORT: '4100' });
    expect(config.mail).toEqual({ smtpUrl: null, from: 'Tandem <tandem@localhost>', inboundDomain: 'localhost' });
    expect(config.publicUrl).toBe('http://localhost:4100');
    expect(config.sms).toEqual({ provider: 'outbox', defaultLine: null });
  });

  it('reads SMTP_URL, MAIL_FROM and TANDEM_PUBLIC_URL (without a trailing slash)', () => {
    const config = loadConfig({ SMTP_URL: 'smtp://mail.acme.test:2525', MAIL_FROM: 'CRM <crm@acme.test>', TANDEM_PUBLIC_URL: 'https://crm.acme.test/' });
    expect(config.mail).toEqual({ smtpUrl: 'smtp://mail.acme.test:2525', from: 'CRM <crm@acme.test>', inboundDomain: 'crm.acme.test' });
    expect(config.publicUrl).toBe('https://crm.acme.test');
    expect(loadConfig({ SMTP_URL: '  ' }).mail.smtpUrl).toBeNull();
  });

  it('reads the SMS provider: twilio needs its sid and token; an unknown provider stops the start', () => {
    const env = { TANDEM_SMS_PROVIDER: 'twilio', TANDEM_SMS_ACCOUNT_SID: 'AC1', TANDEM_SMS_AUTH_TOKEN: 'tok', TANDEM_SMS_DEFAULT_LINE: '+15550000' };
    expect(loadConfig(env).sms).toEqual({ provider: 'twilio', accountSid: 'AC1', authToken: 'tok', baseUrl: 'https://api.twilio.com', defaultLine: '+15550000' });
    expect(loadConfig({ ...env, TANDEM_SMS_BASE_URL: 'http://127.0.0.1:9' }).sms).toMatchObject({ baseUrl: 'http://127.0.0.1:9' });
    expect(() => loadConfig({ TANDEM_SMS_PROVIDER: 'twilio' })).toThrow(/TANDEM_SMS_ACCOUNT_SID/);
    expect(() => loadConfig({ TANDEM_SMS_PROVIDER: 'pigeon' })).toThrow(/not a provider/);
  });
});
