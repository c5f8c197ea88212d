// How many statements a request costs (issue 9 item 2): every statement the database runs for one request is counted
// through Kysely's query log (BEGIN and COMMIT included), on PGlite and PostgreSQL. A check (GET /contacts/:id and
// GET /contacts/:id/history?limit=1) costs at most two: the session with the caller's facts, then the contact with its
// facts and its owner's name (and, for history, the page). The hot statements are named on PostgreSQL.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { buildApp } from '../../src/http/app.ts';
import { namingPool, openDatabase, type DbHandle, type DbTarget } from '../../src/storage/connect.ts';
import { prepared, preparedNameOf } from '../../src/storage/prepared.ts';
import { migrate } from '../../src/storage/migrate.ts';
import { createOrg, createTeam, createUser, createUserGrant, type FixtureUser } from '../fixtures/org-fixture.ts';
import { DATABASE_KINDS, freshPostgresUrl, type DatabaseKind } from '../support/databases.ts';
import { TEST_START } from '../support/harness.ts';

/** A fresh migrated database whose statements are all logged into `seen` while `counting.on` is set. */
async function countedDatabase(kind: DatabaseKind, seen: string[], counting: { on: boolean }, poolSize = 4): Promise<DbHandle> {
  const log = (event: { level: string; query: { sql: string } }) => {
    if (counting.on) seen.push(event.query.sql);
  };
  let target: DbTarget;
  if (kind === 'pglite') {
    target = { kind: 'pglite', log };
  } else {
    target = { kind: 'postgres', url: await freshPostgresUrl(), poolSize, log };
  }
  const handle = openDatabase(target);
  await migrate(handle);
  return handle;
}

type World = { ben: FixtureUser; cat: FixtureUser; ada: FixtureUser; contactId: string };

async function send(app: FastifyInstance, method: 'GET' | 'POST', url: string, token: string, body?: object) {
  const res = await app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body ? { payload: body } : {}) });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> };
}

describe.each(DATABASE_KINDS)('statements per request on %s', (kind) => {
  const seen: string[] = [];
  const counting = { on: false };
  let handle: DbHandle;
  let app: FastifyInstance;
  let w: World;

  /** The statements one request ran, after its answer's status is checked. */
  async function statementsOf(method: 'GET' | 'POST', url: string, token: string, status: number, body?: object): Promise<string[]> {
    seen.length = 0;
    counting.on = true;
    const res = await send(app, method, url, token, body);
    counting.on = false;
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(status);
    console.info(`${kind}: ${method} ${url.replace(/[0-9a-f-]{36}/g, ':id')} (${res.status}) ran ${seen.length} statements`);
    return [...seen];
  }

  beforeAll(async () => {
    handle = await countedDatabase(kind, seen, counting);
    app = await buildApp({ db: handle.db, clock: manualClock(TEST_START), logger: false });
    await app.ready();
    const db = handle.db;
    const orgId = await createOrg(db, 'Acme');
    const [ben, cat, dan, ada] = await Promise.all([
      createUser(db, orgId, { name: 'Ben' }), createUser(db, orgId, { name: 'Cat' }), createUser(db, orgId, { name: 'Dan' }),
      createUser(db, orgId, { name: 'Ada', role: 'admin' }),
    ]);
    // Cat's facts are of every kind: a team, a user grant to her team, a bucket share, a record share.
    const team = await createTeam(db, orgId, 'Sales', [cat.id]);
    await createUserGrant(db, orgId, { ownerId: dan.id, grantee: { teamId: team }, scope: 'contacts', level: 'view' });
    const contact = await send(app, 'POST', '/api/v1/contacts', ben.token, { name: 'Zoe' });
    const contactId = (contact.body.contact as { id: string }).id;
    for (let i = 0; i < 60; i++) await send(app, 'POST', '/api/v1/contacts', ben.token, { name: `Client ${i}` });
    expect((await send(app, 'POST', `/api/v1/contacts/${contactId}/shares`, ben.token, { grantee: { userId: cat.id }, level: 'collaborate' })).status).toBe(201);
    const bucket = await send(app, 'POST', '/api/v1/buckets', ben.token, { name: 'Key accounts' });
    const bucketId = (bucket.body.bucket as { id: string }).id;
    expect((await send(app, 'POST', `/api/v1/buckets/${bucketId}/contacts`, ben.token, { contactIds: [contactId] })).status).toBe(200);
    expect((await send(app, 'POST', `/api/v1/buckets/${bucketId}/shares`, ben.token, { grantee: { teamId: team }, level: 'view' })).status).toBe(201);
    expect((await send(app, 'POST', `/api/v1/contacts/${contactId}/notes`, ben.token, { body: 'First call went well' })).status).toBe(201);
    w = { ben, cat, ada, contactId };
  });
  afterAll(async () => {
    await app?.close();
    await handle?.close();
  });

  it('a check costs two statements: the session with the caller\'s facts, then the contact with its facts and owner', async () => {
    for (const who of [w.cat, w.ben]) {
      const view = await statementsOf('GET', `/api/v1/contacts/${w.contactId}`, who.token, 200);
      const history = await statementsOf('GET', `/api/v1/contacts/${w.contactId}/history?limit=1`, who.token, 200);
      expect(view, view.join('\n---\n')).toHaveLength(2);
      expect(history, history.join('\n---\n')).toHaveLength(2);
    }
    // A refusal costs the same, not more: an unknown contact and a contact Ada (an admin: profile only) cannot read.
    expect(await statementsOf('GET', `/api/v1/contacts/${randomUUIDLike()}`, w.cat.token, 404)).toHaveLength(2);
    expect(await statementsOf('GET', `/api/v1/contacts/${w.contactId}/history?limit=1`, w.ada.token, 403)).toHaveLength(2);
  });

  it('a page of 50 contacts costs two: the session with the caller\'s facts, then the page with facts and owners', async () => {
    const list = await statementsOf('GET', '/api/v1/contacts?limit=50', w.ben.token, 200);
    expect(list, list.join('\n---\n')).toHaveLength(2);
  });

  it('a signed-out or unknown caller costs one statement at most', async () => {
    expect(await statementsOf('GET', `/api/v1/contacts/${w.contactId}`, 'not-a-token', 401)).toHaveLength(1);
  });

  it('a note costs the session, then its transaction (BEGIN, lock and load, insert, audit, COMMIT)', async () => {
    const note = await statementsOf('POST', `/api/v1/contacts/${w.contactId}/notes`, w.cat.token, 201, { body: 'Called back' });
    console.info(`${kind}: POST /contacts/:id/notes ran ${note.length} statements:\n${note.map((s) => `  ${s.replace(/\s+/g, ' ').slice(0, 120)}`).join('\n')}`);
    expect(note.length).toBeLessThanOrEqual(8);
  });

  it('who has access costs the same six statements however many people hold access (no explain per user)', async () => {
    const url = `/api/v1/contacts/${w.contactId}/access/holders`;
    const first = await statementsOf('GET', url, w.ben.token, 200);
    // The session, the caller's by-id read, then the contact's facts, the org's users, its teams, the grants and bucket shares.
    expect(first, first.join('\n---\n')).toHaveLength(6);
    for (let i = 0; i < 12; i++) {
      const user = await createUser(handle.db, w.ben.orgId, { name: `Holder ${i}` });
      expect((await send(app, 'POST', `/api/v1/contacts/${w.contactId}/shares`, w.ben.token, { grantee: { userId: user.id }, level: 'view' })).status).toBe(201);
    }
    const more = await statementsOf('GET', url, w.ben.token, 200);
    expect(more).toHaveLength(first.length);
    const holders = (await send(app, 'GET', url, w.ben.token)).body.holders as unknown[];
    expect(holders.length).toBeGreaterThanOrEqual(15);
  });

  // Registered only for PostgreSQL (PGlite names nothing): a skipped test would count as not passing.
  if (kind === 'postgres') it('names the hot statements on PostgreSQL, and only those', async () => {
    const one = await countedDatabase('postgres', [], { on: false }, 1);
    const solo = await buildApp({ db: one.db, clock: manualClock(TEST_START), logger: false });
    try {
      await solo.ready();
      const orgId = await createOrg(one.db, 'Solo');
      const me = await createUser(one.db, orgId, { name: 'Sol' });
      const made = await send(solo, 'POST', '/api/v1/contacts', me.token, { name: 'Yan' });
      const id = (made.body.contact as { id: string }).id;
      for (let i = 0; i < 8; i++) {
        expect((await send(solo, 'GET', `/api/v1/contacts/${id}`, me.token)).status).toBe(200);
        expect((await send(solo, 'GET', `/api/v1/contacts/${id}/history?limit=1`, me.token)).status).toBe(200);
      }
      // One pooled connection: the statements it prepared are the ones this query sees. After five runs PostgreSQL
      // keeps a generic plan when it costs no more than the custom ones: each of them is then no longer planned.
      const rows = (await sql<{ name: string; generic_plans: string }>`SELECT name, generic_plans::text FROM pg_prepared_statements ORDER BY name`.execute(one.db)).rows;
      expect(rows.map((r) => r.name.replace(/_[0-9a-f]{12}$/, ''))).toEqual(['actor_by_token', 'contact_by_id', 'contact_history_page']);
      for (const row of rows) expect(Number(row.generic_plans), row.name).toBeGreaterThan(0);
    } finally {
      await solo.close();
      await one.close();
    }
  });
});

describe('named statements: which, and how many per connection', () => {
  /** A stand-in for pg.Pool whose one client records what it was asked to run. */
  function fakePool() {
    const calls: unknown[] = [];
    let released = 0;
    const client = { query: async (config: unknown, values?: unknown) => { calls.push(values === undefined ? config : { text: config, values }); return { rows: [] }; }, release: () => { released++; }, on: () => {} };
    return { pool: { connect: async () => client, end: async () => {} } as unknown as pg.Pool, calls, released: () => released };
  }
  // Compiles without a database, as storage compiles a marked statement.
  const compiler = new Kysely<Record<string, never>>({ dialect: {
    createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db), createQueryCompiler: () => new PostgresQueryCompiler(),
  } });
  const marked = (name: string, text: string) => sql`${prepared(name)} ${sql.raw(text)}`.compile(compiler).sql;

  it('names a marked statement by its marker and a hash of its text, and leaves others unnamed', async () => {
    const fake = fakePool();
    const client = await namingPool(fake.pool, 4).connect();
    const a = marked('contact_by_id', 'SELECT 1 WHERE $1::int = 1');
    await client.query(a, [1]);
    await client.query(a, [2]);
    await client.query('SELECT 2 WHERE $1::int = 1', [1]);
    const name = preparedNameOf(a);
    expect(name).toMatch(/^contact_by_id_[0-9a-f]{12}$/);
    expect(fake.calls).toEqual([{ name, text: a, values: [1] }, { name, text: a, values: [2] }, { text: 'SELECT 2 WHERE $1::int = 1', values: [1] }]);
    // Another text under the same marker gets another name: two texts never share one.
    expect(preparedNameOf(marked('contact_by_id', 'SELECT 3'))).not.toBe(name);
    client.release();
    expect(fake.released()).toBe(1);
  });

  it('names at most `max` texts per connection and runs further ones unnamed', async () => {
    const fake = fakePool();
    const client = await namingPool(fake.pool, 2).connect();
    const texts = [0, 1, 2, 3].map((n) => marked('actor_by_user', `SELECT ${n}`));
    for (const text of [...texts, ...texts]) await client.query(text, []);
    const named = fake.calls.map((c) => (c as { name?: string }).name ?? null);
    expect(named.slice(0, 4)).toEqual([preparedNameOf(texts[0] as string), preparedNameOf(texts[1] as string), null, null]);
    expect(named.slice(4)).toEqual(named.slice(0, 4));
  });

  it('refuses a marker name that is not a plain identifier', () => {
    expect(() => prepared('x; DROP TABLE users')).toThrow(/bad statement name/);
  });
});

function randomUUIDLike(): string {
  const hex = randomBytes(16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
