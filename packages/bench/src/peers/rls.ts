// The pg-rls peer: each operation is one transaction on one connection: `BEGIN; SET LOCAL ROLE bench_rls; SET LOCAL
// rls.user_id ...; SET LOCAL rls.org_id ...` (one round trip), the prepared query, COMMIT. The policies do the rest.
import pg from 'pg';
import { searchPatterns, SESSION_SETTINGS } from '@tandem/server';
import { readMarker, writeMarker } from '../dataset.ts';
import { progress } from '../stats.ts';
import type { TestUser } from '../users.ts';
import type { PageSpec, Query } from '../world.ts';
import type { Peer } from './peer.ts';
import { copyRows, DDL, INDEXES, POLICIES, TABLES } from './rls-schema.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const LIVE = 'org_id = $1 AND archived_at IS NULL AND trashed_at IS NULL';
const PAGE = {
  first: `SELECT id FROM rls.contacts WHERE ${LIVE} ORDER BY sort_name, id LIMIT 51`,
  after: `SELECT id FROM rls.contacts WHERE ${LIVE} AND (sort_name, id) > ($2, $3::uuid) ORDER BY sort_name, id LIMIT 51`,
  // Tandem's search (server storage/contact-search.ts: every pattern must match search_text), with Tandem's trigram
  // index. LIKE is not leakproof, so under RLS PostgreSQL tests it only after the policies, row by row.
  searchFirst: `SELECT id FROM rls.contacts WHERE ${LIVE} AND search_text LIKE ALL ($2::text[]) ORDER BY sort_name, id LIMIT 51`,
  searchAfter: `SELECT id FROM rls.contacts WHERE ${LIVE} AND search_text LIKE ALL ($2::text[]) AND (sort_name, id) > ($3, $4::uuid) ORDER BY sort_name, id LIMIT 51`,
};
const VIEW = 'SELECT id FROM rls.contacts WHERE org_id = $1 AND id = $2';
const HISTORY = 'SELECT id, kind, created_at FROM rls.contact_events WHERE org_id = $1 AND contact_id = $2 ORDER BY created_at DESC, id DESC LIMIT 1';

/** Loads schema rls from the seeded rows once per data set (kept while the marker matches). */
async function load(client: pg.Client, source: Query, orgId: string, key: string): Promise<boolean> {
  const marker = await readMarker(client, 'rls');
  if (marker && marker.key === key && marker.state === 'clean') return false;
  progress('pg-rls: copying the seeded rows into schema rls and writing the policies');
  await client.query(DDL);
  for (const table of Object.keys(TABLES)) {
    const n = await copyRows(source, client, table, orgId);
    progress(`pg-rls:   ${table} ${n.toLocaleString('en-US')} rows`);
  }
  await client.query(INDEXES);
  await client.query(POLICIES);
  await writeMarker(client, 'rls', key, 'clean', null);
  return true;
}

export async function rlsPeer(url: string, source: Query, orgId: string, key: string): Promise<Peer & { setShareAll: (on: boolean) => Promise<void> }> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // The same planner settings as Tandem's own sessions (server storage/connect.ts SESSION_SETTINGS): equal footing.
  await client.query(SESSION_SETTINGS);
  const loaded = await load(client, source, orgId, `${key} rls-v7`);
  await client.query('UPDATE rls.orgs SET share_all_contacts = false WHERE id = $1', [orgId]);
  if (!UUID.test(orgId)) throw new Error('org id is not a uuid');
  const inTx = async <T>(user: TestUser, work: () => Promise<T>): Promise<T> => {
    if (!UUID.test(user.id)) throw new Error('user id is not a uuid');
    await client.query(`BEGIN; SET LOCAL ROLE bench_rls; SET LOCAL rls.user_id = '${user.id}'; SET LOCAL rls.org_id = '${orgId}'`);
    try {
      const out = await work();
      await client.query('COMMIT');
      return out;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  };
  const one = async (name: string, text: string, values: unknown[]) => (await client.query({ name, text, values })).rows.length > 0;
  return {
    name: 'pg-rls',
    floor: 'db',
    notes: [`PostgreSQL row-level security, schema rls ${loaded ? 'loaded in this run' : 'reused'}; policies per source, SECURITY DEFINER helpers as (select f()), SET LOCAL in a transaction`],
    setupMs: performance.now() - started,
    check: (user, contactId, historyOnly) => inTx(user, async () => ({
      view: historyOnly ? false : await one('rls_view', VIEW, [orgId, contactId]),
      history: await one('rls_history', HISTORY, [orgId, contactId]),
    })),
    page: (user, spec: PageSpec) => inTx(user, async () => {
      const patterns = spec.q ? searchPatterns(spec.q, spec.q.toLowerCase()) : [];
      const after = spec.after ? [spec.after.sortName, spec.after.id] : [];
      const [name, text, values] = patterns.length === 0
        ? (spec.after ? ['rls_after', PAGE.after, [orgId, ...after]] : ['rls_first', PAGE.first, [orgId]])
        : (spec.after ? ['rls_search_after', PAGE.searchAfter, [orgId, patterns, ...after]] : ['rls_search_first', PAGE.searchFirst, [orgId, patterns]]);
      return (await client.query<{ id: string }>({ name: name as string, text: text as string, values: values as unknown[] })).rows.map((r) => r.id);
    }),
    setShareAll: async (on) => {
      await client.query('UPDATE rls.orgs SET share_all_contacts = $2 WHERE id = $1', [orgId, on]);
    },
    close: () => client.end(),
  };
}
