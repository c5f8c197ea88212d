// Read replicas (DATABASE_REPLICA_URL, docs/decisions.md D49): heavy list reads run on a PostgreSQL hot standby, and
// only once it has replayed everything the primary had made visible when the read began. The caller's facts and every
// decision on one record are read on the primary (storage/load-actor-context.ts, the guards); the list's compiled
// filter (render-filter.ts) joins share, grant and team tables, so a list read on a standby that has not yet replayed
// a revoke would show the revoked contact. Hence, per list:
//   1. the primary's WAL position now (`pg_current_wal_flush_lsn()`: under synchronous_commit on, a commit is flushed
//      before anyone can see it, so every write visible now lies below it; `pg_current_wal_insert_lsn()` when the
//      primary runs with synchronous_commit off, where a visible commit may not be flushed yet), read at the same time
//      as the standby's replay position (both in one round trip's time; replay only moves forward, so reading it
//      early is never optimistic);
//   2. while the standby's `pg_last_wal_replay_lsn()` is below it, poll (every POLL_MS) up to the bound (maxWaitMs,
//      default 200 ms) on the same standby connection the list then runs on (so a pooler over several standbys cannot
//      answer the check from one and the list from another);
//   3. past the bound, or when the standby is unreachable, no longer in recovery (promoted: it has left the
//      primary's history) or cancels the read (a recovery conflict), the list runs on the primary instead.
// Each outcome is counted (`tally`, exported as tandem_replica_reads_total by http/plugins/metrics.ts).
import { sql } from 'kysely';
import { tallyReplicaRead, type ReplicaOutcome } from '../observability/replica-tally.ts';
import type { Db } from './connect.ts';
import { saysDatabaseAway } from './database-unavailable.ts';

/**
 * Where a list was read: on the standby at once, on it after waiting for replay, or on the primary (lag, trouble);
 * with the milliseconds spent waiting for replay.
 */
export type ReplicaTally = Record<ReplicaOutcome, number> & { waitedMs: number };

export type ReadReplica = {
  /** Runs `read` on the standby once it has replayed the primary's current position, else on the primary. */
  read<T>(read: (db: Db) => Promise<T>): Promise<T>;
  /** The outcomes so far (plain numbers in this process). */
  tally(): ReplicaTally;
};

export type ReplicaOptions = {
  /** How long a list waits for the standby to catch up before it runs on the primary (TANDEM_REPLICA_MAX_WAIT_MS). */
  maxWaitMs?: number;
  /** Between two looks at the standby's replay position. */
  pollMs?: number;
  /** The primary's position to wait for: 'flush' under synchronous_commit on/local/remote_*, 'insert' when off. */
  position?: 'flush' | 'insert';
};

export const DEFAULT_MAX_WAIT_MS = 200;
const POLL_MS = 5;

/** An LSN `X/Y` (two hex halves) as one number, to compare positions. */
export function lsnValue(text: string): bigint {
  const [high = '0', low = '0'] = text.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

/**
 * The position a standby must reach for this primary: 'insert' when the primary commits asynchronously (checked once,
 * for Tandem's own role and database, which is what its writes run under).
 */
export async function positionFor(primary: Db): Promise<'flush' | 'insert'> {
  const { rows } = await sql<{ setting: string }>`SELECT current_setting('synchronous_commit') AS setting`.execute(primary);
  return rows[0]?.setting === 'off' ? 'insert' : 'flush';
}

/**
 * Errors that say the standby cannot serve now, after which the same read is run on the primary: the database away
 * (storage/database-unavailable.ts: refused, dropped, shutting down, too many connections), any 57P0x (its database
 * dropped, an idle session ended) and 40001, which a standby gives a query it cancels for a conflict with recovery.
 * Anything else (bad input, a bug) is the read's own and is thrown.
 */
export function isStandbyTrouble(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && (code === '40001' || code.startsWith('57P'))) return true;
  return saysDatabaseAway(error);
}

type Standby = { replayed: bigint | null; inRecovery: boolean };

async function standbyPosition(db: Db): Promise<Standby> {
  const { rows } = await sql<{ lsn: string | null; recovery: boolean }>`SELECT pg_last_wal_replay_lsn()::text AS lsn, pg_is_in_recovery() AS recovery`.execute(db);
  const row = rows[0];
  return { replayed: row?.lsn ? lsnValue(row.lsn) : null, inRecovery: row?.recovery === true };
}

async function primaryPosition(db: Db, position: 'flush' | 'insert'): Promise<bigint> {
  const query = position === 'insert' ? sql<{ lsn: string }>`SELECT pg_current_wal_insert_lsn()::text AS lsn` : sql<{ lsn: string }>`SELECT pg_current_wal_flush_lsn()::text AS lsn`;
  const { rows } = await query.execute(db);
  return lsnValue(rows[0]?.lsn ?? '0/0');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function readReplica(primary: Db, standby: Db, options: ReplicaOptions = {}): ReadReplica {
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const pollMs = options.pollMs ?? POLL_MS;
  const position = options.position ?? 'flush';
  const counts: ReplicaTally = { replica: 0, replica_waited: 0, primary_lagging: 0, primary_unavailable: 0, waitedMs: 0 };
  const count = (outcome: ReplicaOutcome, waitedMs: number) => {
    counts[outcome]++;
    counts.waitedMs += waitedMs;
    tallyReplicaRead(outcome, waitedMs);
  };

  /** On one standby connection: wait for replay to reach the primary's position, then read; `lagging` past the bound. */
  const onStandby = <T>(read: (db: Db) => Promise<T>) =>
    standby.connection().execute(async (conn): Promise<{ lagging: false; value: T; waitedMs: number } | { lagging: true; waitedMs: number }> => {
      const started = performance.now();
      const [target, first] = await Promise.all([primaryPosition(primary, position), standbyPosition(conn)]);
      let seen = first;
      while (!(seen.inRecovery && seen.replayed !== null && seen.replayed >= target)) {
        // Promoted or never a standby: its data has left the primary's history; waiting cannot help.
        if (!seen.inRecovery || performance.now() - started >= maxWaitMs) return { lagging: true, waitedMs: performance.now() - started };
        await sleep(pollMs);
        seen = await standbyPosition(conn);
      }
      const waitedMs = seen === first ? 0 : performance.now() - started;
      return { lagging: false, value: await read(conn), waitedMs };
    });

  return {
    async read<T>(read: (db: Db) => Promise<T>): Promise<T> {
      let outcome: Awaited<ReturnType<typeof onStandby<T>>>;
      try {
        outcome = await onStandby(read);
      } catch (error) {
        if (!isStandbyTrouble(error)) throw error;
        count('primary_unavailable', 0);
        return read(primary);
      }
      if (!outcome.lagging) {
        count(outcome.waitedMs > 0 ? 'replica_waited' : 'replica', outcome.waitedMs);
        return outcome.value;
      }
      count('primary_lagging', outcome.waitedMs);
      return read(primary);
    },
    tally: () => ({ ...counts }),
  };
}

/** The database a list reads: through the replica when one is configured (`deps.replica`), else the primary. */
export function readForList<T>(deps: { db: Db; replica?: ReadReplica | undefined }, read: (db: Db) => Promise<T>): Promise<T> {
  return deps.replica ? deps.replica.read(read) : read(deps.db);
}
