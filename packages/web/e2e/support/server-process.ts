// Runs one real Tandem server for the browser journeys: the compiled server (scripts/build-server.mjs, as `npm start`
// runs it, demo data off) on a free loopback port with its own fresh PGlite folder, started and awaited until its
// health route answers, and stopped with SIGTERM (SIGKILL after 5 s) with its folder and key file removed.
// global-setup.ts runs the suite's server with it; mail-server.ts and sync-server.ts run a second one with extra
// settings (an SMTP inbox, provider stand-ins).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

export type ServerProcess = {
  readonly baseUrl: string;
  /** What the server wrote to stdout and stderr so far (shown when a test fails). */
  output(): string;
  stop(): Promise<void>;
};

export function freePort(): Promise<number> {
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

/**
 * `label` names the server in errors ("the mailing server"); `env` adds settings; it may be a function of the base
 * URL (TANDEM_PUBLIC_URL); `port` is chosen when not given.
 */
export async function startServerProcess(options: {
  label: string; env?: Record<string, string> | ((baseUrl: string) => Record<string, string>); port?: number;
}): Promise<ServerProcess> {
  const port = options.port ?? await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const extra = typeof options.env === 'function' ? options.env(baseUrl) : options.env ?? {};
  let output = '';
  const child = spawn(process.execPath, ['--enable-source-maps', 'packages/server/dist/main.js'], {
    cwd: root,
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', TANDEM_DATA_DIR: dataDir, TANDEM_DEMO_DATA: 'off', LOG_LEVEL: 'warn', DATABASE_URL: '',
      // Every spec signs up and signs in from 127.0.0.1: the production rate limits (D46: 10 sign-ups an hour per
      // address) would refuse most of the suite. The counts are raised; the sign-in lockout keeps its 10 failures.
      TANDEM_RATE_LIMIT_FACTOR: '1000',
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));

  async function stop(): Promise<void> {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
    // The server's key file (D39) lives beside its data folder.
    rmSync(`${dataDir}.secret-key`, { force: true });
  }

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`${options.label} exited (${child.exitCode}) before it was ready:\n${output}`);
    }
    try {
      if ((await fetch(`${baseUrl}/api/v1/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${options.label} did not become healthy within 120 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { baseUrl, output: () => output, stop };
}
