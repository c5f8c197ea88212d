// The calendar week view's latency (issue 11; docs/performance.md "Calendars"): a user who reads 20 calendars (their
// own, 12 through `view` grants and 7 through `edit` grants, one of those to a team they are in) asks for a week of
// all of them, `GET /api/v1/calendar-items?from&to`, at 100 K items. The request runs in process through the built
// app (`buildApp` + `inject`: the auth statement, the compiled `calendar_item.view` policy, both window scans, series
// expansion, the linked contacts' facts, the serializer), on PostgreSQL (a cluster this script starts in
// bench/.data/calendar-pg, fsync off, as the benchmark's) or PGlite (in memory).
//
//   npx tsx packages/bench/src/calendar-week.ts [--db postgres|pglite] [--items 100000] [--users 100] [--runs 300]
//
// Data: `users` members of one org, `items` tasks and events spread over 2026 evenly across users: 75 % one-off events
// of 30-90 minutes, 20 % tasks (a tenth undated, a third done), 4 % events of 2-4 days, 1 % weekly series (COUNT 10-30
// or endless, in Europe/Paris); 10 % linked to one of 2,000 contacts. Each run asks a week of 2026 in turn (weeks
// 2-50), with the default page size (500). Prints the data size, items per answer and p50 / p95 / p99 / max in ms.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql, type CompiledQuery, type LogEvent } from 'kysely';
import { hashToken } from '../../server/src/domain/accounts/session-token.ts';
import { itemValues } from '../../server/src/domain/calendars/calendar-item-fields.ts';
import { manualClock } from '../../server/src/clock.ts';
import { buildApp } from '../../server/src/http/app.ts';
import { compileFilter } from '@tandem/core';
import { listCalendarItems } from '../../server/src/domain/calendars/list-calendar-items.ts';
import { listItemsInWindow } from '../../server/src/storage/calendar-queries.ts';
import { openDatabase, type Db, type DbHandle } from '../../server/src/storage/connect.ts';
import { loadActorContext } from '../../server/src/storage/load-actor-context.ts';
import { migrate } from '../../server/src/storage/migrate.ts';
import { openCluster } from './postgres.ts';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'postgres' }, items: { type: 'string', default: '100000' }, users: { type: 'string', default: '100' },
    runs: { type: 'string', default: '300' }, 'data-dir': { type: 'string' }, explain: { type: 'boolean', default: false },
  },
});
const ITEMS = Number(args.items);
const USERS = Number(args.users);
const RUNS = Number(args.runs);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const YEAR_START = Date.UTC(2026, 0, 5);

/** A small deterministic generator (mulberry32), so every run seeds the same data. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function seed(db: Db): Promise<{ orgId: string; userId: string; token: string }> {
  const rnd = random(20_260_105);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const org = await db.insertInto('orgs').values({ name: 'Calendar bench' }).returning('id').executeTakeFirstOrThrow();
  const users = await db.insertInto('users').values(Array.from({ length: USERS }, (_, i) => ({
    org_id: org.id, name: `User ${i}`, email: `cal-bench-${i}-${randomBytes(3).toString('hex')}@bench.test`, password_hash: 'x', role: 'member' as const,
  }))).returning('id').execute();
  const ids = users.map((u) => u.id);
  const [me, ...others] = ids as [string, ...string[]];
  const team = await db.insertInto('teams').values({ org_id: org.id, name: 'Sales' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('team_members').values({ org_id: org.id, team_id: team.id, user_id: me }).execute();
  // 19 calendars besides the user's own: 12 view grants, 6 edit grants to the user, 1 edit grant to their team.
  await db.insertInto('user_grants').values(others.slice(0, 19).map((owner, i) => ({
    org_id: org.id, owner_id: owner, scope: 'calendar' as const, level: i < 12 ? 2 : 4,
    grantee_user_id: i === 18 ? null : me, grantee_team_id: i === 18 ? team.id : null,
  }))).execute();
  // Grants among other users, so the grant table is not only the test user's.
  await db.insertInto('user_grants').values(others.slice(19).map((owner, i) => ({
    org_id: org.id, owner_id: owner, scope: 'calendar' as const, level: 2, grantee_user_id: others[(i + 1) % others.length] as string, grantee_team_id: null,
  }))).execute();
  const contacts = await db.insertInto('contacts').values(Array.from({ length: 2_000 }, (_, i) => ({
    org_id: org.id, owner_id: ids[i % ids.length] as string, name: `Contact ${i}`, sort_name: `contact ${i}`,
  }))).returning('id').execute();
  const contactIds = contacts.map((c) => c.id);
  for (let start = 0; start < ITEMS; start += 1_000) {
    const rows = Array.from({ length: Math.min(1_000, ITEMS - start) }, (_, k) => {
      const n = start + k;
      const assignee = ids[n % ids.length] as string;
      const at = YEAR_START + Math.floor(rnd() * 360 * DAY / (15 * 60_000)) * 15 * 60_000;
      const roll = rnd();
      const kind = roll < 0.2 ? 'task' : 'event';
      const long = roll >= 0.2 && roll < 0.24;
      const series = roll >= 0.24 && roll < 0.25;
      const startsAt = kind === 'event' ? at : null;
      const endsAt = startsAt === null ? null : startsAt + (long ? (2 + Math.floor(rnd() * 3)) * DAY : (30 + Math.floor(rnd() * 61)) * 60_000);
      const v = itemValues({
        kind, title: `Item ${n}`, notes: null, assigneeId: assignee, contactId: rnd() < 0.1 ? pick(contactIds) : null,
        dueAt: kind === 'task' && rnd() > 0.1 ? at : null, startsAt, endsAt, allDay: long, reminders: [],
        recurrence: series ? { rule: rnd() < 0.5 ? `FREQ=WEEKLY;COUNT=${10 + Math.floor(rnd() * 21)}` : 'FREQ=WEEKLY', timeZone: 'Europe/Paris' } : null,
        done: kind === 'task' && rnd() < 0.33 ? { at, by: assignee } : null,
      });
      return {
        org_id: org.id, ...v, created_by: assignee,
        range_start: v.range_start === Infinity ? 'infinity' : new Date(v.range_start), range_end: v.range_end === Infinity ? 'infinity' : new Date(v.range_end),
      };
    });
    await db.insertInto('calendar_items').values(rows).execute();
  }
  const token = randomBytes(24).toString('base64url');
  await db.insertInto('sessions').values({ org_id: org.id, user_id: me, token_hash: hashToken(token) }).execute();
  return { orgId: org.id, userId: me, token };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

/** The statements a use case ran, as compiled (for --explain). */
const ran: CompiledQuery[] = [];
const log = (event: LogEvent) => {
  if (args.explain && event.level === 'query') ran.push(event.query);
};

async function open(): Promise<{ handle: DbHandle; stop: () => Promise<void> }> {
  if (args.db === 'pglite') return { handle: openDatabase({ kind: 'pglite', log }), stop: async () => {} };
  const cluster = await openCluster(join(args['data-dir'] ?? join(process.cwd(), 'bench', '.data'), 'calendar-pg'), true);
  return { handle: openDatabase({ kind: 'postgres', url: cluster.url, poolSize: 4, log }), stop: cluster.stop };
}

/** EXPLAIN (ANALYZE, BUFFERS) of each statement the week's use case ran. */
async function explainWeek(db: Db, run: () => Promise<unknown>): Promise<void> {
  ran.length = 0;
  await run();
  const statements = [...ran];
  for (const query of statements) {
    const plan = await db.executeQuery<{ 'QUERY PLAN': string }>({ ...query, sql: `EXPLAIN (ANALYZE, BUFFERS) ${query.sql}` });
    console.log(`\n${query.sql.replace(/\s+/g, ' ').slice(0, 300)}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
  }
}

async function main(): Promise<void> {
  const { handle, stop } = await open();
  try {
    await migrate(handle);
    const seeded = performance.now();
    const { orgId, userId, token } = await seed(handle.db);
    await sql`ANALYZE`.execute(handle.db);
    const seconds = ((performance.now() - seeded) / 1000).toFixed(1);
    const app = await buildApp({ db: handle.db, clock: manualClock('2026-06-01T09:00:00Z'), logger: false });
    await app.ready();
    const ask = async (week: number) => {
      const from = new Date(YEAR_START + week * 7 * DAY).toISOString();
      const to = new Date(YEAR_START + (week + 1) * 7 * DAY).toISOString();
      const started = performance.now();
      const res = await app.inject({ method: 'GET', url: '/api/v1/calendar-items', query: { from, to }, headers: { authorization: `Bearer ${token}` } });
      const ms = performance.now() - started;
      if (res.statusCode !== 200) throw new Error(`week ${week}: ${res.statusCode} ${res.body}`);
      return { ms, items: (JSON.parse(res.body) as { items: unknown[] }).items.length };
    };
    for (let i = 0; i < 20; i++) await ask(2 + (i % 48));
    const times: number[] = [];
    const counts: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const { ms, items } = await ask(2 + (i % 48));
      times.push(ms);
      counts.push(items);
    }
    times.sort((a, b) => a - b);
    counts.sort((a, b) => a - b);
    const f = (n: number) => n.toFixed(2);
    // The same week through the use case (no HTTP, no auth statement), and the two window statements alone.
    const ctx = await loadActorContext(handle.db, orgId, userId, Date.parse('2026-06-01T09:00:00Z'));
    if (!ctx) throw new Error('no actor');
    const domain: number[] = [];
    const statements: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const week = 2 + (i % 48);
      const from = YEAR_START + week * 7 * DAY;
      let started = performance.now();
      await listCalendarItems({ db: handle.db }, ctx, { from: new Date(from).toISOString(), to: new Date(from + 7 * DAY).toISOString(), limit: 500 });
      domain.push(performance.now() - started);
      started = performance.now();
      await listItemsInWindow(handle.db, orgId, compileFilter(ctx, 'calendar_item.view'), { from, to: from + 7 * DAY, limit: 500 });
      statements.push(performance.now() - started);
    }
    domain.sort((a, b) => a - b);
    statements.sort((a, b) => a - b);
    console.log(`calendar week view on ${args.db}: ${ITEMS} items, ${USERS} users, 2,000 contacts; the caller reads 20 calendars (seeded in ${seconds} s)`);
    console.log(`items per week answer: min ${counts[0]}, p50 ${quantile(counts, 0.5)}, max ${counts[counts.length - 1]}`);
    console.log(`GET /api/v1/calendar-items (one week, ${RUNS} runs): p50 ${f(quantile(times, 0.5))} ms, p95 ${f(quantile(times, 0.95))} ms, p99 ${f(quantile(times, 0.99))} ms, max ${f(times[times.length - 1] ?? NaN)} ms`);
    if (args.explain) {
      const from = YEAR_START + 22 * 7 * DAY;
      await explainWeek(handle.db, () => listCalendarItems({ db: handle.db }, ctx, { from: new Date(from).toISOString(), to: new Date(from + 7 * DAY).toISOString(), limit: 500 }));
    }
    console.log(`  of which the use case listCalendarItems: p50 ${f(quantile(domain, 0.5))} ms, p95 ${f(quantile(domain, 0.95))} ms; its two window statements: p50 ${f(quantile(statements, 0.5))} ms, p95 ${f(quantile(statements, 0.95))} ms`);
    await app.close();
  } finally {
    await handle.close();
    await stop();
  }
}

// The pool's idle connections see the cluster stop and emit errors after the summary: leave at once.
await main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
