// Test databases: a fresh in-memory PGlite, or a fresh database on the run's real PostgreSQL server.
// Both are migrated from zero. `eachDatabase` lets one suite run on both.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type DbHandle } from '../../src/storage/connect.ts';
import { migrate } from '../../src/storage/migrate.ts';

export type DatabaseKind = 'pglite' | 'postgres';
export const DATABASE_KINDS: DatabaseKind[] = ['pglite', 'postgres'];

export async function freshDatabase(kind: DatabaseKind): Promise<DbHandle> {
  if (kind === 'pglite') {
    const handle = openDatabase({ kind: 'pglite' });
    await migrate(handle);
    return handle;
  }
  const handle = openDatabase({ kind: 'postgres', url: await freshPostgresUrl(), poolSize: 4 });
  await migrate(handle);
  return handle;
}

/** The URL of a new, empty database on the run's PostgreSQL server. */
export async function freshPostgresUrl(): Promise<string> {
  const serverUrl = inject('postgresUrl');
  const name = `tandem_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(serverUrl);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
