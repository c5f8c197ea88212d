// `tandem import FILE --as EMAIL [--dry-run] [--mapping JSON]`: the use case of POST /imports (D36), acting as the
// active user with that e-mail, on the database the server uses. It refuses what the API refuses, with the API's
// code and detail: a file over 20 MiB (TANDEM_IMPORT_FILE_TOO_LARGE), an unreadable file or mapping. Unlike the API
// it writes unless --dry-run is given (a command is asked for on purpose). A progress bar per batch of 500 on
// stderr when it is a terminal.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import {
  IMPORT_MAX_BYTES, exportActorByEmail, importContacts, migrate, openDatabase, parseImportMapping, targetFromEnv, type ImportResult,
} from '@tandem/server';
import { useServerKey } from '../server-keys.ts';
import { parseFlags, UsageError } from '../args.ts';
import { IMPORT_HELP } from '../help.ts';
import type { Output } from '../progress.ts';

const COMMAND = 'tandem import';

/** The report on stdout: counts, every skipped reason counted, every row error, and the failed batch if any. */
export function importReport(result: ImportResult): string {
  const lines = [
    `${result.dryRun ? 'Dry run (nothing written): would create' : 'Created'} ${result.created}, ${result.dryRun ? 'update' : 'updated'} ${result.updated}, skip ${result.skipped}, ${result.errors.length} row error(s).`,
  ];
  const reasons = new Map<string, number>();
  for (const s of result.skippedRows) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
  for (const [reason, n] of reasons) lines.push(`  skipped ${reason}: ${n}`);
  for (const e of result.errors) lines.push(`  row ${e.row}: ${e.message}`);
  lines.push(`Columns: ${Object.entries(result.mapping).map(([c, f]) => `${c} → ${f}`).join(', ')}`);
  if (result.failedBatch) lines.push(`FAILED at rows ${result.failedBatch.fromRow}-${result.failedBatch.toRow}: ${result.failedBatch.message}`);
  return `${lines.join('\n')}\n`;
}

/** The use case's refusal (an AppError) as the API's code and detail on one line; anything else is rethrown. */
function refusal(error: unknown): string | null {
  const e = error as { code?: unknown; status?: unknown; detail?: unknown };
  return typeof e.code === 'string' && e.code.startsWith('TANDEM_') && typeof e.detail === 'string' ? `${e.code}: ${e.detail}` : null;
}

export async function runImport(argv: readonly string[], out: Output, err: Output, env: NodeJS.ProcessEnv): Promise<number> {
  const [first, ...rest] = argv;
  const file = first !== undefined && !first.startsWith('-') ? first : undefined;
  const { help, flags } = parseFlags(COMMAND, file === undefined ? argv : rest, [
    { name: 'as', kind: 'text' }, { name: 'dry-run', kind: 'switch' }, { name: 'mapping', kind: 'text' },
  ]);
  if (help) {
    out.write(IMPORT_HELP);
    return 0;
  }
  if (file === undefined) throw new UsageError(`${COMMAND}: name the CSV or vCard file first (see ${COMMAND} --help)`);
  const email = flags.get('as') as string | undefined;
  if (email === undefined) throw new UsageError(`${COMMAND}: --as EMAIL is required: the user who imports (and owns what is created)`);
  const path = resolve(file);
  if (!existsSync(path) || !statSync(path).isFile()) {
    err.write(`${COMMAND}: no file ${path}\n`);
    return 1;
  }
  if (statSync(path).size > IMPORT_MAX_BYTES) {
    err.write(`${COMMAND}: TANDEM_IMPORT_FILE_TOO_LARGE: The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MiB: split it and import each part.\n`);
    return 1;
  }
  const mappingText = flags.get('mapping') as string | undefined;
  let mapping;
  try {
    mapping = mappingText === undefined ? undefined : parseImportMapping(mappingText);
  } catch (error) {
    const line = refusal(error);
    if (line === null) throw error;
    err.write(`${COMMAND}: ${line}\n`);
    return 1;
  }
  const target = targetFromEnv(env);
  const handle = openDatabase(target);
  let bar: cliProgress.SingleBar | null = null;
  try {
    await migrate(handle);
    useServerKey(COMMAND, env, target, err);
    const now = Date.now();
    const actor = await exportActorByEmail(handle.db, email, now);
    if ('missing' in actor) {
      err.write(`${COMMAND}: ${actor.missing === 'deactivated' ? `${email} is deactivated` : `no user with e-mail ${email}`}\n`);
      return 1;
    }
    const result = await importContacts({ db: handle.db }, actor.ctx, {
      fileName: basename(path), data: readFileSync(path), dryRun: flags.get('dry-run') === true, mapping,
      // The answer says which rows were not written; the operator running the command also sees why.
      onBatchFailed: ({ fromRow, toRow, error }) => {
        (bar as cliProgress.SingleBar | null)?.stop();
        err.write(`${COMMAND}: rows ${fromRow}-${toRow} failed: ${error instanceof Error ? error.message : String(error)}\n`);
      },
      onBatch: (done, total) => {
        if (!err.isTTY) return;
        if (!bar) {
          bar = new cliProgress.SingleBar({ format: '  import [{bar}] {percentage}% | {value}/{total} rows', stream: err.stream, clearOnComplete: true }, cliProgress.Presets.shades_classic);
          bar.start(total, 0);
        }
        bar.update(done);
      },
    });
    (bar as cliProgress.SingleBar | null)?.stop();
    out.write(importReport(result));
    return result.failedBatch ? 1 : 0;
  } catch (error) {
    (bar as cliProgress.SingleBar | null)?.stop();
    const line = refusal(error);
    if (line === null) throw error;
    err.write(`${COMMAND}: ${line}\n`);
    return 1;
  } finally {
    await handle.close();
  }
}
