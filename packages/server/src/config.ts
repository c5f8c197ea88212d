// Configuration from the environment (see README and ../shared/spec/api.md "Running").
import { targetFromEnv, type DbTarget } from './storage/connect.ts';

export type MailConfig = {
  /** SMTP_URL (smtp://host:port, smtps://user:password@host:port); null: no SMTP, e-mails are logged (demo mode). */
  smtpUrl: string | null;
  /** MAIL_FROM: the From header of every e-mail. */
  from: string;
  /** TANDEM_INBOUND_DOMAIN: the domain of reply addresses (mail/reply-address.ts); default: the public URL's host. */
  inboundDomain: string;
};

/** SMS delivery (spec §6.5): the built-in outbox (nothing leaves the machine) or a Twilio-style REST provider. */
export type SmsConfig =
  | { provider: 'outbox'; defaultLine: string | null }
  | { provider: 'twilio'; defaultLine: string | null; accountSid: string; authToken: string; baseUrl: string };

export type Config = {
  port: number; host: string; db: DbTarget; demoData: boolean; logLevel: string;
  /** TANDEM_PUBLIC_URL: where people reach the app; e-mailed links start with it. */
  publicUrl: string;
  mail: MailConfig;
  sms: SmsConfig;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    db: targetFromEnv(env),
    demoData: (env.TANDEM_DEMO_DATA ?? 'on').toLowerCase() !== 'off',
    logLevel: env.LOG_LEVEL ?? 'info',
    publicUrl: (env.TANDEM_PUBLIC_URL?.trim() || `http://localhost:${port}`).replace(/\/+$/, ''),
    mail: {
      smtpUrl: env.SMTP_URL?.trim() || null, from: env.MAIL_FROM?.trim() || 'Tandem <tandem@localhost>',
      inboundDomain: env.TANDEM_INBOUND_DOMAIN?.trim() || hostOf(env.TANDEM_PUBLIC_URL?.trim()) || 'localhost',
    },
    sms: smsConfig(env),
  };
}

/**
 * TANDEM_SMS_PROVIDER (`outbox` default, or `twilio` with TANDEM_SMS_ACCOUNT_SID, TANDEM_SMS_AUTH_TOKEN and
 * TANDEM_SMS_BASE_URL, default https://api.twilio.com); TANDEM_SMS_DEFAULT_LINE: the From of texts for owners with
 * no SMS line of their own.
 */
export function smsConfig(env: NodeJS.ProcessEnv): SmsConfig {
  const defaultLine = env.TANDEM_SMS_DEFAULT_LINE?.trim() || null;
  const provider = (env.TANDEM_SMS_PROVIDER?.trim() || 'outbox').toLowerCase();
  if (provider === 'outbox') return { provider, defaultLine };
  if (provider !== 'twilio') throw new Error(`TANDEM_SMS_PROVIDER: "${provider}" is not a provider (outbox or twilio)`);
  const accountSid = env.TANDEM_SMS_ACCOUNT_SID?.trim();
  const authToken = env.TANDEM_SMS_AUTH_TOKEN?.trim();
  if (!accountSid || !authToken) throw new Error('TANDEM_SMS_PROVIDER=twilio needs TANDEM_SMS_ACCOUNT_SID and TANDEM_SMS_AUTH_TOKEN');
  return { provider, defaultLine, accountSid, authToken, baseUrl: env.TANDEM_SMS_BASE_URL?.trim() || 'https://api.twilio.com' };
}

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try { return new URL(url).hostname || null; } catch { return null; }
}
