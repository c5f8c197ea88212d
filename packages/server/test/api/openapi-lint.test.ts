// The generated OpenAPI document lints clean with a real OpenAPI linter: Redocly CLI with the repository's
// redocly.yaml (operationIds, tags, 4xx answers as application/problem+json, servers, ...). Any error fails the
// test and prints Redocly's report.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, call, type TestApp } from '../support/harness.ts';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
let t: TestApp;
let dir: string;
beforeAll(async () => { t = await buildTestApp(); dir = mkdtempSync(join(tmpdir(), 'tandem-openapi-')); });
afterAll(async () => { await t.close(); rmSync(dir, { recursive: true, force: true }); });

it('the OpenAPI document passes `redocly lint` with redocly.yaml', async () => {
  const file = join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify((await call(t.app, 'GET', '/api/openapi.json')).body, null, 2));
  const run = spawnSync(join(root, 'node_modules/.bin/redocly'), ['lint', '--config', join(root, 'redocly.yaml'), '--format', 'stylish', file], {
    cwd: root, encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
}, 60_000);
