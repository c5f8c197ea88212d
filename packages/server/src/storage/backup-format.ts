// The backup file (docs/decisions.md D50): gzip of UTF-8 lines, readable with `zcat FILE | head -1`.
//   ["header", {format, version, createdAt, source, migrations, tables: [{name, rows}], sequences}]
//   then for each table of the header, in its order:
//   ["table", {name}]
//   {...one row as row_to_json...}            (rows start with "{", control lines with "[")
//   ["end", {name, rows, sha256}]             sha256 of the table's row lines, each followed by "\n"
//   ["done", {tables, rows}]                  last line: a file without it was cut short
import { createHash, type Hash } from 'node:crypto';
import type { BackupSequence } from './backup-catalog.ts';

export const BACKUP_FORMAT = 'tandem-backup';
export const BACKUP_VERSION = 1;

export type BackupHeader = {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  /** The database it was taken from: 'pglite' or 'postgres' (a backup restores on either). */
  source: string;
  /** Tandem's migration level: the names recorded in schema_migrations, in order. */
  migrations: string[];
  /** In insert order (parents first); columns as `name type`, to check the target's schema against. */
  tables: { name: string; rows: number; columns: string[] }[];
  sequences: BackupSequence[];
};
export type TableEnd = { name: string; rows: number; sha256: string };
export type BackupDone = { tables: number; rows: number };

/** A backup file that cannot be restored as it is: cut short, corrupted, not a backup, or from a newer Tandem. */
export class BackupFileError extends Error {
  override name = 'BackupFileError';
}

export const controlLine = (kind: 'header' | 'table' | 'end' | 'done', body: object): string => JSON.stringify([kind, body]);

/** A table's checksum as it is built, row line by row line. */
export class TableDigest {
  rows = 0;
  private readonly hash: Hash = createHash('sha256');
  add(lines: readonly string[]): void {
    for (const line of lines) this.hash.update(`${line}\n`);
    this.rows += lines.length;
  }
  hex(): string {
    return this.hash.digest('hex');
  }
}

/** The header's fields checked, or a BackupFileError saying what this file is not. */
export function checkHeader(value: unknown): BackupHeader {
  const h = (typeof value === 'object' && value !== null ? value : {}) as Partial<BackupHeader>;
  if (h.format !== BACKUP_FORMAT) throw new BackupFileError('this is not a Tandem backup (its first line is not a tandem-backup header)');
  if (typeof h.version !== 'number' || h.version > BACKUP_VERSION) {
    throw new BackupFileError(`this backup's format version ${String(h.version)} is newer than this Tandem reads (${BACKUP_VERSION}): restore it with the Tandem that made it or a newer one`);
  }
  const tablesOk = Array.isArray(h.tables) && h.tables.every((t) => typeof t?.name === 'string' && Number.isSafeInteger(t.rows) && Array.isArray(t.columns));
  const migrationsOk = Array.isArray(h.migrations) && h.migrations.every((m) => typeof m === 'string');
  if (!tablesOk || !migrationsOk || typeof h.createdAt !== 'string' || !Array.isArray(h.sequences)) {
    throw new BackupFileError('the backup header is damaged (its table list, migrations or date are missing)');
  }
  return h as BackupHeader;
}
