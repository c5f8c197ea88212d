// `npm test`: every check and every test, in order: types, lint, unit + API + database suites, browser suite.
import { spawnSync } from 'node:child_process';

const steps = [
  ['typecheck', ['run', 'typecheck']],
  ['lint', ['run', 'lint']],
  ['unit, storage, differential and API tests', ['run', 'test:unit']],
  ['browser tests', ['run', 'test:e2e']],
];
const started = Date.now();
for (const [name, args] of steps) {
  console.log(`\n=== ${name} ===`);
  const t = Date.now();
  const run = spawnSync('npm', args, { stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`\n${name} failed (exit ${run.status}).`);
    process.exit(run.status ?? 1);
  }
  console.log(`=== ${name}: ok in ${((Date.now() - t) / 1000).toFixed(1)} s ===`);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
