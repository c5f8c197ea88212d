// `npm run bench -- [flags]`: see args.ts (BENCH_HELP) and docs/performance.md.
import { UsageError } from './args.ts';
import { runBench } from './run.ts';

// Ctrl-C or a TERM: exit through process.exit, so the 'exit' hooks stop PostgreSQL and the server we started.
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

try {
  process.exitCode = await runBench(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  }
}
// Children (PostgreSQL, the server) are stopped; nothing should keep the process alive, but do not wait on stragglers.
setTimeout(() => process.exit(), 2_000).unref();
