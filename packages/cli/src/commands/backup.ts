// `tandem backup [--out FILE]`: every table of the database the server uses, under one snapshot, into one gzip'd
// file with each table's row count and SHA-256 (D50). Reads only: it neither migrates nor makes a server key. The
// key is not in the database, so not in the file: the command says where it is, to be kept with the backups.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDatabase, secretKeyFile, targetFromEnv, writeBackupFile, type DbTarget } from '@tandem/server';
import { parseFlags } from '../args.ts';
import { BACKUP_HELP } from '../help.ts';
import { startPhase, type Output, type Phase } from '../progress.ts';

const COMMAND = 'tandem backup';

/** tandem-backup-2026-11-30T113217Z.ndjson.gz */
export const defaultBackupName = (now: Date): string => `tandem-backup-${now.toISOString().slice(0, 19).replace(/:/g, '')}Z.ndjson.gz`;

export const mebibytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MiB`;

/** Where the server key lives, for the reminder that the backup does not hold it. */
export function keyNote(env: NodeJS.ProcessEnv, target: DbTarget): string {
  if (env.TANDEM_SECRET_KEY?.trim()) return 'the server key is TANDEM_SECRET_KEY\'s value';
  const file = secretKeyFile(env, target);
  return existsSync(file) ? `the server key is the file ${file}` : `no server key file was found at ${file} (is TANDEM_SECRET_KEY set where the server runs?)`;
}

export async function runBackup(argv: readonly string[], out: Output, err: Output, env: NodeJS.ProcessEnv, now = new Date()): Promise<number> {
  const { help, flags } = parseFlags(COMMAND, argv, [{ name: 'out', kind: 'text' }]);
  if (help) {
    out.write(BACKUP_HELP);
    return 0;
  }
  const path = resolve((flags.get('out') as string | undefined) ?? defaultBackupName(now));
  if (existsSync(path)) {
    err.write(`${COMMAND}: ${path} exists; name another file with --out\n`);
    return 1;
  }
  const target = targetFromEnv(env);
  if (target.kind === 'pglite' && !existsSync(resolve(target.dataDir ?? '.tandem-data'))) {
    err.write(`${COMMAND}: no database in ${resolve(target.dataDir ?? '.tandem-data')} (set TANDEM_DATA_DIR or DATABASE_URL)\n`);
    return 1;
  }
  const handle = openDatabase(target);
  let phase: Phase | null = null;
  try {
    const summary = await writeBackupFile(handle, path, {
      now,
      onHeader: (header) => {
        phase = startPhase(err, 'backup', header.tables.reduce((n, t) => n + t.rows, 0));
      },
      onRows: (rows) => phase?.tick(rows),
    });
    const rows = summary.ends.reduce((n, e) => n + e.rows, 0);
    (phase as Phase | null)?.end(rows);
    if (summary.header.migrations.length === 0) err.write(`${COMMAND}: warning: this database has no Tandem schema (no migrations ran on it)\n`);
    out.write(`Wrote ${rows.toLocaleString('en-US')} rows of ${summary.ends.length} tables (${mebibytes(summary.bytes)}, migration ${summary.header.migrations.at(-1) ?? 'none'}) to ${path}\n`);
    out.write(`The backup does not hold the server key: ${keyNote(env, target)}. Keep it with your backups (apart from them): a restore elsewhere needs the same key, or the audit log will not verify and integrations' credentials will not open.\n`);
    return 0;
  } catch (error) {
    (phase as Phase | null)?.fail();
    throw error;
  } finally {
    await handle.close();
  }
}
