// Starts the real Tandem server (as `npm start` runs it, minus demo data) on a free port with a fresh data folder,
// waits for it to answer, and hands its URL to the specs. The built web app (packages/web/dist) must exist.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startServerProcess, type ServerProcess } from './server-process.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
let server: ServerProcess | null = null;

export async function setup(project: TestProject): Promise<void> {
  if (!existsSync(join(root, 'packages/web/dist/index.html'))) {
    throw new Error('packages/web/dist is missing: run `npm run build` first (npm run test:e2e does).');
  }
  // The journeys run the production server, compiled as `npm start` runs it (scripts/build-server.mjs).
  if (!existsSync(join(root, 'packages/server/dist/main.js'))) {
    throw new Error('packages/server/dist is missing: run `node scripts/build-server.mjs` first (npm run test:e2e does).');
  }
  server = await startServerProcess({
    label: 'The server',
    // A program "day" of 4 s, looked at every second: programs.spec.ts watches a two-step program run in seconds.
    env: { TANDEM_PROGRAM_TICK_SECONDS: '1', TANDEM_PROGRAM_DAY_SECONDS: '4' },
  });
  project.provide('baseUrl', server.baseUrl);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
