// API test harness: buildApp on a fresh in-memory PGlite (or PostgreSQL) with a clock the test can move.
// Every test builds its own world, so order never matters.
import type { FastifyInstance } from 'fastify';
import { manualClock } from '../../src/clock.ts';
import { buildApp } from '../../src/http/app.ts';
import type { DbHandle } from '../../src/storage/connect.ts';
import { freshDatabase, type DatabaseKind } from './databases.ts';

export type TestApp = {
  app: FastifyInstance;
  handle: DbHandle;
  clock: ReturnType<typeof manualClock>;
  close: () => Promise<void>;
};

export async function buildTestApp(kind: DatabaseKind = 'pglite'): Promise<TestApp> {
  const handle = await freshDatabase(kind);
  const clock = manualClock();
  const app = await buildApp({ db: handle.db, clock, logger: false });
  await app.ready();
  return {
    app,
    handle,
    clock,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

export type Call = {
  /** A bearer token (session or API token); omit for an anonymous call. */
  as?: string | { token: string };
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test bodies are asserted field by field
export type Answer<T = any> = { status: number; body: T; headers: Record<string, unknown> };

/** One request through `inject`. Problem details and JSON bodies are parsed. */
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
