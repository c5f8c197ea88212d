// Applies migrations/NNNN_name.sql in order, recording what ran. The same files run on PGlite and PostgreSQL.
import { sql } from 'kysely';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DbHandle } from './connect.ts';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export function listMigrations(): { name: string; sql: string }[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(MIGRATIONS_DIR, name), 'utf8') }));
}

/** The advisory lock every migration (and the creation of their record) runs under. */
const MIGRATION_LOCK = 7272;

/**
 * Runs pending migrations; returns the names applied now. Safe on every start. Each migration and its record
 * run as one script inside BEGIN/COMMIT, so a failed migration leaves nothing half-applied; an advisory lock
 * keeps two app nodes starting on one PostgreSQL from racing. `upTo` stops after that migration (a restore brings
 * a new database to its backup's level first, D50).
 */
export async function migrate(handle: DbHandle, options: { upTo?: string } = {}): Promise<string[]> {
  const { db } = handle;
  // Only when missing: an app role without CREATE on the schema (D51) is refused even CREATE TABLE IF NOT EXISTS.
  const exists = await sql<{ found: string | null }>`SELECT to_regclass('schema_migrations')::text AS found`.execute(db);
  // Under the migrations' lock: nodes starting together on an empty database would otherwise race to create it
  // (PostgreSQL's IF NOT EXISTS is not safe against a concurrent CREATE: a duplicate-key error on pg_type, D48).
  if (!exists.rows[0]?.found) {
    await handle.runScript(`BEGIN;\nSELECT pg_advisory_xact_lock(${MIGRATION_LOCK});\n`
      + 'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());\nCOMMIT;');
  }
  const applied: string[] = [];
  const all = listMigrations();
  const last = options.upTo === undefined ? all.length : all.findIndex((m) => m.name === options.upTo) + 1;
  if (last === 0) throw new Error(`migrate: no migration named ${options.upTo}`);
  for (const migration of all.slice(0, last)) {
    const done = await sql<{ name: string }>`SELECT name FROM schema_migrations WHERE name = ${migration.name}`.execute(db);
    if (done.rows.length > 0) continue;
    const quotedName = migration.name.replace(/'/g, "''");
    const ran = await handle.runScript(
      `BEGIN;\nSELECT pg_advisory_xact_lock(${MIGRATION_LOCK});\n` +
        `DO $$ BEGIN IF EXISTS (SELECT 1 FROM schema_migrations WHERE name = '${quotedName}') THEN RAISE EXCEPTION 'tandem:migration-already-applied'; END IF; END $$;\n` +
        `${migration.sql}\nINSERT INTO schema_migrations (name) VALUES ('${quotedName}');\nCOMMIT;`,
    ).then(
      () => true,
      (error: unknown) => {
        if (error instanceof Error && error.message.includes('tandem:migration-already-applied')) return false;
        throw error;
      },
    );
    if (ran) applied.push(migration.name);
  }
  return applied;
}
