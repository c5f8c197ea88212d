// Opens the database: PGlite in a local folder by default, PostgreSQL when DATABASE_URL is set.
// Both run the same numbered SQL migrations and the same Kysely queries. On PostgreSQL the hot statements (those
// that open with a `prepared(...)` marker, storage/prepared.ts) run as named prepared statements: parsed and planned
// once per connection rather than on every request.
import { PGlite, type Extensions } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { Kysely, PostgresDialect, type LogConfig, type PostgresPool, type PostgresPoolClient } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { markPoolError } from './database-unavailable.ts';
import { preparedNameOf } from './prepared.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
/** A database plus what Kysely cannot do portably: run a multi-statement script (migrations) and close. */
export type DbHandle = {
  db: Db; kind: 'pglite' | 'postgres'; runScript: (script: string) => Promise<void>; close: () => Promise<void>;
  /** PostgreSQL only: the pool's connections now (for /metrics). PGlite is one in-process connection, no pool. */
  poolStats?: () => PoolStats;
};
export type PoolStats = { total: number; idle: number; waiting: number; max: number };
/** `log` is Kysely's: every statement run, BEGIN and COMMIT included (the statement-count test uses it). */
export type DbTarget =
  | { kind: 'pglite'; dataDir?: string; log?: LogConfig }
  | { kind: 'postgres'; url: string; poolSize?: number; log?: LogConfig; maxPreparedPerConnection?: number };

/** At most this many named statements per connection; past it, a connection runs further texts unnamed. */
export const MAX_PREPARED_PER_CONNECTION = 64;

/**
 * The pool as Kysely sees it, where a marked statement (storage/prepared.ts) runs as a named prepared statement:
 * node-postgres parses a named statement once per connection and then only binds and executes it, and PostgreSQL
 * keeps its plan (a generic one after five runs when that costs no more than the custom ones). Names come from the
 * marker and a hash of the whole text, so two texts never share a name. Bounded: a connection names at most `max`
 * texts and runs any further ones unnamed. Unmarked statements (lists whose SQL depends on the actor's policy, with
 * prefix searches that need a plan for their value) stay unnamed: parsed and planned for their values each time.
 */
export function namingPool(pool: pg.Pool, max = MAX_PREPARED_PER_CONNECTION): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    const names = new Map<string, string>();
    const nameFor = (text: string): string | undefined => {
      const known = names.get(text);
      if (known !== undefined || names.size >= max) return known;
      const name = preparedNameOf(text);
      if (name !== undefined) names.set(text, name);
      return name;
    };
    const query = (text: unknown, values?: readonly unknown[]): unknown => {
      if (typeof text !== 'string') return client.query(text as never);
      const name = nameFor(text);
      const result = name === undefined ? client.query(text, values as unknown[]) : client.query({ name, text, values: values as unknown[] });
      return result.catch((error: unknown) => { throw markPoolError(error); });
    };
    return { query: query as PostgresPoolClient['query'], release: () => client.release() };
  };
  return {
    connect: async () => {
      const client = await pool.connect().catch((error: unknown) => { throw markPoolError(error); });
      let wrapped = clients.get(client);
      if (!wrapped) {
        wrapped = wrap(client);
        clients.set(client, wrapped);
        // The pool listens for a client's 'error' only while it is idle: a connection that breaks while checked out
        // (PostgreSQL restarting between two statements of a transaction) would emit an 'error' nobody hears, and
        // an unheard 'error' ends the process. Its queries fail on their own and the pool drops it on release.
        client.on('error', () => {});
      }
      return wrapped;
    },
    end: () => pool.end(),
  };
}

// Return timestamps as Date and bigint (audit seq) as string, identically on both backends.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);
// Send a Date to PostgreSQL as UTC. node-postgres otherwise writes it in the process's local time with an offset in
// whole minutes, which is wrong by the seconds of a local mean time (Europe/Berlin before 1893: +00:53:28 sent as
// +00:53, 28 seconds off). Every column is timestamptz, so the instant stored is the same either way.
pg.defaults.parseInputDatesAsUTC = true;

/**
 * PGlite reads timestamps with `new Date(text)`, which takes the years 0-99 for 1900-1999 ("0001-01-01 00:00:00+00"
 * comes back as 2001-01-01). node-postgres' parsers (postgres-date) read them right, so PGlite is given the same ones
 * and both databases answer any year alike (docs/decisions.md D15). PGlite sends a Date as `toISOString()`, which
 * writes years below 1000 with four digits, so year 0001 also goes in exactly.
 */
export const PGLITE_PARSERS: Record<number, (value: string) => unknown> = Object.fromEntries(
  [pg.types.builtins.TIMESTAMP, pg.types.builtins.TIMESTAMPTZ, pg.types.builtins.DATE].map((oid) => [oid, pg.types.getTypeParser(oid, 'text')]),
);

/**
 * The PostgreSQL extensions the migrations create (0006: search), as PGlite loads them: every PGlite opened on
 * Tandem's data must be given these (a database that has them created cannot run their functions otherwise).
 * PostgreSQL ships them as contrib modules.
 */
export const PGLITE_EXTENSIONS = { unaccent, pg_trgm, btree_gin } satisfies Extensions;

/**
 * Planner settings for Tandem's own sessions (docs/decisions.md D19). random_page_cost 1.1 (default 4) is the usual
 * value for data that lives in memory or on SSD: at 4 the planner chose a sequential scan of all contacts and a hash
 * join to list a 101-member bucket (14 ms at 10 K) over 101 primary-key lookups (1.7 ms).
 */
export const SESSION_SETTINGS = 'SET random_page_cost = 1.1';

/** Where an idle connection's failure is reported (the server logs it; the default stays silent). */
export type PoolErrorListener = (error: Error) => void;
let onPoolError: PoolErrorListener = () => {};
export function reportPoolErrorsTo(listener: PoolErrorListener): void {
  onPoolError = listener;
}

export function openDatabase(target: DbTarget): DbHandle {
  if (target.kind === 'postgres') {
    // connectionTimeoutMillis: a PostgreSQL that cannot be reached (down, or packets dropped) makes requests fail in
    // 10 s with 503 rather than hang until TCP gives up (D47).
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10, connectionTimeoutMillis: 10_000 });
    // An idle connection that breaks (PostgreSQL restarted) is dropped by the pool, which then emits 'error': without
    // a listener that would end the process. The next request opens a new connection (D47).
    pool.on('error', (error) => onPoolError(error));
    // Queued before any query of the new connection (a client runs its queries in order).
    pool.on('connect', (client) => void client.query(SESSION_SETTINGS).catch(() => {}));
    const dialect = new PostgresDialect({ pool: namingPool(pool, target.maxPreparedPerConnection) });
    const db = new Kysely<Database>({ dialect, ...(target.log ? { log: target.log } : {}) });
    return {
      db,
      kind: 'postgres',
      runScript: async (script) => {
        const client = await pool.connect();
        try {
          await client.query(script);
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw error;
        } finally {
          client.release();
        }
      },
      close: () => db.destroy(),
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max ?? 10 }),
    };
  }
  // No dataDir means in memory: used by tests.
  const pglite = new PGlite({ ...(target.dataDir ? { dataDir: target.dataDir } : {}), parsers: PGLITE_PARSERS, extensions: PGLITE_EXTENSIONS });
  return pgliteHandle(pglite, target.log);
}

/** The handle around a PGlite instance (also one a test made from a cached dump). */
export function pgliteHandle(pglite: PGlite, log?: LogConfig): DbHandle {
  // In process: no network round trip to save, so statements stay unnamed (the marker is only a comment here).
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite), ...(log ? { log } : {}) });
  return {
    db,
    kind: 'pglite',
    runScript: async (script) => {
      try {
        await pglite.exec(script);
      } catch (error) {
        await pglite.exec('ROLLBACK').catch(() => {});
        throw error;
      }
    },
    close: () => db.destroy(),
  };
}

export function targetFromEnv(env: NodeJS.ProcessEnv): DbTarget {
  if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL };
  return { kind: 'pglite', dataDir: env.TANDEM_DATA_DIR ?? './.tandem-data' };
}
