// CRM-N for the run: seeded by the project's own seeder (`tandem seed`, run as a child process), or reused when a
// database seeded at the same size, seed, history depth and seeder version is found with its marker. The marker
// says `clean` only while the data is as seeded: the write measurements set it to `dirty` and back when they have
// undone their changes, so a run that dies half-way makes the next one seed again.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { PGLITE_EXTENSIONS } from '@tandem/server';
import type { BenchOptions } from './args.ts';
import { openCluster, type Cluster } from './postgres.ts';
import { progress } from './stats.ts';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export type SeedReport = {
  org: { id: string; name: string; shareAllContacts: boolean };
  testUsers: Record<string, { id: string; email: string; name: string }>;
  counts: Record<string, number>;
  loadSeconds: number;
  totalRows: number;
};

export type Dataset = {
  key: string;
  reused: boolean;
  report: SeedReport;
  /** The server's database: a PostgreSQL URL or a PGlite folder. */
  databaseUrl: string | null;
  pgliteDir: string | null;
  /** PostgreSQL of this run: the server's database (postgres) or the peers' only (pglite). */
  cluster: Cluster;
  setState: (state: 'clean' | 'dirty') => Promise<void>;
};

/** What the seeded rows depend on: the seeder's code and the migrations. */
function seederVersion(): string {
  const hash = createHash('sha1');
  for (const dir of ['packages/cli/src/seed', 'packages/server/src/storage/migrations']) {
    for (const f of readdirSync(join(REPO, dir)).filter((n) => !n.endsWith('.test.ts')).sort()) hash.update(f).update(readFileSync(join(REPO, dir, f)));
  }
  return hash.digest('hex').slice(0, 12);
}

export function dataRoot(opts: BenchOptions): string {
  return resolve(opts.dataDir ?? join(REPO, 'bench', '.data'));
}

async function runSeeder(opts: BenchOptions, env: Record<string, string>): Promise<SeedReport> {
  const args = ['--import', 'tsx', 'packages/cli/src/main.ts', 'seed', '--contacts', String(opts.contacts), '--users', String(opts.users),
    '--seed', opts.seed, '--messages', String(opts.messages), '--json'];
  progress(`seeding CRM-N with the project's seeder: tandem seed ${args.slice(4).join(' ')}`);
  const child = spawn(process.execPath, args, { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) progress(`  seed: ${line.trim()}`);
  });
  const code = await new Promise<number>((done) => child.on('close', (c) => done(c ?? 1)));
  if (code !== 0) throw new Error(`tandem seed failed (exit ${code})`);
  return JSON.parse(out) as SeedReport;
}

const MARKER = `CREATE SCHEMA IF NOT EXISTS bench;
  CREATE TABLE IF NOT EXISTS bench.marker (name text PRIMARY KEY, key text NOT NULL, state text NOT NULL, report jsonb, at timestamptz NOT NULL DEFAULT now())`;

export async function readMarker(client: pg.Client, name: string): Promise<{ key: string; state: string; report: unknown } | null> {
  await client.query(MARKER);
  const r = await client.query<{ key: string; state: string; report: unknown }>('SELECT key, state, report FROM bench.marker WHERE name = $1', [name]);
  return r.rows[0] ?? null;
}

export async function writeMarker(client: pg.Client, name: string, key: string, state: string, report: unknown): Promise<void> {
  await client.query(MARKER);
  await client.query(`INSERT INTO bench.marker (name, key, state, report) VALUES ($1, $2, $3, $4)
    ON CONFLICT (name) DO UPDATE SET key = $2, state = $3, report = COALESCE($4, bench.marker.report), at = now()`, [name, key, state, report === null ? null : JSON.stringify(report)]);
}

async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function postgresDataset(opts: BenchOptions, key: string, dir: string): Promise<Dataset> {
  let cluster = await openCluster(dir, opts.fresh);
  let marker = await withClient(cluster.url, (c) => readMarker(c, 'crm-n'));
  const reused = marker !== null && marker.key === key && marker.state === 'clean';
  if (!reused && marker !== null) {
    progress(`the database in ${dir} is ${marker.key !== key ? `another data set (${marker.key})` : 'dirty (a run stopped half-way)'}: seeding anew`);
    await cluster.stop();
    cluster = await openCluster(dir, true);
    marker = null;
  }
  let report = marker?.report as SeedReport | undefined;
  if (!reused) {
    report = await runSeeder(opts, { DATABASE_URL: cluster.url });
    await withClient(cluster.url, async (c) => {
      await c.query('ANALYZE');
      await writeMarker(c, 'crm-n', key, 'clean', report);
    });
  }
  const url = cluster.url;
  return {
    key, reused, report: report as SeedReport, databaseUrl: url, pgliteDir: null, cluster,
    setState: (state) => withClient(url, (c) => writeMarker(c, 'crm-n', key, state, null)),
  };
}

async function pgliteDataset(opts: BenchOptions, key: string, root: string, name: string): Promise<Dataset> {
  const dir = join(root, `pglite-${name}`);
  const markerFile = `${dir}.marker.json`;
  const marker = existsSync(markerFile) ? (JSON.parse(readFileSync(markerFile, 'utf8')) as { key: string; state: string; report: SeedReport }) : null;
  const reused = !opts.fresh && marker !== null && marker.key === key && marker.state === 'clean' && existsSync(dir);
  let report = marker?.report;
  if (!reused) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    report = await runSeeder(opts, { TANDEM_DATA_DIR: dir });
    const { PGlite } = await import('@electric-sql/pglite');
    const db = new PGlite(dir, { extensions: PGLITE_EXTENSIONS });
    await db.exec('ANALYZE');
    await db.close();
    writeFileSync(markerFile, JSON.stringify({ key, state: 'clean', report }));
  }
  const cluster = await openCluster(join(root, `pg-for-pglite-${name}`), opts.fresh);
  const done = report as SeedReport;
  return {
    key, reused, report: done, databaseUrl: null, pgliteDir: dir, cluster,
    setState: async (state) => writeFileSync(markerFile, JSON.stringify({ key, state, report: done })),
  };
}

export async function prepareDataset(opts: BenchOptions): Promise<Dataset> {
  const key = `crm-n contacts=${opts.contacts} users=${opts.users} seed=${opts.seed} messages=${opts.messages} seeder=${seederVersion()}`;
  const root = dataRoot(opts);
  mkdirSync(root, { recursive: true });
  const name = `${opts.size}${opts.users === 50 ? '' : `-u${opts.users}`}-s${opts.seed}-m${opts.messages}`;
  const started = performance.now();
  const ds = opts.db === 'postgres' ? await postgresDataset(opts, key, join(root, `pg-${name}`)) : await pgliteDataset(opts, key, root, name);
  progress(`${ds.reused ? 'reused' : 'seeded'} CRM-N (${key}) in ${((performance.now() - started) / 1000).toFixed(1)} s; `
    + `${ds.report.totalRows.toLocaleString('en-US')} rows; seeder load ${ds.report.loadSeconds} s`);
  return ds;
}
