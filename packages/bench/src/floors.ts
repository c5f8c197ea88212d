// Floors, measured in the same run as everything else: what a hash lookup, a primary-key read (PostgreSQL through
// `pg`, PGlite in process), a bare Fastify route and the server's /health cost on this machine right now. Every
// other figure is also given as a multiple of its floor.
import pg from 'pg';
import type { Api } from './http.ts';
import { openLoop } from './load.ts';
import { metric, progress, prng, summarize, timeSeq, timeSync, type Metric } from './stats.ts';
import type { World } from './world.ts';

export const FLOOR = {
  map: 'Map.get',
  pg: 'PostgreSQL primary-key lookup (pg)',
  pglite: 'PGlite primary-key lookup (in process)',
  hello: 'Fastify hello world, one at a time',
  helloOpen: 'Fastify hello world, open loop',
  health: 'Tandem /api/v1/health, one at a time',
  healthOpen: 'Tandem /api/v1/health, open loop',
} as const;

export type Sizes = { seq: number; inproc: number };

export function mapFloor(world: World, n: number): Metric {
  const map = new Map(world.contacts.map((c) => [c.id, c]));
  const rand = prng(7);
  const keys = Array.from({ length: 4096 }, () => (world.contacts[Math.floor(rand() * world.contacts.length)] as { id: string }).id);
  let hits = 0;
  const t = timeSync({ n }, (i) => {
    if (map.get(keys[i & 4095] as string)) hits += 1;
  });
  return metric('floors', 'floor', FLOOR.map, summarize(t.us), { rate: Math.round(t.rate), note: `${hits} hits; each call timed alone (the timer is part of the floor)` });
}

export async function pgFloor(url: string, table: string, orgId: string, ids: string[], n: number): Promise<Metric> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const text = `SELECT id, name FROM ${table} WHERE org_id = $1 AND id = $2`;
    const t = await timeSeq({ n }, (i) => client.query({ name: 'pk', text, values: [orgId, ids[i % ids.length]] }));
    return metric('floors', 'floor', FLOOR.pg, summarize(t.us), { rate: Math.round(t.rate), note: `prepared statement on ${table}, one connection` });
  } finally {
    await client.end();
  }
}

type PGliteLike = { query: (text: string, params?: unknown[]) => Promise<unknown>; exec: (text: string) => Promise<unknown>; close: () => Promise<void> };

/** PGlite in this process: the seeded database when the server runs on PGlite (`seeded`, before the server starts), else a 10 K-row table in memory. */
export async function pgliteFloor(seeded: PGliteLike | null, orgId: string, ids: string[], n: number): Promise<Metric> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db: PGliteLike = seeded ?? new PGlite();
  try {
    let table = 'contacts';
    let keys = ids;
    if (!seeded) {
      table = 'floor_contacts';
      await db.exec(`CREATE TABLE floor_contacts (org_id uuid, id uuid, name text, PRIMARY KEY (org_id, id));
        INSERT INTO floor_contacts SELECT '${orgId}'::uuid, gen_random_uuid(), 'name ' || g FROM generate_series(1, 10000) g; ANALYZE floor_contacts`);
      keys = ((await db.query('SELECT id FROM floor_contacts')) as { rows: { id: string }[] }).rows.map((r) => r.id);
    }
    const text = `SELECT id, name FROM ${table} WHERE org_id = $1 AND id = $2`;
    const t = await timeSeq({ n }, (i) => db.query(text, [orgId, keys[i % keys.length]]));
    return metric('floors', 'floor', FLOOR.pglite, summarize(t.us), { rate: Math.round(t.rate), note: seeded ? 'the seeded PGlite database' : 'a 10 K-row table in an in-memory PGlite' });
  } finally {
    if (!seeded) await db.close();
  }
}

export async function httpFloor(api: Api, name: string, path: string, n: number): Promise<Metric> {
  await timeSeq({ n: Math.min(200, n) }, () => api.get(path));
  let errors = 0;
  const t = await timeSeq({ n }, async () => {
    const r = await api.get(path);
    if (r.status !== 200) errors += 1;
  });
  return metric('floors', 'floor', name, summarize(t.us), { rate: Math.round(t.rate), errors, note: 'keep-alive, one request at a time' });
}

export async function openFloor(base: string, name: string, path: string, rate: number, seconds: number): Promise<Metric> {
  progress(`floor: ${name}`);
  return openLoop({ section: 'floors', peer: 'floor', name, base, specs: [{ path }], rate, seconds, settlePath: path });
}
