// `npm run probe:fuzz -- [--cases 10000] [--db pglite|postgres] [--seed N] [--check-every 1]`: prints the figures;
// exits 1 on any 5xx, badly formed refusal or partial write.
import { printFuzzReport, runFuzz } from './fuzz.ts';
import { flag } from './probe-args.ts';

const report = await runFuzz({
  cases: Number(flag('cases', '10000')), db: flag('db', 'pglite') as 'pglite' | 'postgres', seed: Number(flag('seed', '20261130')),
  checkEvery: Math.max(1, Number(flag('check-every', '1'))),
});
printFuzzReport(report);
process.exit(report.findings.length ? 1 : 0);
