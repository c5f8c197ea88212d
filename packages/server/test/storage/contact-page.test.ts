// The list page as a UNION of index-ordered branches (storage/contact-page.ts, and contact-owner-page.ts for the owner
// order) returns exactly the page the one-WHERE form returns (the compiled condition rendered as it is, the search,
// tag and other filters ANDed, sorted by the order's key and cut), on generated worlds, PGlite and PostgreSQL: for
// every user, several actions and states, searches, tags, owner, "shared with me" and bucket filters, each of the four
// orders (name, owner, created, activity: creation and activity times vary, with ties), cursors anywhere and page
// sizes 1-3; with owner sets split one branch per owner (the default; not under a search of a word of three letters
// or more) and kept as one `ANY` (what larger sets get). The capped count equals the one-WHERE count, capped. The differential test proves the one-WHERE form against the
// oracle; this proves the plan changes nothing. Then contact_emails (migration 0002) follows contacts.emails through
// inserts, edits and deletes, and search_text (0006) follows the searched fields.
import { compileFilter, policyCondition, type ActorContext, type ContactAction, type ContactState } from '@tandem/core';
import fc from 'fast-check';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, DbHandle } from '../../src/storage/connect.ts';
import { contactCountQuery, contactPageQuery, timeKeyText, type Cursor, type ListSort, type PageQuery, type PlanOptions } from '../../src/storage/contact-page.ts';
import { searchCondition, searchPatternsOf } from '../../src/storage/contact-search.ts';
import { loadActorContext } from '../../src/storage/load-actor-context.ts';
import { CONTACTS, renderCondition } from '../../src/storage/render-filter.ts';
import { worldArb } from '../fixtures/world-arbitrary.ts';
import { clearWorld, insertWorld, type World } from '../fixtures/world.ts';
import { DATABASE_KINDS, freshDatabase } from '../support/databases.ts';

const RUNS = Number(process.env.TANDEM_PAGE_RUNS ?? 25);
type Row = { id: string; sort_name: string; owner_id: string; owner_name: string; at: string };

const OWNER_NAME = sql`(SELECT u.name FROM users u WHERE u.org_id = c.org_id AND u.id = c.owner_id)`;
const COLUMNS = (sort: ListSort) =>
  sql`c.id, c.sort_name, c.owner_id, ${OWNER_NAME} AS owner_name, ${sort === 'created' || sort === 'activity' ? timeKeyText(sort) : sql`''`} AS at`;

/** The order's key, its ORDER BY and the cursor's condition, written out once for the reference. */
function referenceOrder(sort: ListSort, after: Cursor | undefined): { order: RawBuilder<unknown>; after?: RawBuilder<SqlBool> } {
  const time = (column: string, at: string) => (at === '-infinity' ? sql`${sql.ref(column)} < '-infinity'` : sql`(${sql.ref(column)}, c.id) < (TIMESTAMPTZ 'epoch' + ${at}::bigint * INTERVAL '1 microsecond', ${after?.id}::uuid)`);
  switch (sort) {
    case 'owner':
      return {
        order: sql`${OWNER_NAME} COLLATE "unicode", c.owner_id, c.sort_name, c.id`,
        ...(after ? { after: sql<SqlBool>`(${OWNER_NAME} COLLATE "unicode", c.owner_id, c.sort_name, c.id) > (${after.ownerName}, ${after.ownerId}::uuid, ${after.sortName}, ${after.id}::uuid)` } : {}),
      };
    case 'created':
    case 'activity': {
      const column = sort === 'created' ? 'c.created_at' : 'c.last_activity_at';
      const at = after?.at ?? '';
      return {
        order: sql`${sql.ref(column)} DESC, c.id DESC`,
        // '-infinity' rows after a '-infinity' cursor: the same key, so by id alone.
        ...(after ? { after: at === '-infinity' ? sql<SqlBool>`(${sql.ref(column)} = '-infinity' AND c.id < ${after.id}::uuid)` : sql<SqlBool>`${time(column, at)}` } : {}),
      };
    }
    default:
      return { order: sql`c.sort_name, c.id`, ...(after ? { after: sql<SqlBool>`(c.sort_name, c.id) > (${after.sortName}, ${after.id}::uuid)` } : {}) };
  }
}

/** The page as one WHERE over the condition as compiled: the form the differential test proves. */
async function reference(db: Db, ctx: ActorContext, action: ContactAction, state: ContactState, query: PageQuery): Promise<Row[]> {
  const parts = [renderCondition(policyCondition(ctx, compileFilter(ctx, action, [state])), CONTACTS)];
  if (query.search?.length) parts.push(searchCondition(query.search));
  if (query.tag !== undefined) parts.push(sql<SqlBool>`${query.tag} = ANY(c.tags)`);
  if (query.ownerId) parts.push(sql<SqlBool>`c.owner_id = ${query.ownerId}`);
  if (query.notOwnerId) parts.push(sql<SqlBool>`c.owner_id <> ${query.notOwnerId}`);
  if (query.bucketId) parts.push(sql<SqlBool>`EXISTS (SELECT 1 FROM bucket_contacts fb WHERE fb.org_id = c.org_id AND fb.bucket_id = ${query.bucketId} AND fb.contact_id = c.id)`);
  const sort = query.sort ?? 'name';
  const order = referenceOrder(sort, query.after);
  if (order.after) parts.push(order.after);
  const result = await sql<Row>`SELECT ${COLUMNS(sort)} FROM contacts c WHERE c.org_id = ${ctx.actor.orgId} AND ${sql.join(parts, sql` AND `)}
    ORDER BY ${order.order} LIMIT ${query.limit + 1}`.execute(db);
  return result.rows;
}

async function planned(db: Db, ctx: ActorContext, action: ContactAction, state: ContactState, query: PageQuery, opts: PlanOptions = {}): Promise<Row[]> {
  const page = contactPageQuery<Row>(ctx.actor.orgId, compileFilter(ctx, action, [state]), query, COLUMNS(query.sort ?? 'name'), opts);
  return page ? (await page.execute(db)).rows : [];
}

/** The capped count, and the one-WHERE count capped the same way. */
async function counts(db: Db, ctx: ActorContext, action: ContactAction, state: ContactState, query: PageQuery, cap: number): Promise<[number, number]> {
  const policy = compileFilter(ctx, action, [state]);
  const counted = contactCountQuery(ctx.actor.orgId, policy, query, cap);
  const n = counted ? Number((await counted.execute(db)).rows[0]?.n ?? 0) : 0;
  const all = (await reference(db, ctx, action, state, { ...query, sort: 'name', limit: 1_000 })).length;
  return [Math.min(n, cap + 1), Math.min(all, cap + 1)];
}

const probeArb = fc.record({
  action: fc.constantFrom<ContactAction>('contact.view', 'contact.view', 'contact.edit', 'contact.reassign', 'contact.restore', 'contact.message'),
  state: fc.constantFrom<ContactState>('active', 'active', 'archived', 'trashed'),
  q: fc.option(fc.constantFrom('zo', 'A', 'al_', 'al%', 'é', 'zoe@example.test', 'ANN@example.test', 'x', 'example', 'zoe ann'), { nil: undefined }),
  tag: fc.option(fc.constantFrom('vip', 'VIP', 'lead'), { nil: undefined, freq: 4 }),
  filter: fc.constantFrom('none', 'none', 'mine', 'shared', 'bucket'),
  sort: fc.constantFrom<ListSort>('name', 'owner', 'created', 'activity'),
  limit: fc.integer({ min: 1, max: 3 }),
});

type Probe = typeof probeArb extends fc.Arbitrary<infer P> ? P : never;

/** Times and tags the world fixture does not set, derived from the ids: several contacts share each time. */
async function varyRows(db: Db): Promise<void> {
  await sql`UPDATE contacts SET
      created_at = TIMESTAMPTZ '2025-01-01' + (get_byte(decode(md5(id::text), 'hex'), 0) % 4) * INTERVAL '1 hour',
      last_activity_at = CASE get_byte(decode(md5(id::text), 'hex'), 1) % 3 WHEN 0 THEN '-infinity'
        ELSE TIMESTAMPTZ '2025-02-01' + (get_byte(decode(md5(id::text), 'hex'), 1) % 3) * INTERVAL '1 minute' + INTERVAL '1 microsecond' END,
      tags = CASE get_byte(decode(md5(id::text), 'hex'), 2) % 3 WHEN 0 THEN ARRAY['vip'] WHEN 1 THEN ARRAY['VIP', 'lead'] ELSE '{}' END`.execute(db);
}

function cursorOf(row: Row): Cursor {
  return { id: row.id, sortName: row.sort_name, ownerId: row.owner_id, ownerName: row.owner_name, at: row.at };
}

async function checkWorld(db: Db, world: World, probe: Probe): Promise<number> {
  await clearWorld(db);
  await insertWorld(db, world);
  await varyRows(db);
  const search = probe.q ? await searchPatternsOf(db, probe.q) : [];
  let pages = 0;
  for (const user of world.users) {
    const ctx = await loadActorContext(db, user.orgId, user.id, world.now);
    if (!ctx) throw new Error(`no context for ${user.id}`);
    const bucket = world.buckets.find((b) => b.orgId === user.orgId);
    const query: PageQuery = {
      limit: probe.limit,
      sort: probe.sort,
      ...(search.length ? { search } : {}),
      ...(probe.tag ? { tag: probe.tag } : {}),
      ...(probe.filter === 'mine' ? { ownerId: user.id } : {}),
      ...(probe.filter === 'shared' ? { notOwnerId: user.id } : {}),
      ...(probe.filter === 'bucket' && bucket ? { bucketId: bucket.id } : {}),
    };
    const [count, expectedCount] = await counts(db, ctx, probe.action, probe.state, query, 2);
    expect(count, `capped count ${user.id} ${JSON.stringify(query)}`).toBe(expectedCount);
    // Walk every page of the reference; at each cursor the planned page must be the same rows in the same order.
    let after: Row | undefined;
    for (let guard = 0; guard < 50; guard += 1) {
      const at = { ...query, ...(after ? { after: cursorOf(after) } : {}) };
      const expected = await reference(db, ctx, probe.action, probe.state, at);
      const where = `${user.id} ${probe.action} ${probe.state} ${JSON.stringify(at)}`;
      expect((await planned(db, ctx, probe.action, probe.state, at)).map((r) => r.id), where).toEqual(expected.map((r) => r.id));
      expect((await planned(db, ctx, probe.action, probe.state, at, { ownerSplitMax: 0 })).map((r) => r.id), `${where} (owners as ANY)`).toEqual(expected.map((r) => r.id));
      pages += 1;
      if (expected.length <= probe.limit) break;
      after = expected[probe.limit - 1];
    }
  }
  return pages;
}

describe.each(DATABASE_KINDS)('contact list pages as a union of branches, on %s', (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await freshDatabase(kind);
  });
  afterAll(async () => handle.close());

  it(`returns the one-WHERE page on ${RUNS} generated worlds`, async () => {
    let pages = 0;
    await fc.assert(fc.asyncProperty(worldArb, probeArb, async (world, probe) => {
      pages += await checkWorld(handle.db, world, probe);
    }), { numRuns: RUNS, seed: 20_250_603 });
    expect(pages).toBeGreaterThan(RUNS);
  }, 300_000);

  it('keeps contact_emails equal to contacts.emails through inserts, edits and deletes', async () => {
    const db = handle.db;
    const pairs = async () => (await sql<{ p: string }>`SELECT contact_id || ' ' || email AS p FROM contact_emails`.execute(db)).rows.map((r) => r.p).sort();
    const expected = async () => (await sql<{ p: string }>`SELECT DISTINCT c.id || ' ' || e AS p FROM contacts c, unnest(c.emails) e`.execute(db)).rows.map((r) => r.p).sort();
    const world = fc.sample(worldArb, { numRuns: 1, seed: 7 })[0] as World;
    await clearWorld(db);
    await insertWorld(db, world);
    expect(await pairs()).toEqual(await expected());
    const [first, second] = world.contacts;
    if (!first || !second) throw new Error('a world has contacts');
    await sql`UPDATE contacts SET emails = ARRAY['new@example.test', 'NEW@example.test', 'new@example.test'] WHERE id = ${first.id}`.execute(db);
    await sql`UPDATE contacts SET name = 'Renamed', emails = '{}' WHERE id = ${second.id}`.execute(db);
    await sql`UPDATE contacts SET archived_at = now() WHERE org_id = ${first.orgId}`.execute(db);
    expect(await pairs()).toEqual(await expected());
    expect((await pairs()).filter((p) => p.startsWith(first.id))).toEqual([`${first.id} NEW@example.test`, `${first.id} new@example.test`]);
    await sql`DELETE FROM contacts WHERE id = ${first.id}`.execute(db);
    expect(await pairs()).toEqual(await expected());
    await clearWorld(db);
    expect(await pairs()).toEqual([]);
  });

  it('keeps search_text equal to the folded name, company, e-mails, tags and phone digits through inserts and edits', async () => {
    const db = handle.db;
    const world = fc.sample(worldArb, { numRuns: 1, seed: 8 })[0] as World;
    await clearWorld(db);
    await insertWorld(db, world);
    const [first] = world.contacts;
    if (!first) throw new Error('a world has contacts');
    const text = async () => (await sql<{ t: string }>`SELECT search_text AS t FROM contacts WHERE id = ${first.id}`.execute(db)).rows[0]?.t;
    await sql`UPDATE contacts SET name = '  Jürgen   MÜLLER ', company = 'Café Olé', emails = ARRAY['j.m@x.example'],
      phones = ARRAY['+1 (919) 555-0144', 'none'], tags = ARRAY['VIP', 'Straße'] WHERE id = ${first.id}`.execute(db);
    expect(await text()).toBe(' jurgen muller cafe ole j.m@x.example vip strasse 19195550144 ');
    await sql`UPDATE contacts SET company = NULL, phones = '{}', tags = '{}', emails = '{}' WHERE id = ${first.id}`.execute(db);
    expect(await text()).toBe(' jurgen muller ');
    await sql`UPDATE contacts SET archived_at = now() WHERE id = ${first.id}`.execute(db);
    expect(await text()).toBe(' jurgen muller ');
    await clearWorld(db);
  });
});
