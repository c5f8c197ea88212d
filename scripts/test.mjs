// `npm test`: every check and test, in order: types, lint, import graph, unit + API + database suites, the benchmark's
// 2 K smoke run (the harness works end to end and every peer agrees with Tandem; no figure is judged), browser suite.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

rmSync('test-results', { recursive: true, force: true });

const steps = [
  ['system packages (Chromium for the browser tests)', ['bash', 'scripts/install-system-deps.sh']],
  ['typecheck', ['npm', 'run', 'typecheck']],
  ['lint', ['npm', 'run', 'lint']],
  ['import graph', [process.execPath, 'scripts/check-imports.mjs']],
  ['unit, storage, differential and API tests', ['npm', 'run', 'test:unit']],
  ['benchmark smoke run (2 K contacts)', ['npx', 'vitest', 'run', '-c', 'packages/bench/vitest.config.ts', '--reporter=default', '--reporter=json',
    `--outputFile.json=${resolve('test-results/bench.json')}`]],
  ['browser tests', ['npm', 'run', 'test:e2e']],
];
const started = Date.now();
for (const [name, [command, ...args]] of steps) {
  console.log(`\n=== ${name} ===`);
  const t = Date.now();
  const run = spawnSync(command, args, { stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`\n${name} failed (exit ${run.status}).`);
    process.exit(run.status ?? 1);
  }
  console.log(`=== ${name}: ok in ${((Date.now() - t) / 1000).toFixed(1)} s ===`);
}
// Vitest's JSON reports (unit and browser suites) give the closing count line.
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const file of existsSync('test-results') ? readdirSync('test-results').filter((f) => f.endsWith('.json')) : []) {
  const report = JSON.parse(readFileSync(`test-results/${file}`, 'utf8'));
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
// No test may be skipped: a skipped test is not a passing one.
if (totals.passed === 0 || totals.failed > 0 || totals.skipped > 0) process.exit(1);
