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

export type Config = {
  port: number; host: string; db: DbTarget; demoData: boolean; logLevel: string;
  /** TANDEM_PUBLIC_URL: where people reach the app; e-mailed links start with it. */
  publicUrl: string;
  mail: MailConfig;
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
  };
}

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try { return new URL(url).hostname || null; } catch { return null; }
}
