// The differential test for calendar items (spec §7), on generated worlds (fixtures/world-arbitrary.ts
// `calendarWorldArb`: calendar grants to users and teams with windows around now, tasks and events, series, links to
// contacts) written to PGlite and to PostgreSQL. For every user and every item and item action: the core's `decide`
// on the item as storage loads it, the compiled `calendar_item.*` filter rendered as SQL for the calendar_items table,
// and the naive oracle of spec §7 (calendar-oracle.ts) agree. And every view built on the compiled policy shows
// exactly what the oracle allows: the window view in keyset pages (series expanded), the contact page (404 / 403 /
// its items), "My tasks", the list of readable calendars, and the feed read as its holder. Every listed item passes
// the core's single check.
// TANDEM_DIFF_SEED and TANDEM_DIFF_RUNS change the seed (default fixed) and the number of worlds.
import {
  CALENDAR_ITEM_ACTIONS, compileFilter, decide, policyCondition, type ActorContext, type CalendarItemAction, type CalendarItemFacts,
} from '@tandem/core';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/domain/accounts/session-token.ts';
import { readCalendarFeed } from '../../src/domain/calendars/calendar-feeds.ts';
import { itemFacts } from '../../src/domain/calendars/calendar-guard.ts';
import { listCalendarItems } from '../../src/domain/calendars/list-calendar-items.ts';
import { listCalendars } from '../../src/domain/calendars/list-calendars.ts';
import { listContactCalendarItems } from '../../src/domain/calendars/list-contact-calendar-items.ts';
import { listTasksOf } from '../../src/domain/calendars/list-tasks.ts';
import { expandSeries } from '../../src/domain/calendars/recurrence.ts';
import { AppError } from '../../src/errors.ts';
import { loadCalendarItem } from '../../src/storage/calendar-queries.ts';
import type { Db, DbHandle } from '../../src/storage/connect.ts';
import { loadActorContext } from '../../src/storage/load-actor-context.ts';
import { CALENDAR_ITEMS, renderCondition } from '../../src/storage/render-filter.ts';
import { calendarWorldArb } from '../fixtures/world-arbitrary.ts';
import { clearWorld, insertWorld, type World, type WorldCalendarItem, type WorldUser } from '../fixtures/world.ts';
import { DATABASE_KINDS, freshDatabase } from '../support/databases.ts';
import { oracleCalendar } from './oracle.ts';
import { oracleContactPage, oracleItemActions, showsIn, timesOf } from './calendar-oracle.ts';

const SEED = Number(process.env.TANDEM_DIFF_SEED ?? 20_260_105);
const RUNS = Number(process.env.TANDEM_DIFF_RUNS ?? 40);
const HOUR = 3_600_000;

type Stats = { worlds: number; users: number; items: number; assertions: number };
type Check = <T>(actual: T, expected: T, what: () => string) => void;

function checker(stats: Stats): Check {
  return (actual, expected, what) => {
    stats.assertions += 1;
    if (actual !== expected) expect(actual, what()).toEqual(expected);
  };
}

/** For each item action, the ids of every item (of any org) the compiled filter lets through, in one round trip. */
async function sqlMembers(db: Db, ctx: ActorContext): Promise<Map<CalendarItemAction, Set<string>>> {
  const parts = CALENDAR_ITEM_ACTIONS.map((action, i) =>
    sql`SELECT ${i}::int AS a, ci.id FROM calendar_items ci WHERE ${renderCondition(policyCondition(ctx, compileFilter(ctx, action)), CALENDAR_ITEMS)}`);
  const result = await sql<{ a: number; id: string }>`${sql.join(parts, sql` UNION ALL `)}`.execute(db);
  const out = new Map<CalendarItemAction, Set<string>>(CALENDAR_ITEM_ACTIONS.map((a) => [a, new Set()]));
  for (const row of result.rows) out.get(CALENDAR_ITEM_ACTIONS[row.a] as CalendarItemAction)?.add(row.id);
  return out;
}

/** What a window shows of an item: each occurrence of a series, else the item once, when it shows in [from, to). */
function entriesOf(item: WorldCalendarItem, from: number, to: number): { at: number; id: string }[] {
  const times = timesOf(item);
  if (!times) return [];
  if (item.recurrence && item.startsAt !== null && item.endsAt !== null) {
    return expandSeries({ startsAt: item.startsAt, endsAt: item.endsAt, ...item.recurrence }, from, to).map((o) => ({ at: o.startsAt, id: item.id }));
  }
  return showsIn(times.start, times.end, from, to) ? [{ at: times.start, id: item.id }] : [];
}
const byAt = (a: { at: number; id: string }, b: { at: number; id: string }) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const key = (e: { at: number; id: string }) => `${e.at}:${e.id}`;

async function pages<T>(read: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const seen: T[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 200; guard += 1) {
    const page = await read(cursor);
    seen.push(...page.items);
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
  throw new Error('pages: no end');
}

async function statusOf<T>(work: () => Promise<T>): Promise<T | number> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) return error.status;
    throw error;
  }
}

async function checkUser(db: Db, world: World, user: WorldUser, pageSize: number, check: Check): Promise<void> {
  const ctx = await loadActorContext(db, user.orgId, user.id, world.now);
  if (!ctx) throw new Error(`no context for ${user.id}`);
  const items = world.calendarItems ?? [];
  const members = await sqlMembers(db, ctx);
  const facts = new Map<string, CalendarItemFacts>();
  for (const item of items) {
    const where = `user ${user.id} on item ${item.id}`;
    const row = await loadCalendarItem(db, user.orgId, item.id);
    check(row !== null, item.orgId === user.orgId, () => `loads exactly the items of its org, ${where}`);
    if (row) facts.set(item.id, itemFacts(ctx, row));
    const expected = oracleItemActions(world, user.id, item.id);
    for (const action of CALENDAR_ITEM_ACTIONS) {
      const f = facts.get(item.id);
      check(f ? decide(ctx, action, f).allowed : false, expected.has(action), () => `core decide ${action}, ${where}`);
      check(members.get(action)?.has(item.id), expected.has(action), () => `SQL filter ${action}, ${where}`);
    }
  }
  const visible = items.filter((i) => oracleItemActions(world, user.id, i.id).has('calendar_item.view'));
  const passes = (id: string) => {
    const f = facts.get(id);
    return f ? decide(ctx, 'calendar_item.view', f).allowed : false;
  };

  // The window view, in pages of `pageSize` and of 1,000.
  const from = world.now - 40 * HOUR;
  const to = world.now + 50 * HOUR;
  const expectedWindow = visible.flatMap((i) => entriesOf(i, from, to)).sort(byAt).map(key);
  for (const limit of [1_000, pageSize]) {
    const shown = await pages((cursor) => listCalendarItems({ db }, ctx, {
      from: new Date(from).toISOString(), to: new Date(to).toISOString(), limit, ...(cursor ? { cursor } : {}),
    }));
    check(shown.map((v) => key({ at: v.occurrence?.startsAt ?? v.row.sort_ms, id: v.row.id })).join(), expectedWindow.join(), () => `window in pages of ${limit} for ${user.id}`);
    for (const v of shown) check(passes(v.row.id), true, () => `listed ${v.row.id} passes calendar_item.view for ${user.id}`);
  }

  // Each contact's page.
  for (const contact of world.contacts) {
    const expected = oracleContactPage(world, user.id, contact.id);
    const got = await statusOf(async () => (await pages((cursor) => listContactCalendarItems({ db }, ctx, contact.id, pageSize, cursor))).map((v) => v.row.id));
    const want = typeof expected === 'number' ? expected : [...expected].sort().join();
    check(typeof got === 'number' ? got : [...got].sort().join(), want, () => `contact page of ${contact.id} for ${user.id}`);
  }

  // My tasks: open ones, by due time, undated last.
  const open = visible.filter((i) => i.assigneeId === user.id && i.kind === 'task' && !i.done)
    .map((i) => ({ at: i.dueAt ?? Infinity, id: i.id })).sort(byAt).map((e) => e.id);
  const tasks = await statusOf(async () => (await pages((cursor) => listTasksOf({ db }, ctx, { status: 'open', limit: pageSize, ...(cursor ? { cursor } : {}) }))).map((v) => v.row.id));
  check(Array.isArray(tasks) ? tasks.join() : tasks, open.join(), () => `my open tasks for ${user.id}`);

  // Readable calendars, and the feed of each calendar of the org as this user holds it.
  const calendars = (await listCalendars({ db }, ctx)).map((c) => `${c.userId}:${c.level}`).sort().join();
  const expectedCalendars = world.users.filter((u) => oracleCalendar(world, user.id, u.id) !== 'none')
    .map((u) => `${u.id}:${u.id === user.id ? 'owner' : oracleCalendar(world, user.id, u.id)}`).sort().join();
  check(calendars, expectedCalendars, () => `readable calendars of ${user.id}`);
  for (const owner of world.users.filter((u) => u.orgId === user.orgId)) {
    const token = `${user.id.replaceAll('-', '')}${owner.id.replaceAll('-', '').slice(21)}`;
    await db.insertInto('calendar_feeds').values({ org_id: user.orgId, holder_id: user.id, calendar_user_id: owner.id, token_hash: hashToken(token) }).execute();
    const feed = await statusOf(async () => (await readCalendarFeed({ db }, { now: world.now }, token)).entries.map((v) => v.row.id));
    const reads = user.status === 'active' && owner.status === 'active' && oracleCalendar(world, user.id, owner.id) !== 'none';
    const span = { from: world.now - 90 * 24 * HOUR, to: world.now + 366 * 24 * HOUR };
    const expectedFeed = reads
      ? [...new Set(visible.filter((i) => i.assigneeId === owner.id).flatMap((i) => entriesOf(i, span.from, span.to)).map((e) => e.id))].sort().join()
      : 404;
    check(typeof feed === 'number' ? feed : [...new Set(feed)].sort().join(), expectedFeed, () => `feed of ${owner.id} held by ${user.id}`);
  }
}

async function checkWorld(db: Db, world: World, stats: Stats): Promise<void> {
  await clearWorld(db);
  await insertWorld(db, world);
  const check = checker(stats);
  for (const [i, user] of world.users.entries()) await checkUser(db, world, user, 1 + ((stats.worlds + i) % 3), check);
  stats.worlds += 1;
  stats.users += world.users.length;
  stats.items += world.calendarItems?.length ?? 0;
}

describe.each(DATABASE_KINDS)('differential, calendar items: core decide = SQL filter = naive oracle, on %s', (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await freshDatabase(kind);
  });
  afterAll(async () => handle.close());

  it(`agrees on ${RUNS} generated worlds`, async () => {
    const stats: Stats = { worlds: 0, users: 0, items: 0, assertions: 0 };
    const started = performance.now();
    await fc.assert(fc.asyncProperty(calendarWorldArb, (world) => checkWorld(handle.db, world, stats)), { numRuns: RUNS, seed: SEED });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`differential calendars ${kind}: ${stats.worlds} worlds, ${stats.users} users, ${stats.items} items, ${stats.assertions} assertions, ${seconds} s (seed ${SEED})`);
    expect(stats.worlds).toBe(RUNS);
  }, 600_000);
});
