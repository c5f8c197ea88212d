// API test harness: buildApp on a fresh in-memory PGlite (or a fresh PostgreSQL database) with a clock the test can
// move. API test files do not call this directly: test/api/support/test-app.ts `useTestApp()` wraps it in hooks.
import type { TrustProxy } from '../../src/http/deps.ts';
import { DEFAULT_ATTEMPT_LIMITS, scaledAttemptLimits, type AttemptLimits } from '../../src/domain/accounts/attempt-limits.ts';
import type { FastifyInstance } from 'fastify';
import { manualClock } from '../../src/clock.ts';
import { buildApp } from '../../src/http/app.ts';
import type { Mailer } from '../../src/domain/shared/mailer.ts';
import type { SyncPorts } from '../../src/domain/sync/sync-deps.ts';
import type { Db, DbHandle } from '../../src/storage/connect.ts';
import { freshDatabase, type DatabaseKind } from './databases.ts';
import { freshMigratedPglite } from './pglite-template.ts';

export type ManualClock = ReturnType<typeof manualClock>;

/** Monday 5 January 2026, 09:00 UTC: where every API test's clock starts unless it asks otherwise. */
export const TEST_START = '2026-01-05T09:00:00Z';

export type TestApp = {
  app: FastifyInstance;
  handle: DbHandle;
  db: Db;
  clock: ManualClock;
  close: () => Promise<void>;
};

export type TestAppOptions = {
  /** 'pglite' (default): in memory, in this process. 'postgres': a fresh database on the run's PostgreSQL server. */
  db?: DatabaseKind;
  /** Where the manual clock starts (ISO string or epoch ms); TEST_START by default. */
  now?: string | number;
  /** The app's mailer, asked for when the app is built (so it may point at a server started in an earlier hook); default: the log. */
  mailer?: () => Mailer;
  /** The public base URL e-mailed links start with; default http://localhost:3000. */
  publicUrl?: string;
  /** The sync ports (connectors pointed at loopback stand-ins), asked for when the app is built; default: the real URLs. */
  sync?: () => SyncPorts;
  /** TANDEM_TRUST_PROXY as parsed (config.ts trustProxyOf); default: trust no proxy. */
  trustProxy?: TrustProxy;
  /** Pino options for the app's logger (e.g. `{ level: 'error', stream }` to read what it logs); default: no log. */
  logger?: object;
  /**
   * Rate limits and the sign-in lockout (D46). Default: the production figures times 1,000, because a test's clock
   * stands still while it signs in many times from one address; 'production' for DEFAULT_ATTEMPT_LIMITS itself.
   */
  attemptLimits?: AttemptLimits | 'production';
};

/** What tests run with unless they ask for the production limits (or their own). */
export const TEST_ATTEMPT_LIMITS = scaledAttemptLimits(DEFAULT_ATTEMPT_LIMITS, 1000);

export async function buildTestApp(kindOrOptions: DatabaseKind | TestAppOptions = {}): Promise<TestApp> {
  const options = typeof kindOrOptions === 'string' ? { db: kindOrOptions } : kindOrOptions;
  const kind = options.db ?? 'pglite';
  const handle = kind === 'pglite' ? await freshMigratedPglite() : await freshDatabase(kind);
  const clock = manualClock(options.now ?? TEST_START);
  const app = await buildApp({
    db: handle.db, clock, logger: options.logger ?? false,
    ...(options.mailer ? { mailer: options.mailer() } : {}), ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    ...(options.sync ? { sync: options.sync() } : {}), ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
    attemptLimits: options.attemptLimits === 'production' ? DEFAULT_ATTEMPT_LIMITS : options.attemptLimits ?? TEST_ATTEMPT_LIMITS,
  });
  await app.ready();
  return {
    app,
    handle,
    db: handle.db,
    clock,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

// The untyped request helper the API tests used before test/api/support/api-client.ts. Kept, with its two `any`s,
// only because files written against it are still in flight (bad-input, races, openapi-diff, the account-audit
// script); new code uses `useTestApp().api` (typed answers, `expectStatus`) or `api.call(method, url, …)`.

/** @deprecated use `useTestApp().api` (test/api/support/test-app.ts). */
export type Call = {
  /** A bearer token (session or API token); omit for an anonymous call. */
  as?: string | { token: string };
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
};

/** @deprecated use the typed `Answer` of test/api/support/api-types.ts. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test bodies are asserted field by field
export type Answer<T = any> = { status: number; body: T; headers: Record<string, unknown> };

/** @deprecated use `useTestApp().api` or its `call(method, url, …)`. One request through `inject`; JSON bodies parsed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see Answer
export async function call<T = any>(app: FastifyInstance, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, opts: Call = {}): Promise<Answer<T>> {
  const token = typeof opts.as === 'string' ? opts.as : opts.as?.token;
  const query = Object.fromEntries(Object.entries(opts.query ?? {}).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
  const res = await app.inject({
    method,
    url,
    query,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...opts.headers },
    ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
  });
  const text = res.body;
  const body = text && /json/.test(String(res.headers['content-type'] ?? '')) ? JSON.parse(text) : text;
  return { status: res.statusCode, body: body as T, headers: res.headers };
}
