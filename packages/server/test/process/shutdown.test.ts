// Graceful shutdown of the real server process (issue 14 item 3, docs/decisions.md D43, docs/reliability.md):
// SIGTERM while a request is in flight lets it finish, refuses new connections and exits 0; a shutdown that cannot
// finish is ended after the grace period with exit 1 and a log line; `npm start` (scripts/start.mjs) passes SIGTERM
// to the server it runs, so nothing listens afterwards; a read-only data folder stops the start with one sentence.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRuntime, freePort, isAlive, serverPid, startServer, tryConnect, waitHealthy, waitUntil, type Running, type StartedBy } from './support/server-process.ts';

let runtime: string;
const folders: string[] = [];
const running: Running[] = [];

function dataFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-shutdown-data-'));
  folders.push(dir);
  return dir;
}

async function serve(env: Record<string, string> = {}, by: StartedBy = 'node'): Promise<Running> {
  const server = startServer(runtime, { TANDEM_DATA_DIR: dataFolder(), ...env }, { port: await freePort(), by });
  running.push(server);
  await waitHealthy(server);
  return server;
}

/** A sign-up whose body arrives in two parts: between them the request is in flight on a keep-alive connection. */
function slowSignUp(port: number): { socket: Socket; finish: () => void; response: Promise<string> } {
  const body = JSON.stringify({ orgName: 'Slow Co', name: 'Sam Slow', email: 'sam@slow.test', password: 'a long enough password 1' });
  const socket = connect(port, '127.0.0.1');
  socket.write(`POST /api/v1/signup HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`);
  socket.write(body.slice(0, 10));
  let received = '';
  const response = new Promise<string>((ok, fail) => {
    socket.on('data', (chunk: Buffer) => { received += chunk.toString(); });
    socket.once('close', () => ok(received));
    socket.once('error', fail);
  });
  return { socket, finish: () => socket.write(body.slice(10)), response };
}

beforeAll(() => { runtime = buildRuntime(); }, 120_000);
afterAll(() => {
  for (const server of running) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  // The server keeps its made-up secret key beside the PGlite folder (`<folder>.secret-key`).
  for (const path of [...folders, ...folders.map((dir) => `${dir}.secret-key`), runtime]) rmSync(path, { recursive: true, force: true });
});

describe('SIGTERM to the server process', () => {
  it('lets the request in flight finish (201), refuses new connections at once, and exits 0', async () => {
    const server = await serve();
    const slow = slowSignUp(server.port);
    await new Promise((r) => setTimeout(r, 200)); // the headers are parsed: the request is in flight
    server.child.kill('SIGTERM');
    await waitUntil('the listener to close', async () => (await tryConnect(server.port)) === 'refused');
    expect(server.child.exitCode).toBeNull(); // still draining: the sign-up has not finished
    slow.finish();
    const response = await slow.response; // the server closes the kept-alive connection after answering
    expect(response).toMatch(/^HTTP\/1\.1 201 /);
    expect(response).toContain('"email":"sam@slow.test"');
    const exit = await server.exited;
    expect(exit, server.output()).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain('stopped cleanly');
    expect(await tryConnect(server.port)).toBe('refused');
  }, 90_000);

  it('ends a shutdown that cannot finish after the grace period: exit 1 and one log line saying so', async () => {
    const server = await serve({ TANDEM_SHUTDOWN_GRACE_SECONDS: '1' });
    const slow = slowSignUp(server.port); // never finished
    await new Promise((r) => setTimeout(r, 200));
    const signalled = Date.now();
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 1, signal: null });
    expect(Date.now() - signalled).toBeLessThan(5_000);
    expect(server.output()).toContain('shutdown did not finish within 1000 ms: exiting anyway');
    slow.socket.destroy();
  }, 90_000);
});

describe('SIGTERM to `npm start`', () => {
  it('to scripts/start.mjs alone (PID 1 in the Docker image): it passes it on and exits 0; nothing listens afterwards', async () => {
    const server = await serve({}, 'start.mjs');
    const pid = serverPid(server.output());
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain('stopped cleanly');
    expect(isAlive(pid)).toBe(false);
    expect(await tryConnect(server.port)).toBe('refused');
  }, 90_000);

  it('to npm itself (npm -> sh -> start.mjs -> server, the orphan issue 14 found): the server stops cleanly', async () => {
    const server = await serve({}, 'npm start');
    const pid = serverPid(server.output());
    server.child.kill('SIGTERM'); // npm dies of it and so does its shell, without passing it on
    await server.exited;
    // start.mjs sees its parent go and stops the server as for a SIGTERM.
    await waitUntil('the server process to end', async () => !isAlive(pid));
    expect(server.output()).toContain('SIGTERM: shutting down');
    expect(server.output()).toContain('stopped cleanly');
    expect(await tryConnect(server.port)).toBe('refused');
  }, 90_000);
});

describe('a data folder Tandem cannot write', () => {
  it('stops the start with one sentence on stderr and exit code 1 (no stack, nothing listening)', async () => {
    const dir = dataFolder();
    // Read-only for the test's user: root ignores permission bits, so as root the folder is made immutable.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      const made = spawnSync('chattr', ['+i', dir]);
      if (made.status !== 0) throw new Error(`chattr +i failed: ${made.stderr.toString()}`);
    } else {
      spawnSync('chmod', ['0555', dir]);
    }
    try {
      const server = startServer(runtime, { TANDEM_DATA_DIR: dir }, { port: await freePort() });
      running.push(server);
      expect(await server.exited).toEqual({ code: 1, signal: null });
      const lines = server.output().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^Tandem cannot start: The data folder ${dir} is not writable .*\\[(EACCES|EPERM)\\]`));
      expect(server.output()).not.toMatch(/\n\s+at /);
      expect(await tryConnect(server.port)).toBe('refused');
    } finally {
      spawnSync(asRoot ? 'chattr' : 'chmod', asRoot ? ['-i', dir] : ['0755', dir]);
    }
  }, 60_000);
});
