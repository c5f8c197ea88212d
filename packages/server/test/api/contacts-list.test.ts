// GET /contacts as a list people can work with (issue 10, item 3), on PGlite and PostgreSQL: search by any word of the
// name, the company, an e-mail or part of one, phone digits and tags, ignoring accents and case; the ICU name order;
// the owner, last-activity and created orders with their own cursors; owner, tag and bucket filters; the capped count.
// Every answer stays inside the compiled policy: invisible contacts are never found, listed or counted.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../support/databases.ts';
import { expectStatus, outcome, type Query } from './support/api-client.ts';
import { useTestApp } from './support/test-app.ts';
import type { TestUser } from './support/world-builder.ts';

describe.each(DATABASE_KINDS)('the contact list on %s', (kind) => {
  const t = useTestApp({ db: kind });
  const { api } = t;

  const create = async (u: TestUser, body: object) => expectStatus(await api.contacts.create(body, { as: u.token }), 201).contact;
  const list = async (u: TestUser, query: Query) => expectStatus(await api.contacts.list({ as: u.token, query }), 200);
  const names = async (u: TestUser, query: Query) => (await list(u, query)).items.map((c) => c.name);
  /** Every page of a list, following nextCursor. */
  async function walk(u: TestUser, query: Query): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 100; guard += 1) {
      const page = await list(u, { ...query, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((c) => c.name));
      if (!page.nextCursor) return seen;
      cursor = page.nextCursor;
    }
    throw new Error('more than 100 pages');
  }

  async function people() {
    const w = await t.world({ users: { ada: { role: 'admin' }, ben: {}, cat: {} } });
    const { ben, cat } = w.users;
    await create(ben, {
      name: 'Amara Fischer', company: 'Xylo GmbH', emails: ['amara.fischer@xylo.example'], phones: ['+1 (919) 555-0144'], tags: ['renewal'],
    });
    await create(ben, { name: 'Jürgen Müller', company: 'Northwind Traders', emails: ['jm@northwind.example'], phones: ['+49 30 1234567'], tags: ['vip'] });
    await create(ben, { name: 'Lena Fischbach', company: 'Café Olé', phones: ['030 555 0199'] });
    await create(ben, { name: 'Émile Zola', company: 'Les Éditions', tags: ['Churn risk'] });
    await create(ben, { name: 'Zoë Ålander' });
    // Cat's own: invisible to Ben, whatever it matches.
    await create(cat, { name: 'Fischer Secret', company: 'Xylo GmbH', emails: ['secret@xylo.example'], phones: ['+1 919 555 0144'], tags: ['renewal'] });
    return w;
  }

  it('finds any word of the name, the company, an e-mail or part of one, phone digits and tags, ignoring accents and case', async () => {
    const { users: { ben } } = await people();
    const cases: [string, string[]][] = [
      ['Fischer', ['Amara Fischer']],
      ['fisch', ['Amara Fischer', 'Lena Fischbach']],
      ['Xylo', ['Amara Fischer']],
      ['amara.fischer', ['Amara Fischer']],
      ['@xylo.example', ['Amara Fischer']],
      ['919 555 0144', ['Amara Fischer']],
      ['(919) 555-0144', ['Amara Fischer']],
      ['5550144', ['Amara Fischer']],
      ['renewal', ['Amara Fischer']],
      ['Muller', ['Jürgen Müller']],
      ['MÜLLER', ['Jürgen Müller']],
      ['jurgen northwind', ['Jürgen Müller']],
      ['amara northwind', []],
      ['emile', ['Émile Zola']],
      ['cafe ole', ['Lena Fischbach']],
      ['churn', ['Émile Zola']],
      ['zoe alander', ['Zoë Ålander']],
      // One or two letters: the start of a word (Lena, Les Éditions; not "Amara" for "a" inside it).
      ['l', ['Émile Zola', 'Lena Fischbach']],
      ['z', ['Émile Zola', 'Zoë Ålander']],
      ['%', []],
      ['_', []],
    ];
    for (const [q, expected] of cases) expect(await names(ben, { q }), q).toEqual(expected);
  });

  it('never finds, lists or counts a contact the caller cannot see, and an admin finds every one at profile', async () => {
    const { users: { ben, cat, ada } } = await people();
    expect(await names(ben, { q: 'xylo' })).toEqual(['Amara Fischer']);
    expect(await names(cat, { q: 'xylo' })).toEqual(['Fischer Secret']);
    expect((await list(ben, { q: 'xylo', count: true })).total).toEqual({ count: 1, capped: false });
    expect((await list(cat, { q: 'fisch', count: true })).total).toEqual({ count: 1, capped: false });
    const admin = await list(ada, { q: '919 555 0144', count: true });
    expect(admin.items.map((c) => [c.name, c.access.level])).toEqual([['Amara Fischer', 'profile'], ['Fischer Secret', 'profile']]);
    expect(admin.total).toEqual({ count: 2, capped: false });
  });

  it('sorts names with their letters, accents and case aside, alike on both databases', async () => {
    const w = await t.world({ users: { ben: {} } });
    const made = ['Zoë', 'Émile', 'anna', 'Bob', 'Ölaf', 'Oscar', 'emma', 'Ærø', 'Андрей', '张伟', 'Straße', 'Strasse', 'Łukasz', 'Lukas'];
    for (const name of made) await create(w.users.ben, { name });
    // ICU root order (CLDR): accents, case and ligatures with their letters; Latin, then Cyrillic, then Han.
    const expected = ['Ærø', 'anna', 'Bob', 'Émile', 'emma', 'Lukas', 'Łukasz', 'Ölaf', 'Oscar', 'Strasse', 'Straße', 'Zoë', 'Андрей', '张伟'];
    expect(await names(w.users.ben, {})).toEqual(expected);
    expect(await walk(w.users.ben, { limit: 3 })).toEqual(expected);
  });

  it('sorts by owner (their name, then the contact name), by last activity and by creation, with a cursor for each', async () => {
    const w = await t.world({ users: { ada: { role: 'admin' }, ben: { name: 'Zed Owner' }, cat: { name: 'Ana Owner' } } });
    const { ada, ben, cat } = w.users;
    const made: Record<string, string> = {};
    for (const [u, name] of [[ben, 'Bravo'], [cat, 'Delta'], [ben, 'Alpha'], [cat, 'Charlie'], [ben, 'Echo']] as const) {
      made[name] = (await create(u, { name })).id;
      t.clock.advance(60_000);
    }
    expect(await walk(ada, { sort: 'owner', limit: 2 })).toEqual(['Charlie', 'Delta', 'Alpha', 'Bravo', 'Echo']);
    expect(await walk(ada, { sort: 'created', limit: 2 })).toEqual(['Echo', 'Charlie', 'Alpha', 'Delta', 'Bravo']);
    // Activity: the latest message, note or call first; contacts without any last (newest first among them... by id).
    for (const name of ['Delta', 'Bravo']) {
      expectStatus(await api.history.logNote(made[name] as string, { body: 'called' }, { as: name === 'Delta' ? cat.token : ben.token }), 201);
      t.clock.advance(60_000);
    }
    const byActivity = await walk(ada, { sort: 'activity', limit: 2 });
    expect(byActivity.slice(0, 2)).toEqual(['Bravo', 'Delta']);
    expect(byActivity.slice(2).sort()).toEqual(['Alpha', 'Charlie', 'Echo']);
    const first = await list(ada, { sort: 'activity', limit: 1 });
    expect(first.items[0]?.lastActivityAt).toBe('2026-01-05T09:06:00.000Z');
    expect((await list(ada, { sort: 'name', q: 'alpha' })).items[0]?.lastActivityAt).toBeNull();
    // Ben sees his own in each order.
    expect(await walk(ben, { sort: 'owner', limit: 1 })).toEqual(['Alpha', 'Bravo', 'Echo']);
    expect(await walk(ben, { sort: 'created', limit: 1 })).toEqual(['Echo', 'Alpha', 'Bravo']);
  });

  it('owner order walks many owners, shares and buckets, with a search too', async () => {
    const w = await t.world({
      users: { ada: { role: 'admin' }, ben: { name: 'Ben' }, cat: { name: 'Cat' }, dan: { name: 'Dan' }, eve: { name: 'Eve' } },
      contacts: {
        c1: { owner: 'cat', name: 'Kilo' }, c2: { owner: 'cat', name: 'Lima' }, c3: { owner: 'dan', name: 'Mike' },
        c4: { owner: 'dan', name: 'November' }, c5: { owner: 'eve', name: 'Oscar' }, c6: { owner: 'ben', name: 'Papa' },
      },
      grants: [{ owner: 'cat', user: 'ben', level: 'view' }],
      shares: [{ contact: 'c3', user: 'ben', level: 'view' }],
      buckets: { b: { owner: 'eve', contacts: ['c5', 'c4'] } },
      bucketShares: [{ bucket: 'b', user: 'ben', level: 'view' }],
    });
    const { ben, ada } = w.users;
    const ownerOrder = ['Papa', 'Kilo', 'Lima', 'Mike', 'November', 'Oscar'];
    for (const limit of [1, 2, 5]) expect(await walk(ben, { sort: 'owner', limit }), `limit ${limit}`).toEqual(ownerOrder);
    expect(await walk(ada, { sort: 'owner', limit: 4 })).toEqual(ownerOrder);
    expect(await walk(ben, { sort: 'owner', limit: 1, q: 'o' })).toEqual(['Oscar']);
    expect(await walk(ben, { sort: 'owner', limit: 1, scope: 'shared' })).toEqual(ownerOrder.slice(1));
  });

  it('filters by owner, tag and bucket, inside what the caller sees', async () => {
    const w = await t.world({ users: { ben: {}, cat: {} }, buckets: { b: { owner: 'ben' } } });
    const { ben, cat } = w.users;
    const a = await create(ben, { name: 'A', tags: ['vip', 'renewal'] });
    await create(ben, { name: 'B', tags: ['VIP'] });
    const c = await create(cat, { name: 'C', tags: ['vip'] });
    await create(cat, { name: 'D', tags: ['vip'] });
    expectStatus(await api.shares.create(c.id, { grantee: { userId: ben.id }, level: 'view' }, { as: cat.token }), 201);
    expectStatus(await api.buckets.addContacts(w.buckets.b, { contactIds: [a.id] }, { as: ben.token }), 200);
    expect(await names(ben, { tag: 'vip' })).toEqual(['A', 'C']);
    expect(await names(ben, { ownerId: cat.id })).toEqual(['C']);
    expect(await names(ben, { ownerId: cat.id, tag: 'renewal' })).toEqual([]);
    expect(await names(ben, { ownerId: ben.id, scope: 'mine' })).toEqual(['A', 'B']);
    expect(await names(ben, { ownerId: cat.id, scope: 'mine' })).toEqual([]);
    expect(await names(ben, { ownerId: 'not-a-user' })).toEqual([]);
    expect(await names(ben, { bucketId: w.buckets.b, tag: 'vip' })).toEqual(['A']);
    expect((await list(ben, { tag: 'vip', count: true })).total).toEqual({ count: 2, capped: false });
  });

  it('counts up to 1,000 exactly, and says "more" beyond', async () => {
    const w = await t.world({ users: { ben: {}, cat: {} } });
    const { ben, cat } = w.users;
    await sql`INSERT INTO contacts (org_id, owner_id, name, sort_name, tags, created_at, updated_at)
      SELECT ${w.orgId}::uuid, ${ben.id}::uuid, 'Bulk ' || g, 'bulk ' || g, CASE WHEN g % 100 = 0 THEN ARRAY['rare'] ELSE ARRAY[]::text[] END, now(), now()
      FROM generate_series(1, 1001) g`.execute(t.db);
    expect((await list(ben, { count: true, limit: 1 })).total).toEqual({ count: 1000, capped: true });
    expect((await list(ben, { count: true, tag: 'rare' })).total).toEqual({ count: 10, capped: false });
    expect((await list(ben, { count: true, q: 'bulk 1000' })).total).toEqual({ count: 1, capped: false });
    expect((await list(cat, { count: true })).total).toEqual({ count: 0, capped: false });
    expect((await list(ben, { limit: 1 })).total).toBeUndefined();
  });

  it('refuses a cursor of another order with its own code, and a forged one as bad input', async () => {
    const w = await t.world({ users: { ben: {} } });
    for (const name of ['A', 'B']) await create(w.users.ben, { name });
    const byName = (await list(w.users.ben, { limit: 1 })).nextCursor as string;
    expect(byName).toBeTruthy();
    expect((await list(w.users.ben, { limit: 1, cursor: byName })).items.map((c) => c.name)).toEqual(['B']);
    for (const sort of ['owner', 'created', 'activity']) {
      const res = await api.contacts.list({ as: w.users.ben.token, query: { sort, cursor: byName } });
      expect(outcome(res), sort).toEqual({ status: 400, code: 'TANDEM_LIST_CURSOR_MISMATCH' });
    }
    const forged = [
      Buffer.from(JSON.stringify(['created', 'yesterday', '00000000-0000-4000-8000-000000000000'])).toString('base64url'),
      Buffer.from(JSON.stringify(['owner', 'Ben', 'nope', 'a', '00000000-0000-4000-8000-000000000000'])).toString('base64url'),
      Buffer.from(JSON.stringify(['price', 'a', '00000000-0000-4000-8000-000000000000'])).toString('base64url'),
    ];
    for (const cursor of forged) {
      const sort = cursor === forged[1] ? 'owner' : 'created';
      expect(outcome(await api.contacts.list({ as: w.users.ben.token, query: { sort, cursor } })), cursor).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    }
    expect(outcome(await api.contacts.list({ as: w.users.ben.token, query: { sort: 'price' } }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
  });
});
