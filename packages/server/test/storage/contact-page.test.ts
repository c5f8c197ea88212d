// The list page as a UNION of index-ordered branches (storage/contact-page.ts) returns exactly the page the one-WHERE
// form returns (the compiled condition rendered as it is, the search as `sort_name LIKE prefix OR emails @> [q]`,
// sorted and cut), on generated worlds, PGlite and PostgreSQL: for every user, several actions and states, searches,
// owner, "shared with me" and bucket filters, cursors anywhere and page sizes 1-3; with owner sets split one branch
// per owner (the default) and kept as one `ANY` (what larger sets get). The differential test proves the one-WHERE
// form against the oracle; this proves the plan changes nothing. Then contact_emails (migration 0002) follows
// contacts.emails through inserts, edits and deletes.
import { compileFilter, policyCondition, type ActorContext, type ContactAction, type ContactState } from '@tandem/core';
import fc from 'fast-check';
import { sql, type SqlBool } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, DbHandle } from '../../src/storage/connect.ts';
import { contactPageQuery, type PageQuery } from '../../src/storage/contact-page.ts';
import { loadActorContext } from '../../src/storage/load-actor-context.ts';
import { CONTACTS, renderCondition } from '../../src/storage/render-filter.ts';
import { worldArb } from '../fixtures/world-arbitrary.ts';
import { clearWorld, insertWorld, type World } from '../fixtures/world.ts';
import { DATABASE_KINDS, freshDatabase } from '../support/databases.ts';

const RUNS = Number(process.env.TANDEM_PAGE_RUNS ?? 25);
type Row = { id: string; sort_name: string };

/** The page as one WHERE over the condition as compiled: the form the differential test proves. */
async function reference(db: Db, ctx: ActorContext, action: ContactAction, state: ContactState, query: PageQuery): Promise<Row[]> {
  const parts = [renderCondition(policyCondition(ctx, compileFilter(ctx, action, [state])), CONTACTS)];
  if (query.q) {
    const prefix = query.q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`);
    parts.push(sql<SqlBool>`(c.sort_name LIKE ${`${prefix}%`} OR c.emails @> ARRAY[${query.q.toLowerCase()}]::text[])`);
  }
  if (query.ownerId) parts.push(sql<SqlBool>`c.owner_id = ${query.ownerId}`);
  if (query.notOwnerId) parts.push(sql<SqlBool>`c.owner_id <> ${query.notOwnerId}`);
  if (query.bucketId) parts.push(sql<SqlBool>`EXISTS (SELECT 1 FROM bucket_contacts fb WHERE fb.org_id = c.org_id AND fb.bucket_id = ${query.bucketId} AND fb.contact_id = c.id)`);
  if (query.after) parts.push(sql<SqlBool>`(c.sort_name, c.id) > (${query.after.sortName}, ${query.after.id}::uuid)`);
  const result = await sql<Row>`SELECT c.id, c.sort_name FROM contacts c WHERE c.org_id = ${ctx.actor.orgId} AND ${sql.join(parts, sql` AND `)}
    ORDER BY c.sort_name, c.id LIMIT ${query.limit + 1}`.execute(db);
  return result.rows;
}

async function planned(db: Db, ctx: ActorContext, action: ContactAction, state: ContactState, query: PageQuery, ownerSplitMax?: number): Promise<Row[]> {
  const page = contactPageQuery<Row>(ctx.actor.orgId, compileFilter(ctx, action, [state]), query, sql`c.id, c.sort_name`,
    ownerSplitMax === undefined ? {} : { ownerSplitMax });
  return page ? (await page.execute(db)).rows : [];
}

const probeArb = fc.record({
  action: fc.constantFrom<ContactAction>('contact.view', 'contact.view', 'contact.edit', 'contact.reassign', 'contact.restore', 'contact.message'),
  state: fc.constantFrom<ContactState>('active', 'active', 'archived', 'trashed'),
  q: fc.option(fc.constantFrom('zo', 'A', 'al_', 'al%', 'é', 'zoe@example.test', 'ANN@example.test', 'x'), { nil: undefined }),
  filter: fc.constantFrom('none', 'none', 'mine', 'shared', 'bucket'),
  limit: fc.integer({ min: 1, max: 3 }),
});

type Probe = typeof probeArb extends fc.Arbitrary<infer P> ? P : never;

async function checkWorld(db: Db, world: World, probe: Probe): Promise<number> {
  await clearWorld(db);
  await insertWorld(db, world);
  let pages = 0;
  for (const user of world.users) {
    const ctx = await loadActorContext(db, user.orgId, user.id, world.now);
    if (!ctx) throw new Error(`no context for ${user.id}`);
    const bucket = world.buckets.find((b) => b.orgId === user.orgId);
    const query: PageQuery = {
      limit: probe.limit,
      ...(probe.q ? { q: probe.q } : {}),
      ...(probe.filter === 'mine' ? { ownerId: user.id } : {}),
      ...(probe.filter === 'shared' ? { notOwnerId: user.id } : {}),
      ...(probe.filter === 'bucket' && bucket ? { bucketId: bucket.id } : {}),
    };
    // Walk every page of the reference; at each cursor the planned page must be the same rows in the same order.
    let after: Row | undefined;
    for (let guard = 0; guard < 50; guard += 1) {
      const at = { ...query, ...(after ? { after: { sortName: after.sort_name, id: after.id } } : {}) };
      const expected = await reference(db, ctx, probe.action, probe.state, at);
      const where = `${user.id} ${probe.action} ${probe.state} ${JSON.stringify(at)}`;
      expect((await planned(db, ctx, probe.action, probe.state, at)).map((r) => r.id), where).toEqual(expected.map((r) => r.id));
      expect((await planned(db, ctx, probe.action, probe.state, at, 0)).map((r) => r.id), `${where} (owners as ANY)`).toEqual(expected.map((r) => r.id));
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
});
