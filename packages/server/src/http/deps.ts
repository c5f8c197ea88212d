// What the HTTP layer is built from. The domain's `Deps` is the part of it the use cases see (structurally: an
// AppDeps is a Deps and a MailDeps), so routes hand `deps` straight to a use case.
import type { Clock } from '../clock.ts';
import type { AttemptLimits } from '../domain/accounts/attempt-limits.ts';
import type { MailDeps } from '../domain/shared/deps.ts';
import type { SyncPorts } from '../domain/sync/sync-deps.ts';
import type { PoolStats } from '../storage/connect.ts';

export type AppDeps = MailDeps & {
  clock: Clock;
  /** Pino logger options; false in tests. */
  logger?: boolean | object;
  /** Folder of the built web app; when absent, only the API is served. */
  webDir?: string;
  /** Mark cookies Secure; default: when the public URL is https (D44). */
  secureCookies?: boolean;
  /** Which proxies' X-Forwarded-For to believe (TANDEM_TRUST_PROXY, config.ts): none (default), a hop count, or addresses/CIDRs. */
  trustProxy?: TrustProxy;
  /** The domain of reply addresses (TANDEM_INBOUND_DOMAIN, mail/reply-address.ts); default 'localhost'. */
  inboundDomain: string;
  /** The length of a program "day" in ms (TANDEM_PROGRAM_DAY_SECONDS, config.ts); default one day. */
  programDayMs?: number;
  /** Sync channels (D39): the connectors, the box that seals credentials, the slice (domain/sync/connectors.ts syncPorts). */
  sync: SyncPorts;
  /** /metrics (http/plugins/metrics.ts): TANDEM_METRICS_TOKEN (unset: loopback only) and the PostgreSQL pool's numbers. */
  metrics?: { token?: string | null; poolStats?: (() => PoolStats) | undefined };
  /** Rate limits and the sign-in lockout (D46; TANDEM_RATE_LIMIT_FACTOR, TANDEM_SIGN_IN_LOCK_*); default DEFAULT_ATTEMPT_LIMITS. */
  attemptLimits?: AttemptLimits;
};

export type TrustProxy = false | number | string[];

/** The public base URL when none is given (TANDEM_PUBLIC_URL; config.ts defaults it to the listen port). */
export const DEFAULT_PUBLIC_URL = 'http://localhost:3000';

/**
 * What `buildApp` takes: AppDeps whose mailer and public URL may be left out. Without a mailer the app writes
 * e-mails to its log (demo mode, `delivery: 'logged'`).
 */
export type AppInput = Omit<AppDeps, 'mailer' | 'publicUrl' | 'inboundDomain' | 'sync'> & Partial<Pick<AppDeps, 'mailer' | 'publicUrl' | 'inboundDomain' | 'sync'>>;
