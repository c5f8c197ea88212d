// Opens the database: PGlite in a local folder by default, PostgreSQL when DATABASE_URL is set.
// Both run the same numbered SQL migrations and the same Kysely queries.
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
/** A database plus what Kysely cannot do portably: run a multi-statement script (migrations) and close. */
export type DbHandle = { db: Db; kind: 'pglite' | 'postgres'; runScript: (script: string) => Promise<void>; close: () => Promise<void> };
export type DbTarget = { kind: 'pglite'; dataDir?: string } | { kind: 'postgres'; url: string; poolSize?: number };

// Return timestamps as Date and bigint (audit seq) as string, identically on both backends.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);

export function openDatabase(target: DbTarget): DbHandle {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
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
    };
  }
  // No dataDir means in memory: used by tests.
  const pglite = target.dataDir ? new PGlite(target.dataDir) : new PGlite();
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
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
