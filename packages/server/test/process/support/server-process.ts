// The real server as a process, the way `npm start` and the Docker image run it: scripts/build-server.mjs bundles
// src/main.ts into a runtime layout of the test's own (a temporary folder with packages/server/dist, package.json,
// scripts/start.mjs and links to the repository's node_modules, no sources: what the Docker image holds), so the
// tests never rebuild the shared dist/.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');

/** Builds the server once into a fresh folder; returns that folder (the cwd to run `scripts/start.mjs` from). */
export function buildRuntime(): string {
  const root = mkdtempSync(join(tmpdir(), 'tandem-runtime-'));
  const out = join(root, 'packages/server/dist');
  const built = spawnSync(process.execPath, ['scripts/build-server.mjs', '--out', out], { cwd: REPO, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`build failed: ${built.stderr}`);
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'));
  mkdirSync(join(root, 'packages/server'), { recursive: true });
  symlinkSync(join(REPO, 'packages/server/node_modules'), join(root, 'packages/server/node_modules'));
  cpSync(join(REPO, 'package.json'), join(root, 'package.json'));
  cpSync(join(REPO, 'scripts/start.mjs'), join(root, 'scripts/start.mjs'));
  return root;
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => ok(port));
    });
  });
}

export type Running = { child: ChildProcess; port: number; output: () => string; exited: Promise<{ code: number | null; signal: string | null }> };

/** How the server is started from the runtime folder: its bundle, `node scripts/start.mjs`, or `npm start`. */
export type StartedBy = 'node' | 'start.mjs' | 'npm start';

export function startServer(runtime: string, env: Record<string, string>, options: { by?: StartedBy; port: number }): Running {
  const by = options.by ?? 'node';
  const [command, args] = by === 'npm start' ? ['npm', ['start']] as const
    : by === 'start.mjs' ? [process.execPath, ['scripts/start.mjs']] as const
      : [process.execPath, ['--enable-source-maps', 'packages/server/dist/main.js']] as const;
  const child = spawn(command, args, {
    cwd: runtime,
    env: { ...process.env, PORT: String(options.port), HOST: '127.0.0.1', TANDEM_DEMO_DATA: 'off', LOG_LEVEL: 'info', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { output += d.toString(); });
  const exited = new Promise<{ code: number | null; signal: string | null }>((ok) => child.once('exit', (code, signal) => ok({ code, signal })));
  return { child, port: options.port, output: () => output, exited };
}

export async function waitHealthy(server: Running): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`the server exited (${server.child.exitCode}) before it was ready:\n${server.output()}`);
    try {
      if ((await fetch(`http://127.0.0.1:${server.port}/api/v1/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server never answered:\n${server.output()}`);
}

/** 'refused' when nothing listens on the port, 'accepted' when a connection opens. */
export function tryConnect(port: number): Promise<'refused' | 'accepted'> {
  return new Promise((ok, fail) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); ok('accepted'); });
    socket.once('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNREFUSED' ? ok('refused') : fail(error)));
  });
}

export async function waitUntil(what: string, check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The server's own pid, from its log lines (pino writes `"pid"` on each). */
export function serverPid(output: string): number {
  const match = /"pid":(\d+),"hostname"/.exec(output);
  if (!match) throw new Error(`no log line with a pid:\n${output}`);
  return Number(match[1]);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
