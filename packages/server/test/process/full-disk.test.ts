// A full disk under the PGlite folder (issue 14 item 3, docs/decisions.md D47, docs/reliability.md "Faults"): the
// start stops at once with one sentence naming the folder and the trouble, exit code 1, before PGlite creates
// anything; never PGlite's errno object, a stack, or a database left half made.
//
// The disks are real: small tmpfs file systems mounted for the test. That needs root (CI runs as root on a machine
// of the same kind as this one). Where the mount is refused the test FAILS and says why: it never skips.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeStartError } from '../../src/shutdown.ts';
import { buildRuntime, freePort, startServer, tryConnect, type Running } from './support/server-process.ts';

let runtime: string;
const mounts: string[] = [];
const running: Running[] = [];

/** A tmpfs of `size` (mount's syntax: 1m, 16m) on a new folder; throws, with mount's words, where that is refused. */
function smallDisk(size: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-small-disk-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0755`, 'tmpfs', dir], { encoding: 'utf8' });
  if (mounted.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`This test needs to mount a ${size} tmpfs (run it as root, as CI does): mount said ${mounted.stderr || mounted.error?.message}`);
  }
  mounts.push(dir);
  return dir;
}

/** Writes a file until the disk says ENOSPC. */
function fill(disk: string): void {
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) appendFileSync(join(disk, 'filler'), chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
}

async function startOn(dataDir: string): Promise<{ server: Running; exit: { code: number | null; signal: string | null }; ms: number }> {
  const server = startServer(runtime, { TANDEM_DATA_DIR: dataDir }, { port: await freePort() });
  running.push(server);
  const started = Date.now();
  const exit = await server.exited;
  return { server, exit, ms: Date.now() - started };
}

beforeAll(() => { runtime = buildRuntime(); }, 120_000);
afterAll(() => {
  for (const server of running) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  for (const dir of mounts) {
    spawnSync('umount', ['-l', dir]);
    rmSync(dir, { recursive: true, force: true });
  }
  rmSync(runtime, { recursive: true, force: true });
});

describe('a full disk under the PGlite folder', () => {
  it('a disk with no space left: one sentence (full disk, ENOSPC), exit 1, nothing listening', async () => {
    const disk = smallDisk('1m');
    fill(disk);
    const dataDir = join(disk, 'data');
    const { server, exit } = await startOn(dataDir);
    expect(exit).toEqual({ code: 1, signal: null });
    const lines = server.output().trim().split('\n');
    expect(lines, server.output()).toHaveLength(1);
    expect(lines[0]).toBe(`Tandem cannot start: The data folder ${dataDir} is on a full disk (no space left on the device) [ENOSPC]. `
      + 'Tandem keeps its PGlite database there: make it writable, free some space, or point TANDEM_DATA_DIR at another folder (or set DATABASE_URL).');
    expect(await tryConnect(server.port)).toBe('refused');
  }, 60_000);

  it('a disk with too little space for a new database (16 MiB): says how much is free and needed, at once, and leaves no half-made database', async () => {
    const disk = smallDisk('16m');
    const dataDir = join(disk, 'data');
    const { server, exit, ms } = await startOn(dataDir);
    expect(exit).toEqual({ code: 1, signal: null });
    const lines = server.output().trim().split('\n');
    expect(lines, server.output()).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Tandem cannot start: The data folder ${dataDir} is on a disk with 1[56]\\.\\d MiB free; `
      + 'Tandem needs at least 64 MiB there to create its database \\(a new one takes about 40 MiB\\) \\[ENOSPC\\]\\.'));
    // Before the check, PGlite ran for half a minute on such a disk and then failed with "[object Object]".
    expect(ms).toBeLessThan(10_000);
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(false);
    expect(readdirSync(dataDir)).toEqual([]);
  }, 60_000);
});

describe('a start that PGlite itself fails', () => {
  it('names PGlite\'s WebAssembly errno (an object with only `errno`) instead of printing [object Object]', () => {
    expect(describeStartError({ name: 'ErrnoError', errno: 51 })).toBe('the data folder is on a full disk (no space left on the device) [ENOSPC]');
    expect(describeStartError({ errno: 69 })).toBe('the data folder is on a read-only file system [EROFS]');
    expect(describeStartError({ errno: 7 })).toBe('a file system error [errno 7]');
    expect(describeStartError(new Error('relation "x" does not exist'))).toBe('relation "x" does not exist');
  });
});
