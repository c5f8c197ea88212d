// The contact list's search, orders and capped count in SQL, at the size the benchmark seeded (issue 10, item 3;
// docs/performance.md "Search"). For each test user of the benchmark, page 1 of the list as the server runs it
// (storage/contact-page.ts with the facts columns, compiled by Kysely), each run as EXPLAIN (ANALYZE, BUFFERS): with
// no search, a word inside names (the middle contact's last name), part of a word, a phone number typed with spaces,
// one letter, each order, and the capped count of the word search. Prints planning + execution p50 and min in ms,
// the buffers the plan touched and the rows.
//
//   npm run bench -- --size 100k                       # seeds CRM-N into bench/.data once (or reuses it)
//   npx tsx packages/bench/src/search-plans.ts --size 100k [--runs 15] [--data-dir DIR] [--scope sharedWithYou]
// `--scope sharedWithYou` measures the "Shared with me" list instead (GET /contacts?scope=sharedWithYou: the core's
// compileSharedWithActorFilter, the user's own contacts left out by notOwnerId), with the same searches and orders.
import { compileFilter, compileSharedWithActorFilter, type ActorContext, type ListPolicy } from '@tandem/core';
import { sql, type RawBuilder } from 'kysely';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase, type Db } from '../../server/src/storage/connect.ts';
import { contactColumns, factColumns } from '../../server/src/storage/contact-facts.ts';
import { contactCountQuery, contactPageQuery, type ListSort, type PageQuery } from '../../server/src/storage/contact-page.ts';
import { searchPatternsOf } from '../../server/src/storage/contact-search.ts';
import { loadActorContext } from '../../server/src/storage/load-actor-context.ts';
import { dataRoot, readMarker, type SeedReport } from './dataset.ts';
import { openCluster } from './postgres.ts';
import { pickTestUsers, prefixOf, searchesOf, type TestUser } from './users.ts';
import { loadWorld, type Query } from './world.ts';

const { values: args } = parseArgs({
  options: { size: { type: 'string', default: '100k' }, runs: { type: 'string', default: '15' }, 'data-dir': { type: 'string' }, scope: { type: 'string', default: 'all' }, seed: { type: 'string', default: '42' }, messages: { type: 'string', default: '2' } },
});
const RUNS = Number(args.runs);
const root = dataRoot({ dataDir: args['data-dir'] } as Parameters<typeof dataRoot>[0]);
const dir = join(root, `pg-${args.size}-s${args.seed}-m${args.messages}`);

type Plan = { 'Planning Time': number; 'Execution Time': number; Plan: { 'Actual Rows': number; 'Shared Hit Blocks': number; 'Shared Read Blocks': number } };

async function explain(db: Db, query: RawBuilder<unknown>): Promise<{ ms: number[]; buffers: number; rows: number }> {
  const compiled = query.compile(db);
  const ms: number[] = [];
  let buffers = 0;
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const result = await db.executeQuery<{ 'QUERY PLAN': Plan[] }>({ ...compiled, sql: `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${compiled.sql}` });
    const [plan] = result.rows[0]?.['QUERY PLAN'] ?? [];
    if (!plan) throw new Error('no plan');
    ms.push(plan['Planning Time'] + plan['Execution Time']);
    buffers = plan.Plan['Shared Hit Blocks'] + plan.Plan['Shared Read Blocks'];
    rows = plan.Plan['Actual Rows'];
  }
  return { ms: ms.sort((a, b) => a - b), buffers, rows };
}

const fmt = (n: number) => n.toFixed(2);

async function main(): Promise<void> {
  const cluster = await openCluster(dir, false);
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  const handle = openDatabase({ kind: 'postgres', url: cluster.url, poolSize: 1 });
  try {
    const marker = await readMarker(client, 'crm-n');
    if (!marker) throw new Error(`no seeded CRM-N in ${dir}: run npm run bench -- --size ${args.size} first`);
    const report = marker.report as SeedReport;
    const q: Query = async (text, params) => client.query(text, params);
    const world = await loadWorld(q, report.org.id);
    const now = Date.now();
    const { users } = pickTestUsers(world, now, report.testUsers);
    console.log(`search plans (scope ${args.scope}): ${dir}, ${world.contacts.length.toLocaleString('en-US')} contacts, ${RUNS} runs each, ${new Date().toISOString()}`);
    console.log('| user (sees) | page | rows | plan + exec p50 ms | min ms | buffers |');
    console.log('|---|---|---:|---:|---:|---:|');
    for (const user of users) await measureUser(handle.db, world.orgId, user, prefixOf(world, user, now), searchesOf(world, user, now), now);
  } finally {
    await handle.close();
    await client.end();
    await cluster.stop();
  }
}

async function measureUser(db: Db, orgId: string, user: TestUser, letter: string, searches: { word: string; phone: string | null }, now: number): Promise<void> {
  const loaded = await loadActorContext(db, orgId, user.id, now);
  if (!loaded) throw new Error(`no context for ${user.key}`);
  const ctx: ActorContext = user.shareAll ? { ...loaded, settings: { ...loaded.settings, shareAllContacts: true } } : loaded;
  const scoped: { policy: ListPolicy; notOwnerId?: string } = args.scope === 'sharedWithYou'
    ? compileSharedWithActorFilter(ctx, ['active'])
    : { policy: compileFilter(ctx, 'contact.view', ['active']) };
  const { policy } = scoped;
  const narrow = scoped.notOwnerId ? { notOwnerId: scoped.notOwnerId } : {};
  const select = sql`${contactColumns}, ${factColumns(ctx)}`;
  const page = async (label: string, query: Omit<PageQuery, 'limit'>) => {
    const built = contactPageQuery(orgId, policy, { limit: 50, ...narrow, ...query }, select);
    if (!built) return;
    const r = await explain(db, built);
    console.log(`| ${user.key} (${user.visible}) | ${label} | ${r.rows} | ${fmt(r.ms[Math.floor(r.ms.length / 2)] ?? NaN)} | ${fmt(r.ms[0] ?? NaN)} | ${r.buffers} |`);
  };
  const search = async (q: string) => ({ search: await searchPatternsOf(db, q) });
  await page('page 1', {});
  await page(`q=${searches.word} (a word inside names)`, await search(searches.word));
  await page(`q=${searches.word.slice(0, 5)} (part of a word)`, await search(searches.word.slice(0, 5)));
  if (searches.phone) await page(`q=${searches.phone} (phone digits)`, await search(searches.phone));
  await page(`q=${letter} (one letter: word start)`, await search(letter));
  for (const sort of ['owner', 'activity', 'created'] as ListSort[]) await page(`sort=${sort}`, { sort });
  const count = contactCountQuery(orgId, policy, { limit: 50, ...narrow, ...(await search(searches.word)) });
  if (count) {
    const r = await explain(db, count);
    console.log(`| ${user.key} (${user.visible}) | capped count, q=${searches.word} | 1 | ${fmt(r.ms[Math.floor(r.ms.length / 2)] ?? NaN)} | ${fmt(r.ms[0] ?? NaN)} | ${r.buffers} |`);
  }
  const all = contactCountQuery(orgId, policy, { limit: 50, ...narrow });
  if (all) {
    const r = await explain(db, all);
    console.log(`| ${user.key} (${user.visible}) | capped count, no search | 1 | ${fmt(r.ms[Math.floor(r.ms.length / 2)] ?? NaN)} | ${fmt(r.ms[0] ?? NaN)} | ${r.buffers} |`);
  }
}

await main();
