// The differential test (style.md, "Tests"): for generated worlds written to a real database, for every (user,
// contact, action), the core's `decide` on facts loaded by the storage layer, the compiled SQL filter, and the naive
// oracle all agree; so do levels, reassignment, calendars and export channels; every row a list returns passes a
// single check; and keyset pages, search and the owner and bucket filters find exactly the visible contacts, each once,
// in order. The search is held to a naive search oracle inside the same compiled policy, for every user, the user's
// list action and each state (list and capped count), and pages in each of the list's orders reach every visible
// contact once. Buckets are a resource too (buckets.ts): for every (user, bucket, bucket action) the core, the compiled
// bucket filters in SQL, the domain's bucket list and the naive oracle of spec §6.2 agree.
// TANDEM_DIFF_SEED and TANDEM_DIFF_RUNS change the seed (default fixed) and the number of worlds.
import {
  canUseExportChannel, compileFilter, computeCalendarLevel, CONTACT_ACTIONS, decide, decideReassign, EXPORT_CHANNELS,
  explain, maxLevel, policyCondition, type ActorContext, type ContactAction, type ContactState,
} from '@tandem/core';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, DbHandle } from '../../src/storage/connect.ts';
import {
  countContacts, countListed, listContacts, loadContacts, LIST_SORTS, type ContactWithFacts, type Cursor, type ListQuery, type ListSort,
} from '../../src/storage/contact-queries.ts';
import { loadActorContext } from '../../src/storage/load-actor-context.ts';
import { CONTACTS, renderCondition } from '../../src/storage/render-filter.ts';
import { worldArb } from '../fixtures/world-arbitrary.ts';
import { clearWorld, ID_KIND, insertWorld, worldId, type World, type WorldUser } from '../fixtures/world.ts';
import { DATABASE_KINDS, freshDatabase } from '../support/databases.ts';
import { oracleActions, oracleCalendar, oracleLevel, oracleMayReassign, oracleMayUseChannel } from './oracle.ts';
import { checkBuckets } from './buckets.ts';
import { checkSubMillisecondBounds } from './time-precision.ts';

const SEED = Number(process.env.TANDEM_DIFF_SEED ?? 20_250_602);
const RUNS = Number(process.env.TANDEM_DIFF_RUNS ?? 200);
const SCOPES: ContactState[] = ['active', 'archived', 'trashed'];

type Stats = { worlds: number; users: number; contacts: number; buckets: number; assertions: number; bucketAssertions: number };

/** Counts every comparison, so the summary says how much was checked. */
function checker(stats: { assertions: number }) {
  return <T>(actual: T, expected: T, what: () => string): void => {
    stats.assertions += 1;
    if (actual !== expected) expect(actual, what()).toEqual(expected);
  };
}

/** For each action, the ids of every contact (of any org) the compiled filter lets through: WHERE semantics, one round trip. */
async function sqlMembers(db: Db, ctx: ActorContext): Promise<Map<ContactAction, Set<string>>> {
  const parts = CONTACT_ACTIONS.map((action, i) =>
    sql`SELECT ${i}::int AS a, c.id FROM contacts c WHERE ${renderCondition(policyCondition(ctx, compileFilter(ctx, action)), CONTACTS)}`);
  const result = await sql<{ a: number; id: string }>`${sql.join(parts, sql` UNION ALL `)}`.execute(db);
  const out = new Map<ContactAction, Set<string>>(CONTACT_ACTIONS.map((a) => [a, new Set()]));
  for (const row of result.rows) out.get(CONTACT_ACTIONS[row.a] as ContactAction)?.add(row.id);
  return out;
}

/** Contact ids in the list's name order, as the database collates (ICU root, then id): rank by id. */
type NameOrder = ReadonlyMap<string, number>;
async function nameOrder(db: Db): Promise<NameOrder> {
  const rows = await sql<{ id: string }>`SELECT id FROM contacts ORDER BY sort_name, id`.execute(db);
  return new Map(rows.rows.map((r, i) => [r.id, i]));
}

function byName(order: NameOrder) {
  return (a: string, b: string) => (order.get(a) ?? -1) - (order.get(b) ?? -1);
}

/**
 * The search, written naively from its description (docs/permissions.md, "Lists"): accents off and lower case; every
 * word of the query occurs in the name or an e-mail, a word of one or two characters at the start of a word; a query
 * of digits and phone punctuation with three digits or more is its digits (world contacts have no phones or tags).
 */
const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ');
function oracleMatches(contact: World['contacts'][number], q: string): boolean {
  const text = ` ${fold([contact.name, ...contact.emails].join(' ')).trim()} `;
  const digits = q.replace(/\D/g, '');
  const words = /^[\d\s+().\-/]+$/.test(q) && digits.length >= 3 ? [digits] : fold(q).split(' ').filter((w) => w.length > 0);
  return words.length === 0 || words.every((w) => (w.length >= 3 ? text.includes(w) : text.includes(` ${w}`)));
}

async function checkUser(
  db: Db, world: World, order: NameOrder, user: WorldUser, listAction: ContactAction, q: string, bucketPageSize: number,
  check: ReturnType<typeof checker>, bucketCheck: ReturnType<typeof checker>,
): Promise<void> {
  const ctx = await loadActorContext(db, user.orgId, user.id, world.now);
  if (!ctx) throw new Error(`no context for ${user.id}`);
  const ids = world.contacts.map((c) => c.id);
  const loaded = await loadContacts(db, ctx, [...ids, 'not-a-uuid', worldId(ID_KIND.contact, 999)]);
  const sameOrg = world.contacts.filter((c) => c.orgId === user.orgId).map((c) => c.id);
  check([...loaded.keys()].sort().join(), sameOrg.sort().join(), () => `${user.id} loads exactly the contacts of its org`);
  const members = await sqlMembers(db, ctx);

  for (const contact of world.contacts) {
    const facts = loaded.get(contact.id)?.facts;
    const where = `user ${user.id} on contact ${contact.id}`;
    const level = facts ? decide(ctx, 'contact.view', facts).level : 'none';
    check(level, oracleLevel(world, user.id, contact.id), () => `level of ${where}`);
    const expected = oracleActions(world, user.id, contact.id);
    for (const action of CONTACT_ACTIONS) {
      const core = facts ? decide(ctx, action, facts).allowed : false;
      check(core, expected.has(action), () => `core decide ${action}, ${where}`);
      check(members.get(action)?.has(contact.id), expected.has(action), () => `SQL filter ${action}, ${where}`);
    }
    if (facts) {
      const why = explain(ctx, facts);
      check(why.level, level, () => `explain level, ${where}`);
      check(maxLevel(why.sources.map((s) => s.level)), level, () => `explain sources reach the level, ${where}`);
    }
    for (const target of world.users) {
      const core = facts ? decideReassign(ctx, facts, { userId: target.id, orgId: target.orgId, status: target.status }).allowed : false;
      check(core, oracleMayReassign(world, user.id, contact.id, target.id), () => `reassign to ${target.id}, ${where}`);
    }
  }

  for (const scope of SCOPES) {
    const rows: ContactWithFacts[] = await listContacts(db, ctx, { action: listAction, scope, limit: 1_000 });
    const expected = world.contacts
      .filter((c) => c.state === scope && oracleActions(world, user.id, c.id).has(listAction)).map((c) => c.id).sort(byName(order));
    check(rows.map((r) => r.row.id).join(), expected.join(), () => `listContacts ${listAction} ${scope} for ${user.id}`);
    // The search inside the same compiled policy: exactly the contacts the oracle allows that the search matches.
    const policy = compileFilter(ctx, listAction, [scope]);
    const searched = world.contacts.filter((c) => c.state === scope && oracleActions(world, user.id, c.id).has(listAction) && oracleMatches(c, q))
      .map((c) => c.id).sort(byName(order));
    const found = await listContacts(db, ctx, { action: listAction, scope, limit: 1_000, q });
    check(found.map((r) => r.row.id).join(), searched.join(), () => `search "${q}" ${listAction} ${scope} for ${user.id}`);
    for (const { facts } of found) check(decide(ctx, listAction, facts).allowed, true, () => `found ${facts.id} passes ${listAction} for ${user.id}`);
    const cap = 2;
    const total = await countListed(db, ctx, policy, { limit: 1, q }, cap);
    check(JSON.stringify(total), JSON.stringify({ count: Math.min(searched.length, cap), capped: searched.length > cap }), () => `count "${q}" ${listAction} ${scope} for ${user.id}`);
    for (const { facts } of rows) {
      check(decide(ctx, 'contact.view', facts).allowed, true, () => `listed ${facts.id} passes contact.view for ${user.id}`);
      check(decide(ctx, listAction, facts).allowed, true, () => `listed ${facts.id} passes ${listAction} for ${user.id}`);
    }
    check(await countContacts(db, ctx, listAction, scope), expected.length, () => `countContacts ${listAction} ${scope} for ${user.id}`);
  }

  for (const other of world.users) {
    check(computeCalendarLevel(ctx, other.id), oracleCalendar(world, user.id, other.id), () => `calendar of ${other.id} for ${user.id}`);
  }
  for (const channel of EXPORT_CHANNELS) {
    check(canUseExportChannel(ctx, channel), oracleMayUseChannel(world, user.id, channel), () => `export ${channel} for ${user.id}`);
  }
  await checkBuckets(db, world, user, ctx, bucketPageSize, bucketCheck);
}

/** A search, a page size and an order to probe one user's list with. */
type Probe = { q: string; pageSize: number; sort: ListSort };
const probeArb: fc.Arbitrary<Probe> = fc.record({
  q: fc.constantFrom(
    'z', 'Zo', 'zoe', 'a', 'al_', 'AL%', 'an', 'É', 'emile', 'MILE', 'nna', 'zoe@example.test', 'ANN@example.test', '@example', 'zoe example',
    'x', '555 0144', '',
  ),
  pageSize: fc.integer({ min: 1, max: 4 }),
  sort: fc.constantFrom(...LIST_SORTS),
});

/**
 * Keyset pages of every size reach every visible contact once, in name order; the search finds what the oracle's
 * search finds; the other orders reach every visible contact once too.
 */
async function checkPagesAndSearch(db: Db, world: World, order: NameOrder, user: WorldUser, probe: Probe, check: ReturnType<typeof checker>): Promise<void> {
  const ctx = await loadActorContext(db, user.orgId, user.id, world.now);
  if (!ctx) throw new Error(`no context for ${user.id}`);
  const visible = world.contacts.filter((c) => c.state === 'active' && oracleActions(world, user.id, c.id).has('contact.view'));
  const found = (q?: string) => visible.filter((c) => !q || oracleMatches(c, q));
  for (const q of [undefined, probe.q]) {
    const seen: string[] = [];
    let after: Cursor | undefined;
    for (let page = 0; page <= visible.length; page += 1) {
      const rows = await listContacts(db, ctx, { scope: 'active', limit: probe.pageSize, ...(q ? { q } : {}), ...(after ? { after } : {}) });
      const shown = rows.slice(0, probe.pageSize);
      seen.push(...shown.map((r) => r.row.id));
      const last = shown[shown.length - 1];
      if (rows.length <= probe.pageSize || !last) break;
      after = last.key;
    }
    const expected = found(q).map((c) => c.id).sort(byName(order));
    check(seen.join(), expected.join(), () => `pages of ${probe.pageSize}, search ${q ?? '(none)'}, for ${user.id}`);
  }
  // In the probe's order: every visible contact once (the order itself is proved against one WHERE in contact-page.test.ts).
  const walked: string[] = [];
  let next: Cursor | undefined;
  for (let page = 0; page <= visible.length; page += 1) {
    const rows = await listContacts(db, ctx, { scope: 'active', sort: probe.sort, limit: probe.pageSize, ...(next ? { after: next } : {}) });
    const shown = rows.slice(0, probe.pageSize);
    walked.push(...shown.map((r) => r.row.id));
    const last = shown[shown.length - 1];
    if (rows.length <= probe.pageSize || !last) break;
    next = last.key;
  }
  check([...walked].sort().join(), visible.map((c) => c.id).sort().join(), () => `pages of ${probe.pageSize} by ${probe.sort} for ${user.id}`);
  check(new Set(walked).size, walked.length, () => `no contact twice by ${probe.sort} for ${user.id}`);
  const list = async (extra: Partial<ListQuery>) =>
    (await listContacts(db, ctx, { scope: 'active', limit: 1_000, ...extra })).map((r) => r.row.id).join();
  const expectedIds = (keep: (id: string, ownerId: string) => boolean) =>
    visible.filter((c) => keep(c.id, c.ownerId)).map((c) => c.id).sort(byName(order)).join();
  check(await list({ notOwnerId: user.id }), expectedIds((_, ownerId) => ownerId !== user.id), () => `shared with ${user.id}`);
  for (const bucket of world.buckets) {
    check(await list({ bucketId: bucket.id }), expectedIds((id) => bucket.contactIds.includes(id)), () => `bucket ${bucket.id} for ${user.id}`);
  }
}

async function checkWorld(db: Db, world: World, probe: Probe, stats: Stats): Promise<void> {
  await clearWorld(db);
  await insertWorld(db, world);
  const check = checker(stats);
  const bucketTally = { assertions: 0 };
  const bucketCheck = checker(bucketTally);
  const order = await nameOrder(db);
  for (const [i, user] of world.users.entries()) {
    const action = CONTACT_ACTIONS[(stats.worlds + i) % CONTACT_ACTIONS.length] as ContactAction;
    await checkUser(db, world, order, user, action, probe.q, 1 + ((stats.worlds + i) % 3), check, bucketCheck);
  }
  const prober = world.users[stats.worlds % world.users.length];
  if (prober) await checkPagesAndSearch(db, world, order, prober, probe, check);
  stats.worlds += 1;
  stats.users += world.users.length;
  stats.contacts += world.contacts.length;
  stats.buckets += world.buckets.length;
  stats.assertions += bucketTally.assertions;
  stats.bucketAssertions += bucketTally.assertions;
}

describe.each(DATABASE_KINDS)('differential: core decide = SQL filter = naive oracle, on %s', (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await freshDatabase(kind);
  });
  afterAll(async () => handle.close());

  it(`agrees on ${RUNS} generated worlds`, async () => {
    const stats: Stats = { worlds: 0, users: 0, contacts: 0, buckets: 0, assertions: 0, bucketAssertions: 0 };
    const started = performance.now();
    await fc.assert(fc.asyncProperty(worldArb, probeArb, (world, probe) => checkWorld(handle.db, world, probe, stats)), { numRuns: RUNS, seed: SEED });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`differential ${kind}: ${stats.worlds} worlds, ${stats.users} users, ${stats.contacts} contacts, ${stats.buckets} buckets, ` +
      `${stats.assertions} assertions (${stats.bucketAssertions} on buckets), ${seconds} s (seed ${SEED})`);
    expect(stats.worlds).toBe(RUNS);
  }, 300_000);

  it('judges share bounds stored with microseconds the same in SQL and in decide', async () => {
    expect(await checkSubMillisecondBounds(handle.db)).toBe(CONTACT_ACTIONS.length * 4);
  });
});
