// `npm test`: every check and test, in order: types, lint and import graph (two at a time), unit + API + database
// suites, the benchmark's 2 K smoke run (the harness works end to end and every peer agrees with Tandem; no figure is
// judged), browser suite.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

rmSync('test-results', { recursive: true, force: true });

const steps = [
  ['system packages (Chromium for the browser tests)', ['bash', 'scripts/install-system-deps.sh']],
  // The static checks are single-threaded: two at a time use both cores of a CI machine (same checks as
  // `npm run typecheck`, `npm run lint` and the import graph, each output printed whole when it ends).
  ['typecheck, lint and import graph', 'parallel', [
    ...typecheckProjects().map((p) => ['npx', 'tsc', '-p', p]),
    ['npx', 'eslint', '.'],
    [process.execPath, 'scripts/check-imports.mjs'],
  ]],
  ['unit, storage, differential and API tests', ['npm', 'run', 'test:unit']],
  ['benchmark smoke run (2 K contacts)', ['npx', 'vitest', 'run', '-c', 'packages/bench/vitest.config.ts', '--reporter=default', '--reporter=json',
    `--outputFile.json=${resolve('test-results/bench.json')}`]],
  ['browser tests', ['npm', 'run', 'test:e2e']],
];
/** The projects `npm run typecheck` checks, read from its script, so the two lists cannot drift apart. */
function typecheckProjects() {
  const script = JSON.parse(readFileSync('package.json', 'utf8')).scripts.typecheck;
  const projects = [...script.matchAll(/tsc -p (\S+)/g)].map((m) => m[1]);
  if (projects.length === 0) throw new Error('package.json "typecheck" names no `tsc -p` project');
  return projects;
}

const started = Date.now();
for (const step of steps) {
  const name = step[0];
  console.log(`\n=== ${name} ===`);
  const t = Date.now();
  const status = step[1] === 'parallel' ? await runTwoAtATime(step[2]) : spawnSync(step[1][0], step[1].slice(1), { stdio: 'inherit' }).status;
  if (status !== 0) {
    console.error(`\n${name} failed (exit ${status}).`);
    process.exit(status ?? 1);
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

/** Runs the commands two at a time; prints each one's output when it ends; resolves 0, or the first failure's code. */
async function runTwoAtATime(commands) {
  const queue = [...commands];
  let failed = 0;
  async function lane() {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [command, ...args] = next;
      const t = Date.now();
      const code = await new Promise((done) => {
        const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        const out = [];
        child.stdout.on('data', (d) => out.push(d));
        child.stderr.on('data', (d) => out.push(d));
        child.on('close', (c) => {
          console.log(`--- ${next.join(' ')}: ${c === 0 ? 'ok' : `exit ${c}`} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
          if (out.length > 0) process.stdout.write(Buffer.concat(out));
          done(c ?? 1);
        });
      });
      if (code !== 0 && failed === 0) failed = code;
    }
  }
  await Promise.all([lane(), lane()]);
  return failed;
}
