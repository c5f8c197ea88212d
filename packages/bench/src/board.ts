// The pipeline board's latency (issue 12; docs/performance.md "Board"): GET /api/v1/pipelines/:id/board for the
// narrow member (the member who sees the fewest contacts) and the admin, on CRM-N, over HTTP to the server as
// `npm start` runs it, beside the Fastify hello floor measured in the same run (both one request at a time, keep-alive,
// the server pinned to core 0 and this client to core 1 as in the main benchmark).
//
//   npm run bench:board -- --size 100k [--cards 10000] [--runs 200] [--seed 42] [--data-dir DIR] [--fresh] [--explain]
// `--explain` prints EXPLAIN (ANALYZE, BUFFERS) of the board's statements for both users instead of measuring.
//
// Data: CRM-N as `npm run bench` seeds it (reused from bench/.data when seeded at the same size, seed and seeder
// version; the server on PostgreSQL only). On it this script adds one pipeline with 6 stages owned by the admin, `cards`
// cards (default 10,000) on contacts drawn at random (seeded) among all the org's contacts, archived and trashed ones
// included, with values of 100.00 to 100,000.00, and shares the pipeline at `view` with a team every active user is
// put in. The pipeline and the team are removed at the end (the dataset's marker says `dirty` meanwhile, so a run that
// dies half-way makes the next one seed again). Each board asks the default 100 cards per stage. Prints p50 / p95 /
// p99 in ms and the multiple of the floor's p50, and what each user's board holds (cards shown, visible, hidden).
import type { CompiledQuery, LogEvent } from 'kysely';
import pg from 'pg';
import { getBoard } from '../../server/src/domain/pipelines/get-board.ts';
import { openDatabase } from '../../server/src/storage/connect.ts';
import { loadActorContext } from '../../server/src/storage/load-actor-context.ts';
import { parseArgs as parseBenchArgs, UsageError } from './args.ts';
import { prepareDataset } from './dataset.ts';
import { Api, signIn } from './http.ts';
import { buildServer, pinSelf, PINNING, startHello, startTandem } from './processes.ts';
import { prng, progress, summarize, timeSeq, type Summary } from './stats.ts';
import { pickTestUsers } from './users.ts';
import { loadWorld, type Query } from './world.ts';

const STAGES = ['Lead', 'Qualified', 'Proposal', 'Negotiation', 'Won', 'Lost'];

/** This script's own flags (`--cards`, `--runs`), the rest as `npm run bench` reads them. */
function readArgs(argv: string[]) {
  const own = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const name = arg.replace(/^--/, '').split('=')[0] as string;
    if (name === 'explain') {
      own.set(name, 'on');
      continue;
    }
    if (name === 'cards' || name === 'runs') {
      const inline = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[(i += 1)];
      own.set(name, inline ?? '');
    } else rest.push(arg);
  }
  const opts = parseBenchArgs([...rest, '--peers', 'none']);
  if (!opts) throw new UsageError('see the header of packages/bench/src/board.ts');
  if (opts.db !== 'postgres') throw new UsageError('bench:board: the board is measured on PostgreSQL only (--db postgres)');
  const number = (name: string, fallback: number, min: number) => {
    const n = Number(own.get(name) ?? fallback);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`bench:board: --${name} must be a whole number of at least ${min}`);
    return n;
  };
  return { opts, cards: number('cards', 10_000, 1), runs: number('runs', 200, 10), explain: own.has('explain') };
}

type Board = { stages: { cards: unknown[]; visibleCount: number; hiddenCount: number }[] };

/** Adds the pipeline, its stages, cards, the team and the share; answers the pipeline and team ids. */
async function seedBoard(client: pg.Client, orgId: string, ownerId: string, userIds: string[], contactIds: string[], cards: number, seed: string) {
  const rand = prng(Number(seed) * 7919 + 12);
  await client.query('BEGIN');
  const team = await client.query<{ id: string }>(`INSERT INTO teams (org_id, name) VALUES ($1, 'Board bench: everyone') RETURNING id`, [orgId]);
  const teamId = team.rows[0]?.id as string;
  await client.query('INSERT INTO team_members (org_id, team_id, user_id) SELECT $1, $2, unnest($3::uuid[])', [orgId, teamId, userIds]);
  const pipeline = await client.query<{ id: string }>(`INSERT INTO pipelines (org_id, owner_id, name) VALUES ($1, $2, 'Board bench') RETURNING id`, [orgId, ownerId]);
  const pipelineId = pipeline.rows[0]?.id as string;
  const stages = await client.query<{ id: string }>(`INSERT INTO pipeline_stages (org_id, pipeline_id, name, position)
    SELECT $1, $2, name, ord - 1 FROM unnest($3::text[]) WITH ORDINALITY AS s(name, ord) ORDER BY ord RETURNING id`, [orgId, pipelineId, STAGES]);
  const stageIds = stages.rows.map((r) => r.id);
  for (let start = 0; start < cards; start += 2_000) {
    const n = Math.min(2_000, cards - start);
    const contact = Array.from({ length: n }, () => contactIds[Math.floor(rand() * contactIds.length)] as string);
    const stage = Array.from({ length: n }, () => stageIds[Math.floor(rand() * stageIds.length)] as string);
    const value = Array.from({ length: n }, () => (100 + Math.floor(rand() * 9_990_000) / 100).toFixed(2));
    const title = Array.from({ length: n }, (_, k) => `Deal ${start + k}`);
    await client.query(`INSERT INTO pipeline_cards (org_id, pipeline_id, stage_id, contact_id, title, value, position, created_by)
      SELECT $1, $2, s, c, t, v::numeric, ord + $7, $8 FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[]) WITH ORDINALITY AS x(s, c, t, v, ord)`,
    [orgId, pipelineId, stage, contact, title, value, start, ownerId]);
  }
  await client.query(`INSERT INTO pipeline_shares (org_id, pipeline_id, grantee_team_id, level, created_by) VALUES ($1, $2, $3, 2, $4)`, [orgId, pipelineId, teamId, ownerId]);
  await client.query('COMMIT');
  await client.query('ANALYZE pipelines, pipeline_stages, pipeline_cards, pipeline_shares, teams, team_members');
  return { pipelineId, teamId };
}

/** EXPLAIN (ANALYZE, BUFFERS) of every statement the board's use case runs for one user, with its time in process. */
async function explainBoard(url: string, orgId: string, userId: string, pipelineId: string): Promise<void> {
  const ran: CompiledQuery[] = [];
  const log = (event: LogEvent) => {
    if (event.level === 'query') ran.push(event.query);
  };
  const handle = openDatabase({ kind: 'postgres', url, poolSize: 1, log });
  try {
    const ctx = await loadActorContext(handle.db, orgId, userId, Date.now());
    if (!ctx) throw new Error(`no actor ${userId}`);
    for (let i = 0; i < 5; i++) await getBoard({ db: handle.db }, ctx, pipelineId);
    ran.length = 0;
    const started = performance.now();
    await getBoard({ db: handle.db }, ctx, pipelineId);
    console.log(`\ngetBoard for ${userId} in process: ${(performance.now() - started).toFixed(1)} ms, ${ran.length} statements`);
    for (const query of [...ran]) {
      if (!/^\s*(select|with)/i.test(query.sql)) continue;
      const plan = await handle.db.executeQuery<{ 'QUERY PLAN': string }>({ ...query, sql: `EXPLAIN (ANALYZE, BUFFERS) ${query.sql}` });
      console.log(`\n${query.sql.replace(/\s+/g, ' ').slice(0, 200)}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
    }
  } finally {
    await handle.close();
  }
}

async function removeBoard(client: pg.Client, orgId: string, pipelineId: string, teamId: string): Promise<void> {
  await client.query('DELETE FROM pipelines WHERE org_id = $1 AND id = $2', [orgId, pipelineId]);
  await client.query('DELETE FROM team_members WHERE org_id = $1 AND team_id = $2', [orgId, teamId]);
  await client.query('DELETE FROM teams WHERE org_id = $1 AND id = $2', [orgId, teamId]);
}

const ms = (us: number | null) => (us === null ? 'n/a' : (us / 1000).toFixed(2));
const row = (name: string, s: Summary, floor: Summary | null) =>
  `| ${name} | ${s.n} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${floor ? `${(s.p50 / floor.p50).toFixed(1)}×` : '-'} |`;

async function main(): Promise<void> {
  const { opts, cards, runs, explain } = readArgs(process.argv.slice(2));
  pinSelf();
  progress(`board: CRM-N ${opts.contacts.toLocaleString('en-US')} contacts / ${opts.users} users, seed ${opts.seed}; ${cards.toLocaleString('en-US')} cards; ${runs} runs; pinning ${PINNING ? 'on' : 'off'}`);
  const ds = await prepareDataset(opts);
  const orgId = ds.report.org.id;
  const client = new pg.Client({ connectionString: ds.databaseUrl as string });
  await client.connect();
  const q: Query = async (text, params) => client.query(text, params);
  let seeded: { pipelineId: string; teamId: string } | null = null;
  try {
    const world = await loadWorld(q, orgId);
    const { users } = pickTestUsers(world, Date.now(), ds.report.testUsers);
    const admin = users.find((u) => u.key === 'admin');
    const narrow = users.find((u) => u.key === 'narrowMember');
    if (!admin || !narrow) throw new Error('no admin or narrow member in the dataset');
    await ds.setState('dirty');
    const active = world.users.filter((u) => u.status === 'active').map((u) => u.id);
    seeded = await seedBoard(client, orgId, admin.id, active, world.contacts.map((c) => c.id), cards, opts.seed);
    progress(`pipeline ${seeded.pipelineId}: ${STAGES.length} stages, ${cards} cards, shared at view with a team of ${active.length} users`);

    if (explain) {
      for (const user of [narrow, admin]) await explainBoard(ds.databaseUrl as string, orgId, user.id, seeded.pipelineId);
      return;
    }
    progress('building the server (scripts/build-server.mjs)');
    buildServer();
    const hello = await startHello();
    const helloApi = new Api(hello.base);
    await timeSeq({ n: 200 }, () => helloApi.get('/hello'));
    const floor = summarize((await timeSeq({ n: runs * 5 }, () => helloApi.get('/hello'))).us);
    helloApi.close();
    await hello.stop();

    const tandem = await startTandem(ds);
    const api = new Api(tandem.base);
    const results: { name: string; s: Summary; board: Board }[] = [];
    try {
      const path = `/api/v1/pipelines/${seeded.pipelineId}/board`;
      for (const user of [narrow, admin]) {
        const token = await signIn(api, user.email, 'tandem-bench');
        const { json: board } = await api.must<Board>('GET', path, token, undefined, [200]);
        await timeSeq({ n: 20 }, () => api.must('GET', path, token, undefined, [200]));
        const t = await timeSeq({ n: runs }, () => api.must('GET', path, token, undefined, [200]));
        results.push({ name: `GET board, ${user.key} (sees ${user.visible.toLocaleString('en-US')} contacts)`, s: summarize(t.us), board });
      }
    } finally {
      api.close();
      await tandem.stop();
    }

    console.log(`\nboard on PostgreSQL: CRM-N ${opts.contacts.toLocaleString('en-US')} contacts (seed ${opts.seed}), one pipeline of ${STAGES.length} stages and ${cards.toLocaleString('en-US')} cards, 100 cards per stage asked; ${new Date().toISOString()}`);
    console.log('| request | n | p50 ms | p95 ms | p99 ms | p50 / floor |');
    console.log('|---|---:|---:|---:|---:|---:|');
    console.log(row('Fastify hello (floor)', floor, null));
    for (const r of results) console.log(row(r.name, r.s, floor));
    for (const r of results) {
      const sum = (f: (s: Board['stages'][number]) => number) => r.board.stages.reduce((n, s) => n + f(s), 0);
      console.log(`${r.name}: ${sum((s) => s.cards.length)} cards in the answer, ${sum((s) => s.visibleCount)} visible, ${sum((s) => s.hiddenCount)} hidden (live contacts)`);
    }
  } finally {
    if (seeded) await removeBoard(client, orgId, seeded.pipelineId, seeded.teamId);
    if (seeded) await ds.setState('clean');
    await client.end();
    await ds.cluster.stop();
  }
}

// The pool's idle connections see the cluster stop and emit errors after the summary: leave at once.
await main().then(() => process.exit(0), (error: unknown) => {
  console.error(error instanceof UsageError ? error.message : error);
  process.exit(error instanceof UsageError ? 2 : 1);
});
