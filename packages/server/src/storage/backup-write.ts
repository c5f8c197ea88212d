// `tandem backup` (docs/decisions.md D50): every table read under one REPEATABLE READ snapshot, so a server writing
// meanwhile on PostgreSQL never makes the file inconsistent, written as gzip'd lines (backup-format.ts) to a
// `.partial` file renamed into place only once complete: a failed backup leaves no file that looks whole.
import { createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { DbHandle } from './connect.ts';
import {
  appliedMigrations, backupSequences, backupTables, tableLines, tableRowCounts, useCanonicalSettings,
} from './backup-catalog.ts';
import { BACKUP_FORMAT, BACKUP_VERSION, controlLine, TableDigest, type BackupHeader, type TableEnd } from './backup-format.ts';

export type BackupProgress = {
  /** Called once the snapshot is open, with what the file will hold (awaited before any row is read). */
  onHeader?: (header: BackupHeader) => void | Promise<void>;
  /** Rows just written. */
  onRows?: (rows: number) => void;
};
export type BackupSummary = { header: BackupHeader; ends: TableEnd[]; bytes: number };

/** Writes the backup to `path` (gzip); answers the header, each table's checksum and the file's size. */
export async function writeBackupFile(handle: DbHandle, path: string, progress: BackupProgress & { now?: Date } = {}): Promise<BackupSummary> {
  const partial = `${path}.partial`;
  const gzip = createGzip({ level: 6 });
  const written = pipeline(gzip, createWriteStream(partial, { flags: 'w', mode: 0o600 }));
  written.catch(() => {}); // awaited below; a write failure also ends the transaction through `write`
  // Settles only when the file stream ended or failed before we are done: a wait for 'drain' must not outlive it.
  const endedEarly = written.then(() => {
    throw new Error('backup: the file closed early');
  });
  endedEarly.catch(() => {});
  // Waits for the file when the gzip buffer is full, so memory holds one batch, not the database.
  const write = async (text: string): Promise<void> => {
    if (!gzip.write(text)) await Promise.race([once(gzip, 'drain'), endedEarly]);
  };
  const ends: TableEnd[] = [];
  let header: BackupHeader | undefined;
  try {
    await handle.db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(async (trx) => {
      await useCanonicalSettings(trx);
      const tables = await backupTables(trx);
      const counts = await tableRowCounts(trx, tables);
      header = {
        format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: (progress.now ?? new Date()).toISOString(), source: handle.kind,
        migrations: await appliedMigrations(trx), tables: tables.map((t) => ({ name: t.name, rows: counts.get(t.name) ?? 0, columns: t.columns.map((c) => `${c.name} ${c.type}`) })),
        sequences: await backupSequences(trx),
      };
      await progress.onHeader?.(header);
      await write(`${controlLine('header', header)}\n`);
      let total = 0;
      for (const table of tables) {
        await write(`${controlLine('table', { name: table.name })}\n`);
        const digest = new TableDigest();
        for await (const lines of tableLines(trx, table)) {
          digest.add(lines);
          await write(`${lines.join('\n')}\n`);
          progress.onRows?.(lines.length);
        }
        const end: TableEnd = { name: table.name, rows: digest.rows, sha256: digest.hex() };
        ends.push(end);
        total += digest.rows;
        await write(`${controlLine('end', end)}\n`);
      }
      await write(`${controlLine('done', { tables: tables.length, rows: total })}\n`);
    });
    gzip.end();
    await written;
    renameSync(partial, path);
  } catch (error) {
    gzip.destroy();
    await written.catch(() => {});
    rmSync(partial, { force: true });
    throw error;
  }
  return { header: header as BackupHeader, ends, bytes: statSync(path).size };
}
