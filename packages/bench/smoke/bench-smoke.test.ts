// The 2 K smoke run of the benchmark (`npm run bench -- --size 2k --smoke`), end to end in a child process: it
// must exit 0, write a JSON file with every section filled, pick every test user, and every peer must have
// answered the sampled checks and first pages exactly as Tandem did. Its figures are not judged here.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { SECTIONS, type Results } from '../src/report.ts';
import { TEST_USER_KEYS } from '../src/users.ts';

const repo = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('npm run bench -- --size 2k --smoke measures every section and the peers agree with Tandem', () => {
  const out = join(dir, 'smoke.json');
  const started = Date.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'packages/bench/src/main.ts', '--size', '2k', '--smoke', '--out', out], {
    cwd: repo, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) console.error(run.stderr.slice(-4000));
  expect(run.status).toBe(0);
  const results = JSON.parse(readFileSync(out, 'utf8')) as Results;
  for (const section of SECTIONS) expect(results.sections[section]?.length ?? 0, `section ${section}`).toBeGreaterThan(0);
  expect((results.testUsers as { key: string }[]).map((u) => u.key).sort()).toEqual([...TEST_USER_KEYS].sort());
  expect(Object.keys(results.agreement.compared).sort()).toEqual(['casbin', 'casl', 'pg-rls']);
  for (const n of Object.values(results.agreement.compared)) expect(n).toBeGreaterThan(60);
  expect(results.agreement.disagreements).toEqual([]);
  expect(results.agreement.equal).toBe(true);
  expect(run.stdout).toContain('| peer | size | metric |');
  console.log(`bench smoke: ${((Date.now() - started) / 1000).toFixed(0)} s`);
});
