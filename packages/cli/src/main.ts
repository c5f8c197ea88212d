// The `tandem` command line: `tandem seed`, `tandem audit verify`, `tandem import`, `tandem export`, `tandem sync`,
// `tandem backup`, `tandem restore`, `tandem --help`. Bad commands or flags exit 2 with one line; failures exit 1.
import { UsageError } from './args.ts';
import { runAuditCheckpoint } from './commands/audit-checkpoint.ts';
import { runAuditKeygen } from './commands/audit-keygen.ts';
import { runAuditVerify } from './commands/audit-verify.ts';
import { runBackup } from './commands/backup.ts';
import { runBenchCommand } from './commands/bench.ts';
import { runImport } from './commands/import.ts';
import { runExport } from './commands/export.ts';
import { runRestore } from './commands/restore.ts';
import { runSeed } from './commands/seed.ts';
import { runSync } from './commands/sync.ts';
import { MAIN_HELP } from './help.ts';
import { outputOf, type Output } from './progress.ts';

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, stdout: Output, stderr: Output): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    stderr.write(MAIN_HELP);
    return 2;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    stdout.write(MAIN_HELP);
    return 0;
  }
  if (command === 'seed') return runSeed(rest, stdout, stderr, env);
  if (command === 'bench') return runBenchCommand(rest, stdout);
  if (command === 'import') return runImport(rest, stdout, stderr, env);
  if (command === 'export') return runExport(rest, stdout, stderr, env);
  if (command === 'sync') return runSync(rest, stdout, stderr, env);
  if (command === 'backup') return runBackup(rest, stdout, stderr, env);
  if (command === 'restore') return runRestore(rest, stdout, stderr, env);
  if (command === 'audit') {
    const [sub, ...flags] = rest;
    if (sub === 'verify') return runAuditVerify(flags, stdout, stderr, env);
    if (sub === 'checkpoint') return runAuditCheckpoint(flags, stdout, stderr, env);
    if (sub === 'keygen') return runAuditKeygen(flags, stdout, stderr);
    if (sub === '--help' || sub === '-h') return runAuditVerify(['--help'], stdout, stderr, env);
    throw new UsageError(`tandem audit: unknown subcommand ${sub === undefined ? '(none)' : `'${sub}'`}; try: tandem audit verify, tandem audit checkpoint, tandem audit keygen`);
  }
  throw new UsageError(`tandem: unknown command '${command}' (commands: seed, audit verify, import, export, sync, backup, restore; see tandem --help)`);
}

async function cli(): Promise<void> {
  const stdout = outputOf(process.stdout);
  const stderr = outputOf(process.stderr);
  try {
    process.exitCode = await main(process.argv.slice(2), process.env, stdout, stderr);
  } catch (error) {
    if (error instanceof UsageError) {
      stderr.write(`${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    stderr.write(`tandem: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

await cli();
