// Starts the real Tandem server (as `npm start` runs it, minus demo data) on a free port with a fresh data folder,
// waits for it to answer, and hands its URL to the specs. The built web app (packages/web/dist) must exist.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
let server: ChildProcess | null = null;
let dataDir: string | null = null;

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => ok(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}) before it was ready:\n${log()}`);
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server did not become healthy within 120 s:\n${log()}`);
}

export async function setup(project: TestProject): Promise<void> {
  if (!existsSync(join(root, 'packages/web/dist/index.html'))) {
    throw new Error('packages/web/dist is missing: run `npm run build` first (npm run test:e2e does).');
  }
  // The journeys run the production server, compiled as `npm start` runs it (scripts/build-server.mjs).
  if (!existsSync(join(root, 'packages/server/dist/main.js'))) {
    throw new Error('packages/server/dist is missing: run `node scripts/build-server.mjs` first (npm run test:e2e does).');
  }
  const port = await freePort();
  dataDir = mkdtempSync(join(tmpdir(), 'tandem-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  server = spawn(process.execPath, ['--enable-source-maps', 'packages/server/dist/main.js'], {
    cwd: root,
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', TANDEM_DATA_DIR: dataDir, TANDEM_DEMO_DATA: 'off', LOG_LEVEL: 'warn', DATABASE_URL: '',
      // A program "day" of 4 s, looked at every second: programs.spec.ts watches a two-step program run in seconds.
      TANDEM_PROGRAM_TICK_SECONDS: '1', TANDEM_PROGRAM_DAY_SECONDS: '4',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  await waitForHealth(url, server, () => output);
  project.provide('baseUrl', url);
}

export async function teardown(): Promise<void> {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server?.once('exit', r));
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (server.exitCode === null) server.kill('SIGKILL');
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
