// `npm run probe:isolation -- [--requests 100000] [--db pglite|postgres] [--seed N]`: prints the figures; exits 1 on
// any leak.
import { printIsolationReport, runIsolation } from './isolation.ts';
import { flag } from './probe-args.ts';

const report = await runIsolation({
  requests: Number(flag('requests', '100000')), db: flag('db', 'pglite') as 'pglite' | 'postgres', seed: Number(flag('seed', '20261130')),
});
printIsolationReport(report);
process.exit(report.leaks.length ? 1 : 0);
