// `tandem export --as EMAIL --format csv|xlsx|vcard [--q TEXT] [--archived] [--bom] [--out FILE]`: the contacts
// export of GET /contacts/export (the same use case, gate and audit entry), written to a file with a progress bar on
// stderr. A refusal names the API's code and exits 1, as does an unknown or deactivated user.
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  AppError, contactExportFile, EXPORT_FORMATS, exportActorByEmail, migrate, openContactExport, openDatabase, targetFromEnv, type ExportFormat,
} from '@tandem/server';
import { useServerKey } from '../server-keys.ts';
import { parseFlags, UsageError } from '../args.ts';
import { EXPORT_HELP } from '../help.ts';
import { runPhase, type Output } from '../progress.ts';

const COMMAND = 'tandem export';

function formatOf(value: unknown): ExportFormat {
  const format = EXPORT_FORMATS.find((f) => f === value);
  if (format === undefined) throw new UsageError(`${COMMAND}: --format must be one of ${EXPORT_FORMATS.join(', ')} (got '${String(value ?? '')}')`);
  return format;
}

export async function runExport(argv: readonly string[], out: Output, err: Output, env: NodeJS.ProcessEnv, now = Date.now()): Promise<number> {
  const { help, flags } = parseFlags(COMMAND, argv, [
    { name: 'as', kind: 'text' }, { name: 'format', kind: 'text' }, { name: 'q', kind: 'text' }, { name: 'archived', kind: 'switch' },
    { name: 'bom', kind: 'switch' }, { name: 'out', kind: 'text' },
  ]);
  if (help) {
    out.write(EXPORT_HELP);
    return 0;
  }
  const email = flags.get('as');
  if (typeof email !== 'string') throw new UsageError(`${COMMAND}: --as EMAIL is required (the user the export acts as)`);
  const format = formatOf(flags.get('format'));
  const q = flags.get('q') as string | undefined;
  const target = targetFromEnv(env);
  const handle = openDatabase(target);
  try {
    await migrate(handle);
    useServerKey(COMMAND, env, target, err);
    const deps = { db: handle.db };
    const actor = await exportActorByEmail(handle.db, email, now);
    if ('missing' in actor) {
      err.write(`${COMMAND}: ${actor.missing === 'deactivated' ? `${email} is deactivated` : `no user with e-mail ${email}`}\n`);
      return 1;
    }
    const exp = await openContactExport(deps, actor.ctx, { format, archived: flags.get('archived') === true, ...(q !== undefined ? { q } : {}) });
    const total = await exp.count();
    const file = await contactExportFile(exp, now, { bom: flags.get('bom') === true });
    const path = resolve((flags.get('out') as string | undefined) ?? file.fileName);
    await runPhase(err, `export ${format}`, total, async (tick) => {
      let seen = 0;
      // The bar follows the rows the use case has handed to the writer.
      const progress = new Transform({
        transform(chunk, _enc, done) {
          const rows = exp.rowCount();
          if (rows > seen) {
            tick(rows - seen);
            seen = rows;
          }
          done(null, chunk);
        },
      });
      await pipeline(file.stream, progress, createWriteStream(path));
      tick(exp.rowCount() - seen);
      return exp.rowCount();
    });
    out.write(`Wrote ${exp.rowCount().toLocaleString('en-US')} contacts to ${path}\n`);
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      err.write(`${COMMAND}: refused: ${error.code}: ${error.detail}\n`);
      return 1;
    }
    throw error;
  } finally {
    await handle.close();
  }
}
