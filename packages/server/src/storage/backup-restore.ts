// `tandem restore` (docs/decisions.md D50): a backup into a database at the backup's migration level, in one
// transaction. The tables' own triggers are off meanwhile (ALTER TABLE ... DISABLE TRIGGER USER, transactional): the
// file already holds what they derive (contact_emails, contact_phones, search_text, access_versions, last activity)
// and the audit log's append-only triggers (migration 0017) would refuse the TRUNCATE that --force needs. Foreign
// keys stay checked (tables come parents first). Before COMMIT every table is read back and its SHA-256 compared with
// the file's, so what commits is exactly what was backed up; any failure rolls everything back.
import { sql } from 'kysely';
import type { Db, DbHandle } from './connect.ts';
import { appliedMigrations, backupTables, quoteIdent, tableLines, tableRowCounts, useCanonicalSettings, type BackupTable } from './backup-catalog.ts';
import { BackupFileError, TableDigest, type BackupHeader, type TableEnd } from './backup-format.ts';
import { readBackup } from './backup-read.ts';
import { listMigrations, migrate } from './migrate.ts';

/** A restore this database cannot take as it is (not empty, at another migration level, not the tables' owner). */
export class RestoreRefused extends Error {
  override name = 'RestoreRefused';
}

export type RestoreTarget = { migrations: string[]; rows: { name: string; rows: number }[]; empty: boolean };
export type RestoreProgress = { onRows?: (rows: number) => void; onVerified?: (rows: number) => void };
export type RestoreSummary = { tables: number; rows: number };

const levelName = (names: readonly string[]) => names.at(-1) ?? '(none)';

/**
 * Checks that this Tandem knows the backup's migrations and that the database is not ahead of them, migrates the
 * database to the backup's level (a new one from zero), and answers what rows it holds.
 */
export async function prepareRestoreTarget(handle: DbHandle, header: BackupHeader): Promise<RestoreTarget> {
  if (header.migrations.length === 0) throw new BackupFileError('the backup holds no Tandem schema (it was taken from a database no migration ran on)');
  const known = listMigrations().map((m) => m.name);
  const unknown = header.migrations.find((name, i) => known[i] !== name);
  if (unknown !== undefined) {
    throw new BackupFileError(`the backup was made by a newer Tandem (its migration ${unknown} is unknown here): restore it with that version or a newer one`);
  }
  const current = await appliedMigrations(handle.db);
  if (current.length > header.migrations.length || current.some((name, i) => header.migrations[i] !== name)) {
    throw new RestoreRefused(
      `this database is at migration ${levelName(current)}, past the backup's ${levelName(header.migrations)}: restore into a new database ` +
        '(an empty PGlite folder or PostgreSQL database); Tandem brings it to the backup\'s level, restores, then migrates it on',
    );
  }
  await migrate(handle, { upTo: levelName(header.migrations) });
  const tables = await backupTables(handle.db);
  const counts = await tableRowCounts(handle.db, tables);
  const rows = tables.map((t) => ({ name: t.name, rows: counts.get(t.name) ?? 0 }));
  return { migrations: await appliedMigrations(handle.db), rows, empty: rows.every((r) => r.rows === 0) };
}

/** The target's tables must be the backup's, column for column: the same migration level guarantees it. */
function checkSchema(header: BackupHeader, tables: readonly BackupTable[]): void {
  const here = new Map(tables.map((t) => [t.name, t.columns.map((c) => `${c.name} ${c.type}`).join(', ')]));
  for (const t of header.tables) {
    if (here.get(t.name) !== t.columns.join(', ')) throw new RestoreRefused(`the table ${t.name} differs between the backup and this database; restore into a new database`);
    here.delete(t.name);
  }
  const extra = [...here.keys()];
  if (extra.length > 0) throw new RestoreRefused(`this database has tables the backup lacks (${extra.join(', ')}); restore into a new database`);
}

async function insertRows(trx: Db, table: BackupTable, lines: readonly string[]): Promise<void> {
  const columns = table.columns.map((c) => quoteIdent(c.name)).join(', ');
  const picks = table.columns.map((c) => (c.asText ? `x.${quoteIdent(c.name)}::${c.type}` : `x.${quoteIdent(c.name)}`)).join(', ');
  const shape = table.columns.map((c) => `${quoteIdent(c.name)} ${c.asText ? 'text' : c.type}`).join(', ');
  await sql`${sql.raw(`INSERT INTO ${quoteIdent(table.name)} (${columns}) SELECT ${picks} FROM json_to_recordset(`)}${`[${lines.join(',')}]`}${sql.raw(`::json) AS x(${shape})`)}`.execute(trx);
}

async function setTriggers(trx: Db, tables: readonly BackupTable[], on: boolean): Promise<void> {
  try {
    for (const t of tables) await sql.raw(`ALTER TABLE ${quoteIdent(t.name)} ${on ? 'ENABLE' : 'DISABLE'} TRIGGER USER`).execute(trx);
  } catch (error) {
    if ((error as { code?: string }).code === '42501') {
      throw new RestoreRefused('a restore must run as the tables\' owner (it turns their triggers off for its transaction): set DATABASE_MIGRATION_URL to the owner\'s URL');
    }
    throw error;
  }
}

/**
 * Restores the backup in `path` into the database `prepareRestoreTarget` made ready. `replace` (tandem restore
 * --force) empties every table first, in the same transaction; without it a table holding rows fails the insert.
 */
export async function restoreBackup(handle: DbHandle, path: string, header: BackupHeader, options: RestoreProgress & { replace: boolean }): Promise<RestoreSummary> {
  let summary: RestoreSummary = { tables: 0, rows: 0 };
  await handle.db.transaction().execute(async (trx) => {
    await useCanonicalSettings(trx);
    const tables = await backupTables(trx);
    checkSchema(header, tables);
    const byName = new Map(tables.map((t) => [t.name, t]));
    await setTriggers(trx, tables, false);
    if (options.replace) await sql.raw(`TRUNCATE ${tables.map((t) => quoteIdent(t.name)).join(', ')}`).execute(trx);
    const read = await readBackup(path, {
      onRows: async (name, lines) => {
        await insertRows(trx, byName.get(name) as BackupTable, lines);
        options.onRows?.(lines.length);
      },
    });
    for (const s of read.header.sequences) {
      if (s.lastValue !== null) await sql`SELECT setval(${quoteIdent(s.name)}::regclass, ${s.lastValue}::bigint, true)`.execute(trx);
    }
    await verifyTables(trx, header, byName, read.ends, options.onVerified);
    await setTriggers(trx, tables, true);
    summary = { tables: read.done.tables, rows: read.done.rows };
  });
  return summary;
}

/** Reads every table back as a backup would and compares its count and SHA-256 with the file's. */
async function verifyTables(trx: Db, header: BackupHeader, byName: Map<string, BackupTable>, ends: readonly TableEnd[], onVerified?: (rows: number) => void): Promise<void> {
  const expected = new Map(ends.map((e) => [e.name, e]));
  for (const { name } of header.tables) {
    const digest = new TableDigest();
    for await (const lines of tableLines(trx, byName.get(name) as BackupTable)) {
      digest.add(lines);
      onVerified?.(lines.length);
    }
    const want = expected.get(name);
    const sha256 = digest.hex();
    if (!want || want.rows !== digest.rows || want.sha256 !== sha256) {
      throw new Error(`restore: table ${name} reads back as ${digest.rows} rows (sha256 ${sha256.slice(0, 12)}…), not the backup's ${want?.rows ?? '?'} (${want?.sha256.slice(0, 12) ?? '?'}…); nothing was restored`);
    }
  }
}
