// `tandem restore FILE [--force [--yes]] [--check]` (D50): checks the whole file first (every table's count and
// SHA-256) and refuses a damaged one before touching any database; then brings the target to the backup's migration
// level, refuses it when it holds rows unless --force (confirmed at the terminal, or --yes), and restores in one
// transaction that compares every table read back with the file before it commits. As the tables' owner:
// DATABASE_MIGRATION_URL when set. Then the target is migrated on to this Tandem's level.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import {
  BackupFileError, migrate, migrateAs, migrationTargetFromEnv, openDatabase, prepareRestoreTarget, readBackup, readBackupHeader, restoreBackup, RestoreRefused,
  secretKeyFile, targetFromEnv, verifyAuditChain, type BackupHeader, type DbHandle, type DbTarget,
} from '@tandem/server';
import { parseFlags, UsageError } from '../args.ts';
import { RESTORE_HELP } from '../help.ts';
import { startPhase, type Output, type Phase } from '../progress.ts';
import { useServerKey } from '../server-keys.ts';

const COMMAND = 'tandem restore';

/** Asks a question at the terminal; undefined when there is no terminal to ask at. */
export type Ask = (question: string) => Promise<string | undefined>;

const askAtTerminal: Ask = async (question) => {
  if (!process.stdin.isTTY) return undefined;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
};

const count = (n: number) => n.toLocaleString('en-US');
const totalRows = (header: BackupHeader) => header.tables.reduce((n, t) => n + t.rows, 0);

function describe(target: DbTarget): string {
  return target.kind === 'pglite' ? `the PGlite folder ${resolve(target.dataDir ?? '.tandem-data')}` : `the PostgreSQL database ${new URL(target.url).pathname.slice(1)} on ${new URL(target.url).host}`;
}

/** After the restore, this Tandem's later migrations; as the owner when there is one, then the app role's grants (D51). */
async function migrateOn(handle: DbHandle, owner: DbTarget | null, env: NodeJS.ProcessEnv): Promise<string[]> {
  if (!owner) return migrate(handle);
  const app = openDatabase(targetFromEnv(env));
  try {
    return await migrateAs(app, owner);
  } finally {
    await app.close();
  }
}

/** After a restore: with the server key at hand, whether every org's audit chain verifies under it. */
async function checkAuditKey(handle: DbHandle, env: NodeJS.ProcessEnv, target: DbTarget, out: Output, err: Output): Promise<void> {
  const keyFile = secretKeyFile(env, target);
  if (!env.TANDEM_SECRET_KEY?.trim() && !existsSync(keyFile)) {
    out.write(`No server key here yet (TANDEM_SECRET_KEY unset, no ${keyFile}): before starting the server, set TANDEM_SECRET_KEY or copy the key of the server this backup came from to ${keyFile}; with another key the audit log will not verify and integrations' credentials will not open.\n`);
    return;
  }
  useServerKey(COMMAND, env, target, err);
  const orgs = await handle.db.selectFrom('orgs').select(['id', 'name']).orderBy('id').execute();
  const broken: string[] = [];
  for (const org of orgs) if (!(await verifyAuditChain(handle.db, org.id)).valid) broken.push(org.name);
  out.write(broken.length === 0
    ? `The audit log of each of the ${orgs.length} org(s) verifies with this server key.\n`
    : `WARNING: the audit log of ${broken.join(', ')} does not verify with this server key: it is not the key of the server this backup came from (set TANDEM_SECRET_KEY to that key).\n`);
}

export async function runRestore(argv: readonly string[], out: Output, err: Output, env: NodeJS.ProcessEnv, ask: Ask = askAtTerminal): Promise<number> {
  const [first, ...rest] = argv;
  const file = first !== undefined && !first.startsWith('-') ? first : undefined;
  const { help, flags } = parseFlags(COMMAND, file === undefined ? argv : rest, [
    { name: 'force', kind: 'switch' }, { name: 'yes', kind: 'switch' }, { name: 'check', kind: 'switch' },
  ]);
  if (help) {
    out.write(RESTORE_HELP);
    return 0;
  }
  if (file === undefined) throw new UsageError(`${COMMAND}: name the backup file first (see ${COMMAND} --help)`);
  const path = resolve(file);
  if (!existsSync(path) || !statSync(path).isFile()) {
    err.write(`${COMMAND}: no file ${path}\n`);
    return 1;
  }
  let header: BackupHeader;
  const checking = { phase: null as Phase | null };
  try {
    header = await readBackupHeader(path);
    checking.phase = startPhase(err, 'check file', totalRows(header));
    const read = await readBackup(path, { onRows: (_t, lines) => checking.phase?.tick(lines.length) });
    checking.phase.end(read.done.rows);
  } catch (error) {
    checking.phase?.fail();
    if (!(error instanceof BackupFileError)) throw error;
    err.write(`${COMMAND}: refused: ${path}: ${error.message}. Nothing was written.\n`);
    return 1;
  }
  out.write(`${path}: a backup of ${count(totalRows(header))} rows in ${header.tables.length} tables, taken ${header.createdAt} on ${header.source}, migration ${header.migrations.at(-1) ?? 'none'}; every table's checksum matches.\n`);
  if (flags.get('check') === true) return 0;

  // Only the tables' owner may turn their triggers off: DATABASE_MIGRATION_URL's role when set (D51).
  const owner = migrationTargetFromEnv(env);
  const target = owner ?? targetFromEnv(env);
  const handle = openDatabase(target);
  const phases = { restore: null as Phase | null, verify: null as Phase | null };
  try {
    const prepared = await prepareRestoreTarget(handle, header);
    if (!prepared.empty) {
      const held = prepared.rows.filter((r) => r.rows > 0);
      const rows = held.reduce((n, r) => n + r.rows, 0);
      const what = `${describe(target)} holds ${count(rows)} rows (${held.slice(0, 4).map((r) => `${r.name} ${count(r.rows)}`).join(', ')}${held.length > 4 ? ', ...' : ''})`;
      if (flags.get('force') !== true) {
        err.write(`${COMMAND}: refused: ${what}. Restore into a new database, or give --force to replace everything in it. Nothing was written.\n`);
        return 1;
      }
      if (flags.get('yes') !== true) {
        const answer = await ask(`${what}. Replace all of it with the backup? Type yes to go on: `);
        if (answer === undefined) {
          err.write(`${COMMAND}: refused: ${what}; --force replaces it only after a yes at the terminal, or with --yes. Nothing was written.\n`);
          return 1;
        }
        if (answer.trim().toLowerCase() !== 'yes') {
          err.write(`${COMMAND}: not confirmed; nothing was written.\n`);
          return 1;
        }
      }
    }
    phases.restore = startPhase(err, 'restore', totalRows(header));
    const summary = await restoreBackup(handle, path, header, {
      replace: !prepared.empty,
      onRows: (rows) => phases.restore?.tick(rows),
      onVerified: (rows) => {
        if (phases.verify === null) {
          phases.restore?.end(totalRows(header));
          phases.verify = startPhase(err, 'verify', totalRows(header));
        }
        phases.verify.tick(rows);
      },
    });
    if (phases.verify === null) phases.restore.end(summary.rows);
    else phases.verify.end(summary.rows);
    const later = await migrateOn(handle, owner, env);
    out.write(`Restored ${count(summary.rows)} rows in ${summary.tables} tables into ${describe(target)}; each table read back matches the backup's checksum.${later.length > 0 ? ` Then migrated on: ${later.join(', ')}.` : ''}\n`);
    await checkAuditKey(handle, env, targetFromEnv(env), out, err);
    return 0;
  } catch (error) {
    phases.restore?.fail();
    phases.verify?.fail();
    if (error instanceof BackupFileError || error instanceof RestoreRefused) {
      err.write(`${COMMAND}: refused: ${error.message}. Nothing was restored.\n`);
      return 1;
    }
    throw error;
  } finally {
    await handle.close();
  }
}
