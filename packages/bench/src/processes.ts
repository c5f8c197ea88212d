// The processes under test: the Tandem server started the way `npm start` starts it (node --import tsx
// packages/server/src/main.ts) and a bare Fastify hello world, each pinned to core 0 with taskset when there are two
// cores or more; the load generator and this process run on core 1.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { REPO } from './dataset.ts';
import { Api, waitReady } from './http.ts';
import { freePort } from './postgres.ts';
import { progress } from './stats.ts';

export const PINNING = existsSync('/usr/bin/taskset') && cpus().length >= 2;
export const SERVER_CORE = 0;
export const LOAD_CORE = 1;

/** The command, prefixed with taskset when pinning is possible. */
export function pinned(core: number, command: string, args: string[]): [string, string[]] {
  return PINNING ? ['taskset', ['-c', String(core), command, ...args]] : [command, args];
}

/** Moves this process (the one-at-a-time client and the in-process measurements) to the load core. */
export function pinSelf(): void {
  if (PINNING) spawnSync('taskset', ['-cp', String(LOAD_CORE), String(process.pid)], { stdio: 'ignore' });
}

export type Running = { base: string; pid: number; readyMs: number; child: ChildProcess; log: () => string; stop: () => Promise<void> };

async function startNode(name: string, nodeArgs: string[], env: Record<string, string>, readyPath: string): Promise<Running> {
  const port = await freePort();
  const [command, args] = pinned(SERVER_CORE, process.execPath, nodeArgs);
  const started = performance.now();
  const child = spawn(command, args, { cwd: REPO, env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const base = `http://127.0.0.1:${port}`;
  const probe = new Api(base);
  let readyMs: number;
  try {
    readyMs = await waitReady(probe, readyPath, started, 120_000, () => child.exitCode === null);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${name} did not start: ${(error as Error).message}\n${log}`);
  } finally {
    probe.close();
  }
  progress(`${name} ready in ${readyMs.toFixed(0)} ms (pid ${child.pid}${PINNING ? `, core ${SERVER_CORE}` : ''})`);
  return {
    base, pid: child.pid as number, readyMs, child, log: () => log,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      process.removeListener('exit', kill);
    },
  };
}

/** Builds the production server as `npm start` does when its build is stale (scripts/build-server.mjs, esbuild). */
export function buildServer(): void {
  const r = spawnSync(process.execPath, ['scripts/build-server.mjs'], { cwd: REPO, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`building the server failed: ${r.stdout}${r.stderr}`);
}

/**
 * The server as `npm start` runs it (scripts/start.mjs: the compiled bundle, source maps on), on the seeded database,
 * with no demo data and request logs off. Call `buildServer` first.
 */
export function startTandem(db: { databaseUrl: string | null; pgliteDir: string | null }): Promise<Running> {
  const env: Record<string, string> = { TANDEM_DEMO_DATA: 'off', LOG_LEVEL: 'warn' };
  if (db.databaseUrl) env.DATABASE_URL = db.databaseUrl;
  else env.TANDEM_DATA_DIR = db.pgliteDir as string;
  return startNode('Tandem server', ['--enable-source-maps', join('packages', 'server', 'dist', 'main.js')], env, '/api/v1/health');
}

export function startHello(): Promise<Running> {
  return startNode('Fastify hello world', ['--import', 'tsx', join('packages', 'bench', 'src', 'hello.ts')], {}, '/hello');
}

/** VmRSS and VmHWM (peak) of a process, in MB. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}
