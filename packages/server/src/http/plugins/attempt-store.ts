// @fastify/rate-limit's `store` backed by the database (D46), so every node of one PostgreSQL counts the same hits
// (the plugin's default store is per process). PGlite uses the same table. The plugin builds the store with `new`
// and asks each limiter for a `child`; they share one table, and the limiter's name is part of its keys.
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../storage/connect.ts';
import { countAttempt, readAttempts, sweepAttempts } from '../../storage/attempt-queries.ts';

type Result = { current: number; ttl: number };
type Callback = (error: Error | null, result?: Result) => void;

/** Every this many counts a node deletes windows that ended over an hour ago, so the table stays small. */
const SWEEP_EVERY = 500;
const SWEEP_AGE_MS = 60 * 60 * 1000;

export function databaseStore(db: Db, clock: Clock): FastifyRateLimitStoreCtor {
  let counted = 0;
  class DatabaseStore implements FastifyRateLimitStore {
    incr(key: string, callback: Callback, timeWindow: number): void {
      const now = clock.now();
      counted += 1;
      const sweep = counted % SWEEP_EVERY === 0 ? sweepAttempts(db, now - SWEEP_AGE_MS) : Promise.resolve(0);
      sweep.then(() => countAttempt(db, key, now, timeWindow)).then(
        ({ hits, windowEndsAt }) => callback(null, { current: hits, ttl: Math.max(0, windowEndsAt - now) }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    /** The plugin's `{ increment: false }` peek. */
    read(key: string, callback: Callback): void {
      const now = clock.now();
      readAttempts(db, key, now).then(
        ({ hits, windowEndsAt }) => callback(null, { current: hits, ttl: Math.max(0, windowEndsAt - now) }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    child(): FastifyRateLimitStore {
      return new DatabaseStore();
    }
  }
  return DatabaseStore;
}
