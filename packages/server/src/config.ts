// Configuration from the environment (see README and ../shared/spec/api.md "Running").
import { targetFromEnv, type DbTarget } from './storage/connect.ts';
import { DEFAULT_MAX_WAIT_MS } from './storage/replica.ts';
import type { TrustProxy } from './http/deps.ts';
import { DEFAULT_ATTEMPT_LIMITS, scaledAttemptLimits, type AttemptLimits } from './domain/accounts/attempt-limits.ts';

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
  /** TANDEM_TRUST_PROXY: whose X-Forwarded-For to believe (trustProxyOf). */
  trustProxy: TrustProxy;
  mail: MailConfig;
  sms: SmsConfig;
  programs: ProgramConfig;
  sync: SyncConfig;
  /** DATABASE_REPLICA_URL (PostgreSQL only): a hot standby that serves heavy lists (D49); null: everything on the primary. */
  replica: ReplicaConfig | null;
  /** Rate limits and the sign-in lockout (D46; attemptLimitsConfig). */
  attemptLimits: AttemptLimits;
};

/** A read replica: its URL, and how long a list waits for it to replay the primary's writes (TANDEM_REPLICA_MAX_WAIT_MS). */
export type ReplicaConfig = { url: string; maxWaitMs: number };

/**
 * Sync channels (docs/decisions.md D39): where the providers' APIs are (tests and proxies point them elsewhere), and
 * how long one queue job pushes chunks before it hands the run to the next job.
 */
export type SyncConfig = {
  /** TANDEM_MAILCHIMP_BASE_URL; `{dc}` is replaced by the API key's data centre (the part after its last "-"). */
  mailchimpBaseUrl: string;
  /** TANDEM_GOOGLE_PEOPLE_BASE_URL. */
  googlePeopleBaseUrl: string;
  /** TANDEM_GOOGLE_TOKEN_URL: where a refresh token is exchanged for an access token. */
  googleTokenUrl: string;
  /** TANDEM_SYNC_SLICE_SECONDS (default 10): chunks pushed by one job before the run goes on in the next job. */
  sliceMs: number;
};

/** The program runner (docs/decisions.md D34): how often it looks for due steps, and how long a program "day" is. */
export type ProgramConfig = { tickMs: number; dayMs: number };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    db: targetFromEnv(env),
    demoData: (env.TANDEM_DEMO_DATA ?? 'on').toLowerCase() !== 'off',
    logLevel: env.LOG_LEVEL ?? 'info',
    publicUrl: (env.TANDEM_PUBLIC_URL?.trim() || `http://localhost:${port}`).replace(/\/+$/, ''),
    trustProxy: trustProxyOf(env.TANDEM_TRUST_PROXY),
    mail: {
      smtpUrl: env.SMTP_URL?.trim() || null, from: env.MAIL_FROM?.trim() || 'Tandem <tandem@localhost>',
      inboundDomain: env.TANDEM_INBOUND_DOMAIN?.trim() || hostOf(env.TANDEM_PUBLIC_URL?.trim()) || 'localhost',
    },
    sms: smsConfig(env),
    programs: programConfig(env),
    sync: syncConfig(env),
    replica: replicaConfig(env),
    attemptLimits: attemptLimitsConfig(env),
  };
}

/**
 * D46. TANDEM_RATE_LIMIT_FACTOR (default 1): multiplies every rate limit's count (not the windows), e.g. 10 for a
 * load test from one address. TANDEM_SIGN_IN_LOCK_FAILURES (default 10) wrong passwords for one e-mail within
 * TANDEM_SIGN_IN_LOCK_MINUTES (default 15) lock its sign-in for as many minutes.
 */
export function attemptLimitsConfig(env: NodeJS.ProcessEnv): AttemptLimits {
  const number = (name: string, fallback: number, ok: (n: number) => boolean, what: string): number => {
    const text = env[name]?.trim();
    if (!text) return fallback;
    const value = Number(text);
    if (!ok(value)) throw new Error(`${name}: "${text}" is not ${what}`);
    return value;
  };
  const factor = number('TANDEM_RATE_LIMIT_FACTOR', 1, (n) => Number.isFinite(n) && n > 0, 'a positive number');
  const failures = number('TANDEM_SIGN_IN_LOCK_FAILURES', DEFAULT_ATTEMPT_LIMITS.signInLock.max, (n) => Number.isInteger(n) && n >= 1, 'a whole number of at least 1');
  const minutes = number('TANDEM_SIGN_IN_LOCK_MINUTES', DEFAULT_ATTEMPT_LIMITS.signInLock.lockMs / 60_000, (n) => Number.isFinite(n) && n > 0, 'a positive number of minutes');
  const actions = factor === 1 ? DEFAULT_ATTEMPT_LIMITS.actions : scaledAttemptLimits(DEFAULT_ATTEMPT_LIMITS, factor).actions;
  return { actions, signInLock: { max: failures, windowMs: minutes * 60_000, lockMs: minutes * 60_000 } };
}

/** DATABASE_REPLICA_URL and TANDEM_REPLICA_MAX_WAIT_MS (default 200); a replica of PGlite does not exist. */
export function replicaConfig(env: NodeJS.ProcessEnv): ReplicaConfig | null {
  const url = env.DATABASE_REPLICA_URL?.trim();
  if (!url) return null;
  if (!env.DATABASE_URL?.trim()) throw new Error('DATABASE_REPLICA_URL needs DATABASE_URL: read replicas are PostgreSQL standbys of the primary it names');
  const text = env.TANDEM_REPLICA_MAX_WAIT_MS?.trim();
  const maxWaitMs = text ? Number(text) : DEFAULT_MAX_WAIT_MS;
  if (!Number.isFinite(maxWaitMs) || maxWaitMs < 0) throw new Error(`TANDEM_REPLICA_MAX_WAIT_MS: "${text}" is not a number of milliseconds`);
  return { url, maxWaitMs };
}

/**
 * TANDEM_TRUST_PROXY (D44): unset or `off` (default): X-Forwarded-For is ignored and the client address is the
 * socket's peer, so nobody can pick their own address (it keys rate limits and logs). A whole number: that many
 * proxy hops in front of the server. Otherwise a comma-separated list of proxy addresses or CIDRs (`10.0.0.0/8,::1`).
 * `true` (believe anyone) is refused on purpose.
 */
export function trustProxyOf(value: string | undefined): TrustProxy {
  const text = value?.trim().toLowerCase() ?? '';
  if (text === '' || text === 'off' || text === 'false' || text === '0') return false;
  if (/^\d+$/.test(text)) return Number(text);
  if (text === 'true' || text === 'on') throw new Error('TANDEM_TRUST_PROXY: give a hop count or the proxies\' addresses/CIDRs, not "true" (that would believe any client\'s X-Forwarded-For)');
  const list = text.split(',').map((part) => part.trim()).filter(Boolean);
  const bad = list.find((part) => !/^[0-9a-f.:]+(\/\d{1,3})?$/.test(part));
  if (bad !== undefined) throw new Error(`TANDEM_TRUST_PROXY: "${bad}" is not an address or CIDR`);
  return list;
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

/**
 * TANDEM_PROGRAM_TICK_SECONDS (default 60): how often the runner sends due program steps; TANDEM_PROGRAM_DAY_SECONDS
 * (default 86400): the length of the "day" a step's `delayDays` counts (a browser test sets a few seconds).
 */
export function programConfig(env: NodeJS.ProcessEnv): ProgramConfig {
  return { tickMs: positiveSeconds(env, 'TANDEM_PROGRAM_TICK_SECONDS', 60) * 1000, dayMs: positiveSeconds(env, 'TANDEM_PROGRAM_DAY_SECONDS', 86_400) * 1000 };
}

/** TANDEM_MAILCHIMP_BASE_URL, TANDEM_GOOGLE_PEOPLE_BASE_URL, TANDEM_GOOGLE_TOKEN_URL, TANDEM_SYNC_SLICE_SECONDS. */
export function syncConfig(env: NodeJS.ProcessEnv): SyncConfig {
  const url = (name: string, fallback: string) => (env[name]?.trim() || fallback).replace(/\/+$/, '');
  return {
    mailchimpBaseUrl: url('TANDEM_MAILCHIMP_BASE_URL', 'https://{dc}.api.mailchimp.com/3.0'),
    googlePeopleBaseUrl: url('TANDEM_GOOGLE_PEOPLE_BASE_URL', 'https://people.googleapis.com/v1'),
    googleTokenUrl: url('TANDEM_GOOGLE_TOKEN_URL', 'https://oauth2.googleapis.com/token'),
    sliceMs: positiveSeconds(env, 'TANDEM_SYNC_SLICE_SECONDS', 10) * 1000,
  };
}

function positiveSeconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}: "${text}" is not a positive number of seconds`);
  return value;
}

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try { return new URL(url).hostname || null; } catch { return null; }
}
