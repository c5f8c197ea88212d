// Did a refused request write anything? A fingerprint of every table (row count and a sum of row hashes) before the
// request and after it must be equal. Fingerprints are costly, so the next transaction id stands guard: a request
// that assigned none (most refusals, stopped before any statement that writes) cannot have changed a row, and the
// fingerprint is only computed again once the id has moved.
import { sql } from 'kysely';
import type { Db } from '../../../server/src/storage/connect.ts';

export type Snapshot = Map<string, string>;

export type Guard = {
  /** Call before the request: makes sure the fingerprint on hand is the database's now. */
  before: () => Promise<void>;
  /** Call after a refused request: the tables it changed (none when no transaction id was assigned meanwhile). */
  changedSince: () => Promise<string[]>;
  fingerprints: () => number;
};

/**
 * Tables a refused request writes on purpose: the attempt counters of the rate limits and the sign-in lockout (D46)
 * count refusals too (a wrong password, a link that does not work), which is their job, not a partial write.
 */
const COUNTS_REFUSALS = new Set(['rate_limit_counters', 'sign_in_failures']);

export async function writeGuard(db: Db): Promise<Guard> {
  const tables = (await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db)).rows.map((r) => r.name)
    .filter((name) => !COUNTS_REFUSALS.has(name));
  const query = tables.map((t) => `SELECT '${t}' AS t, count(*)::text || ':' || coalesce(sum(hashtext(x::text)::bigint), 0)::text AS h FROM "${t}" x`).join(' UNION ALL ');
  const fingerprint = async (): Promise<Snapshot> => new Map((await sql.raw<{ t: string; h: string }>(query).execute(db)).rows.map((r) => [r.t, r.h]));
  const nextXid = async () => (await sql<{ x: string }>`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x`.execute(db)).rows[0]?.x ?? '';
  let count = 0;
  let held: { xid: string; snap: Snapshot } | null = null;
  return {
    fingerprints: () => count,
    before: async () => {
      const xid = await nextXid();
      if (held?.xid === xid) return;
      count += 1;
      held = { xid, snap: await fingerprint() };
    },
    changedSince: async () => {
      if (!held) throw new Error('writeGuard: changedSince before before');
      if ((await nextXid()) === held.xid) return [];
      count += 1;
      const now = await fingerprint();
      const was = held.snap;
      return [...new Set([...was.keys(), ...now.keys()])].filter((t) => was.get(t) !== now.get(t));
    },
  };
}
