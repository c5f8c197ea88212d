// Attempt counters shared by every node of one database (D46): @fastify/rate-limit's fixed windows and the wrong
// sign-ins per e-mail. Each count is one upsert, atomic on PostgreSQL (the row lock of ON CONFLICT) and on PGlite
// (one connection), so two nodes counting the same key never lose a hit.
import { sql } from 'kysely';
import type { Db } from './connect.ts';

/** Counts one hit on `key`: a new window of `windowMs` starts when there is none or the last one ended. */
export async function countAttempt(db: Db, key: string, now: number, windowMs: number): Promise<{ hits: number; windowEndsAt: number }> {
  const at = new Date(now);
  const end = new Date(now + windowMs);
  const { rows } = await sql<{ hits: number; window_ends_at: Date }>`
    INSERT INTO rate_limit_counters AS c (key, hits, window_ends_at) VALUES (${key}, 1, ${end})
    ON CONFLICT (key) DO UPDATE SET
      hits = CASE WHEN c.window_ends_at <= ${at} THEN 1 ELSE c.hits + 1 END,
      window_ends_at = CASE WHEN c.window_ends_at <= ${at} THEN ${end} ELSE c.window_ends_at END
    RETURNING hits, window_ends_at`.execute(db);
  const row = rows[0] as { hits: number; window_ends_at: Date };
  return { hits: Number(row.hits), windowEndsAt: new Date(row.window_ends_at).getTime() };
}

/** The hits of `key`'s current window, without counting one (0 when its window has ended). */
export async function readAttempts(db: Db, key: string, now: number): Promise<{ hits: number; windowEndsAt: number }> {
  const row = await db.selectFrom('rate_limit_counters').select(['hits', 'window_ends_at'])
    .where('key', '=', key).where('window_ends_at', '>', new Date(now)).executeTakeFirst();
  return row ? { hits: Number(row.hits), windowEndsAt: new Date(row.window_ends_at).getTime() } : { hits: 0, windowEndsAt: now };
}

/** Forgets the given counters (an admin's unlock clears the e-mail's sign-in count with its lock). */
export async function clearAttempts(db: Db, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.deleteFrom('rate_limit_counters').where('key', 'in', keys).execute();
}

/** Deletes counters and failure rows whose window (and lock) ended before `before`; answers how many. */
export async function sweepAttempts(db: Db, before: number): Promise<number> {
  const at = new Date(before);
  const counters = await db.deleteFrom('rate_limit_counters').where('window_ends_at', '<', at).executeTakeFirst();
  const failures = await db.deleteFrom('sign_in_failures').where('window_ends_at', '<', at)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', at)])).executeTakeFirst();
  return Number(counters.numDeletedRows) + Number(failures.numDeletedRows);
}

/** When the e-mail's sign-in lock ends, if it is locked at `now`. */
export async function loadSignInLock(db: Db, email: string, now: number): Promise<number | null> {
  const row = await db.selectFrom('sign_in_failures').select('locked_until')
    .where('email', '=', email).where('locked_until', '>', new Date(now)).executeTakeFirst();
  return row?.locked_until ? new Date(row.locked_until).getTime() : null;
}

/** The e-mails among `emails` locked at `now`, with when each lock ends. */
export async function loadSignInLocks(db: Db, emails: string[], now: number): Promise<Map<string, number>> {
  if (emails.length === 0) return new Map();
  const rows = await db.selectFrom('sign_in_failures').select(['email', 'locked_until'])
    .where('email', 'in', emails).where('locked_until', '>', new Date(now)).execute();
  return new Map(rows.map((r) => [r.email, new Date(r.locked_until as Date).getTime()]));
}

/**
 * Counts one wrong sign-in for `email`. A window of `windowMs` starts at the first failure; the failure that brings
 * the count to `max` within it locks the e-mail for `lockMs`. Answers the count and the lock's end, if any.
 */
export async function recordSignInFailure(
  db: Db, email: string, now: number, policy: { max: number; windowMs: number; lockMs: number },
): Promise<{ failures: number; lockedUntil: number | null }> {
  const at = new Date(now);
  const end = new Date(now + policy.windowMs);
  const lockEnd = new Date(now + policy.lockMs);
  const firstLock = policy.max <= 1 ? lockEnd : null;
  const { rows } = await sql<{ failures: number; locked_until: Date | null }>`
    INSERT INTO sign_in_failures AS f (email, failures, window_ends_at, locked_until)
    VALUES (${email}, 1, ${end}, ${firstLock}::timestamptz)
    ON CONFLICT (email) DO UPDATE SET
      failures = CASE WHEN f.window_ends_at <= ${at} THEN 1 ELSE f.failures + 1 END,
      window_ends_at = CASE WHEN f.window_ends_at <= ${at} THEN ${end} ELSE f.window_ends_at END,
      locked_until = CASE WHEN (CASE WHEN f.window_ends_at <= ${at} THEN 1 ELSE f.failures + 1 END) >= ${policy.max}::integer
        THEN ${lockEnd}::timestamptz ELSE f.locked_until END
    RETURNING failures, locked_until`.execute(db);
  const row = rows[0] as { failures: number; locked_until: Date | null };
  const lockedUntil = row.locked_until ? new Date(row.locked_until).getTime() : null;
  return { failures: Number(row.failures), lockedUntil: lockedUntil !== null && lockedUntil > now ? lockedUntil : null };
}

/** Forgets the e-mail's wrong sign-ins and lock (a right password, or an admin's unlock); answers the lock's end if it was locked. */
export async function clearSignInFailures(db: Db, email: string, now: number): Promise<number | null> {
  const row = await db.deleteFrom('sign_in_failures').where('email', '=', email).returning('locked_until').executeTakeFirst();
  const lockedUntil = row?.locked_until ? new Date(row.locked_until).getTime() : null;
  return lockedUntil !== null && lockedUntil > now ? lockedUntil : null;
}
