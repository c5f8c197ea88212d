// Bad input never becomes a 5xx (issue item 6). A probe of the API found input that passed validation and then broke
// in the database, in five classes; each has its describe below, on PGlite and PostgreSQL alike:
//   1. a NUL character (U+0000) in any text, on 13 routes (sign-in too, with no session; `?q=%00`);
//   2. an unpaired UTF-16 surrogate in text (the audit entry's jsonb refused it on PostgreSQL; PGlite stored U+FFFD);
//   3. a date with an offset PostgreSQL refuses (+23:59: it takes ±15:59 at most);
//   4. a date in the year 0000 (grants: 500; shares: 500 on PGlite, 201 stored as 1 BC on PostgreSQL); and, found on
//      the way, years 0001-0099, which PGlite's driver read back as 1950-2049 (0001-01-01 as 2001-01-01) until it was
//      given node-postgres' timestamp parsers (storage/connect.ts): they are now accepted and read back exactly;
//   5. errors Fastify answers itself (bad percent-encoding, bad JSON, too large, media type, unknown route, method):
//      Fastify's own JSON instead of a problem document.
// and a sixth the fuzzer found later (npm run probe:fuzz): 6. a keyset cursor whose decoded key holds a NUL, or a task
// cursor's time outside years 0001-9999.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CATALOG, statusOf, type ErrorCode } from '../../src/errors.ts';
import { answerClientError } from '../../src/http/error-answers.ts';
import { findUnstorableText } from '../../src/http/plugins/text-guard.ts';
import { canonicalInstant, parseInstant } from '../../src/domain/shared/time.ts';
import { createOrg, createTeam, createUser, FIXTURE_PASSWORD, type FixtureUser } from '../fixtures/org-fixture.ts';
import { DATABASE_KINDS } from '../support/databases.ts';
import { buildTestApp, call, type Answer, type TestApp } from '../support/harness.ts';

const V1 = '/api/v1';
const NUL = '\u0000';
const LONE = '\ud800';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

function expectProblem(res: Answer, status: number, code: ErrorCode): void {
  expect(`${res.status} ${res.body?.code}`, JSON.stringify(res.body)).toBe(`${status} ${code}`);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: `https://tandem.dev/errors/${code}`, title: ERROR_CATALOG[code].title, status, code });
  expect(typeof res.body.detail).toBe('string');
  expect(statusOf(ERROR_CATALOG[code].category)).toBe(status);
}

/** Every string leaf of a JSON value, as a dotted path the way validation issues name fields ("emails.0"). */
function stringPaths(value: unknown, path: string[] = []): string[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...path, String(i)]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...path, k]));
  return [];
}

function withBadText<T>(value: T, path: string[], bad: string): T {
  const copy = structuredClone(value) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = path[path.length - 1] as string;
  const text = node[last] as string;
  // In the middle of the value, so a prefix or length check cannot be what refuses it.
  node[last] = `${text.slice(0, 1)}${bad}${text.slice(1)}`;
  return copy as T;
}

type World = { orgId: string; ada: FixtureUser; ben: FixtureUser; contactId: string; bucketId: string; teamId: string };

async function buildWorld(t: TestApp): Promise<World> {
  const db = t.handle.db;
  const orgId = await createOrg(db, 'Acme', { export_enabled: true });
  const ada = await createUser(db, orgId, { name: 'Ada', role: 'admin', exportChannels: ['api'] });
  const ben = await createUser(db, orgId, { name: 'Ben' });
  const contact = await call(t.app, 'POST', `${V1}/contacts`, { as: ada.token, body: { name: 'Zoe', emails: ['zoe@client.test'] } });
  const bucket = await call(t.app, 'POST', `${V1}/buckets`, { as: ada.token, body: { name: 'Key accounts' } });
  const teamId = await createTeam(db, orgId, 'Sales', []);
  return { orgId, ada, ben, contactId: contact.body.contact.id, bucketId: bucket.body.bucket.id, teamId };
}

type Case = { name: string; method: Method; url: string; as?: string; body?: Record<string, unknown>; query?: Record<string, string>; ok: number };

/** One valid request per route that takes text: the 13 routes of the probe, and the rest that store text. */
function textRoutes(w: World, n: number): Case[] {
  const c = `${V1}/contacts/${w.contactId}`;
  return [
    { name: 'sign-up', method: 'POST', url: `${V1}/signup`, body: { orgName: 'Initech', name: 'Ivy', email: `ivy${n}@example.test`, password: 'long enough secret' }, ok: 201 },
    { name: 'sign-in', method: 'POST', url: `${V1}/sessions`, body: { email: w.ada.email, password: FIXTURE_PASSWORD }, ok: 201 },
    { name: 'create user', method: 'POST', url: `${V1}/users`, as: w.ada.token, body: { name: 'Cat', email: `cat${n}@example.test`, password: 'long enough secret', role: 'member' }, ok: 201 },
    { name: 'create team', method: 'POST', url: `${V1}/teams`, as: w.ada.token, body: { name: `Ops ${n}`, memberIds: [] }, ok: 201 },
    { name: 'rename team', method: 'PATCH', url: `${V1}/teams/${w.teamId}`, as: w.ada.token, body: { name: `Sales ${n}` }, ok: 200 },
    { name: 'branding', method: 'PATCH', url: `${V1}/org`, as: w.ada.token, body: { name: 'Acme Care', billing: { contactName: 'Ada', address: '1 Road', vatId: 'GB1' } }, ok: 200 },
    {
      name: 'create contact', method: 'POST', url: `${V1}/contacts`, as: w.ada.token,
      body: { name: 'Zack', company: 'Globex', title: 'CTO', emails: ['zack@example.test'], phones: ['+1 555 0100'], tags: ['vip'], address: '2 Road' }, ok: 201,
    },
    { name: 'edit contact', method: 'PATCH', url: c, as: w.ada.token, body: { name: 'Zoe Q', company: 'Initech', tags: ['lead'] }, ok: 200 },
    { name: 'search contacts', method: 'GET', url: `${V1}/contacts`, as: w.ada.token, query: { q: 'zo' }, ok: 200 },
    { name: 'explain access', method: 'GET', url: `${c}/access`, as: w.ada.token, query: { userId: w.ben.id }, ok: 200 },
    { name: 'message', method: 'POST', url: `${c}/messages`, as: w.ada.token, body: { body: 'Hello', channel: 'email' }, ok: 201 },
    { name: 'note', method: 'POST', url: `${c}/notes`, as: w.ada.token, body: { body: 'Met at the fair' }, ok: 201 },
    { name: 'call', method: 'POST', url: `${c}/calls`, as: w.ada.token, body: { body: 'Called back' }, ok: 201 },
    { name: 'create bucket', method: 'POST', url: `${V1}/buckets`, as: w.ada.token, body: { name: 'Leads' }, ok: 201 },
    { name: 'rename bucket', method: 'PATCH', url: `${V1}/buckets/${w.bucketId}`, as: w.ada.token, body: { name: 'Key accounts 2' }, ok: 200 },
    { name: 'API token', method: 'POST', url: `${V1}/tokens`, as: w.ada.token, body: { name: 'ci' }, ok: 201 },
  ];
}

let controls = 0;

async function auditCount(t: TestApp): Promise<number> {
  const row = await t.handle.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Each string of each route's valid request, spoiled one at a time: 400 naming that field and nothing written; then the valid request succeeds. */
async function refusesEveryField(t: TestApp, w: World, bad: string, where: 'body' | 'body and query'): Promise<string[]> {
  const checked: string[] = [];
  for (const route of textRoutes(w, (controls += 1))) {
    const before = await auditCount(t);
    const parts = [
      ...stringPaths(route.body).map((path) => ({ path, body: withBadText(route.body, path, bad), query: route.query })),
      ...(where === 'body and query' ? stringPaths(route.query).map((path) => ({ path, body: route.body, query: withBadText(route.query, path, bad) })) : []),
    ];
    for (const part of parts) {
      const res = await call(t.app, route.method, route.url, { as: route.as, body: part.body, query: part.query });
      const field = part.path.join('.');
      expectProblem(res, 400, 'TANDEM_INPUT_INVALID');
      expect(res.body.issues, `${route.name} ${field}`).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
      checked.push(`${route.name}: ${field}`);
    }
    expect(await auditCount(t), `${route.name}: a refused request changes nothing`).toBe(before);
    const control = await call(t.app, route.method, route.url, { as: route.as, body: route.body, query: route.query });
    expect(control.status, `${route.name}: ${JSON.stringify(control.body)}`).toBe(route.ok);
  }
  return checked;
}

type JsonSchema = { type?: string; enum?: unknown[]; properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[] };

/** A body with `text` in every string property the schema names (objects and arrays followed), or undefined. */
function bodyOf(schema: JsonSchema | undefined, text: string): unknown {
  if (!schema) return undefined;
  const string = [schema, ...(schema.anyOf ?? [])].find((s) => s.type === 'string' && !s.enum);
  if (string) return text;
  const object = [schema, ...(schema.anyOf ?? [])].find((s) => s.properties);
  if (object?.properties) {
    const entries = Object.entries(object.properties).map(([k, v]) => [k, bodyOf(v, text)] as const).filter(([, v]) => v !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  const array = [schema, ...(schema.anyOf ?? [])].find((s) => s.type === 'array');
  const item = array ? bodyOf(array.items, text) : undefined;
  return item === undefined ? undefined : [item];
}

describe.each(DATABASE_KINDS)('bad input on %s', (kind) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    t.clock.set('2026-01-05T09:00:00Z');
    w = await buildWorld(t);
  });
  afterAll(async () => t.close());

  describe('class 1: a NUL character in text', () => {
    it('sign-in, with no session, answers 400 naming the field (was 500)', async () => {
      const res = await call(t.app, 'POST', `${V1}/sessions`, { body: { email: 'nul\u0000byte', password: 'x' } });
      expectProblem(res, 400, 'TANDEM_INPUT_INVALID');
      expect(res.body.issues).toEqual([{ path: 'email', message: 'must not contain the NUL character (U+0000)' }]);
      expect(res.body.detail).toBe('email: must not contain the NUL character (U+0000)');
    });

    it('GET /contacts?q=%00 answers 400 naming q (was 500)', async () => {
      const res = await call(t.app, 'GET', `${V1}/contacts?q=%00`, { as: w.ada.token });
      expectProblem(res, 400, 'TANDEM_INPUT_INVALID');
      expect(res.body.issues).toEqual([{ path: 'q', message: 'must not contain the NUL character (U+0000)' }]);
    });

    it('every text field of every route that takes text: 400 naming it, nothing written; without the NUL it works', async () => {
      const checked = await refusesEveryField(t, w, NUL, 'body and query');
      expect(checked.length).toBeGreaterThanOrEqual(35);
    });

    it('in a path parameter and in a property name too', async () => {
      const path = await call(t.app, 'GET', `${V1}/contacts/%00`, { as: w.ada.token });
      expectProblem(path, 400, 'TANDEM_INPUT_INVALID');
      expect(path.body.issues).toEqual([{ path: 'id', message: 'must not contain the NUL character (U+0000)' }]);
      const key = await call(t.app, 'PATCH', `${V1}/org`, { as: w.ada.token, body: { name: 'Acme', [`x${NUL}`]: 1 } });
      expectProblem(key, 400, 'TANDEM_INPUT_INVALID');
    });

    it('every operation of the OpenAPI document refuses a NUL in its path, query or body with 400, never 5xx', async () => {
      const doc = (await call(t.app, 'GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, {
        parameters?: { name: string; in: string; schema?: JsonSchema }[]; requestBody?: { content: Record<string, { schema: JsonSchema }> };
      }>> };
      let operations = 0;
      for (const [path, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          const url = path.replace(/\{[^}]+\}/g, '%00');
          const query = Object.fromEntries((op.parameters ?? []).filter((p) => p.in === 'query' && p.schema?.type === 'string' && !p.schema.enum).map((p) => [p.name, NUL]));
          const body = bodyOf(op.requestBody?.content['application/json']?.schema, NUL);
          if (url === path && Object.keys(query).length === 0 && body === undefined) continue;
          const res = await call(t.app, method.toUpperCase() as Method, url, { as: w.ada.token, query, ...(body === undefined ? {} : { body }) });
          expect(`${method.toUpperCase()} ${path}: ${res.status} ${res.body?.code}`).toBe(`${method.toUpperCase()} ${path}: 400 TANDEM_INPUT_INVALID`);
          operations += 1;
        }
      }
      expect(operations).toBeGreaterThan(40);
    });

    it('a signed-out caller still gets 401 first', async () => {
      const res = await call(t.app, 'POST', `${V1}/contacts`, { body: { name: `a${NUL}` } });
      expectProblem(res, 401, 'TANDEM_AUTH_REQUIRED');
    });
  });

  describe('class 2: an unpaired UTF-16 surrogate in text', () => {
    it('an org or team name answers 400 naming the field (was 500 on PostgreSQL, U+FFFD stored on PGlite)', async () => {
      const signup = await call(t.app, 'POST', `${V1}/signup`, { body: { orgName: `Acme ${LONE}`, name: 'Ivy', email: 'ivy.lone@example.test', password: 'long enough secret' } });
      expectProblem(signup, 400, 'TANDEM_INPUT_INVALID');
      expect(signup.body.issues).toEqual([{ path: 'orgName', message: 'must not contain an unpaired UTF-16 surrogate' }]);
      const team = await call(t.app, 'POST', `${V1}/teams`, { as: w.ada.token, body: { name: `Ops \udc00`, memberIds: [] } });
      expectProblem(team, 400, 'TANDEM_INPUT_INVALID');
      expect(team.body.issues).toEqual([{ path: 'name', message: 'must not contain an unpaired UTF-16 surrogate' }]);
    });

    it('every text field of every route that takes a JSON body: 400 naming it, nothing written', async () => {
      // A URL cannot carry a lone surrogate: percent-decoding yields UTF-8, which has none.
      const checked = await refusesEveryField(t, w, LONE, 'body');
      expect(checked.length).toBeGreaterThan(30);
    });

    it('paired surrogates (emoji) are text like any other and come back intact on both databases', async () => {
      const res = await call(t.app, 'POST', `${V1}/teams`, { as: w.ada.token, body: { name: 'Ops 🚀 team', memberIds: [] } });
      expect(res.status).toBe(201);
      expect(res.body.team.name).toBe('Ops 🚀 team');
      const audit = await call(t.app, 'GET', `${V1}/audit/verify`, { as: w.ada.token });
      expect(audit.body.valid).toBe(true);
    });
  });

  /** Every date field of the API: [route name, method, url, body with `value` at the field]. */
  function dateFields(value: string): { field: string; method: Method; url: string; body: Record<string, unknown> }[] {
    const grant = { grantee: { userId: w.ben.id }, scope: 'contacts', level: 'view' };
    const share = { grantee: { userId: w.ben.id }, level: 'view' };
    return [
      { field: 'grant startsAt', method: 'POST', url: `${V1}/users/${w.ada.id}/grants`, body: { ...grant, startsAt: value } },
      { field: 'grant expiresAt', method: 'POST', url: `${V1}/users/${w.ada.id}/grants`, body: { ...grant, expiresAt: value } },
      { field: 'token expiresAt', method: 'POST', url: `${V1}/tokens`, body: { name: 'ci', expiresAt: value } },
      { field: 'share startsAt', method: 'POST', url: `${V1}/contacts/${w.contactId}/shares`, body: { ...share, startsAt: value } },
      { field: 'share expiresAt', method: 'POST', url: `${V1}/contacts/${w.contactId}/shares`, body: { ...share, expiresAt: value } },
      { field: 'bucket share startsAt', method: 'POST', url: `${V1}/buckets/${w.bucketId}/shares`, body: { ...share, startsAt: value } },
      { field: 'bucket share expiresAt', method: 'POST', url: `${V1}/buckets/${w.bucketId}/shares`, body: { ...share, expiresAt: value } },
    ];
  }

  async function expectDateRefused(value: string): Promise<void> {
    for (const f of dateFields(value)) {
      const res = await call(t.app, f.method, f.url, { as: w.ada.token, body: f.body });
      const field = f.field.split(' ').pop() as string;
      expect(`${f.field} ${value}: ${res.status} ${res.body?.code} ${res.body?.issues?.[0]?.path}`).toBe(`${f.field} ${value}: 400 TANDEM_INPUT_INVALID ${field}`);
    }
    const share = await call(t.app, 'POST', `${V1}/contacts/${w.contactId}/shares`, { as: w.ada.token, body: { grantee: { userId: w.ben.id }, level: 'view' } });
    const patch = await call(t.app, 'PATCH', `${V1}/contacts/${w.contactId}/shares/${share.body.share.id}`, { as: w.ada.token, body: { expiresAt: value } });
    expectProblem(patch, 400, 'TANDEM_INPUT_INVALID');
  }

  describe('class 3: a time-zone offset beyond ±14:00', () => {
    it('+23:59, +15:59, -14:01 are refused with 400 naming the field on every date (was 500)', async () => {
      for (const value of ['2030-01-01T00:00:00+23:59', '2030-01-01T00:00:00+15:59', '2030-01-01T00:00:00-14:01']) await expectDateRefused(value);
    });

    it('±14:00 is accepted and answered in UTC, identically on both databases', async () => {
      const grant = await call(t.app, 'POST', `${V1}/users/${w.ada.id}/grants`, {
        as: w.ada.token, body: { grantee: { userId: w.ben.id }, scope: 'calendar', level: 'view', startsAt: '2030-01-01T14:00:00+14:00', expiresAt: '2030-01-01T00:00:00-14:00' },
      });
      expect(grant.status).toBe(201);
      expect([grant.body.grant.startsAt, grant.body.grant.expiresAt]).toEqual(['2030-01-01T00:00:00.000Z', '2030-01-01T14:00:00.000Z']);
      const token = await call(t.app, 'POST', `${V1}/tokens`, { as: w.ada.token, body: { name: 'ci', expiresAt: '2030-06-01T12:00:00.123456+02:00' } });
      expect(token.status).toBe(201);
      expect(token.body.apiToken.expiresAt).toBe('2030-06-01T10:00:00.123Z');
    });
  });

  describe('class 4: the year 0000, years below 100, and other dates the databases do not agree on', () => {
    it('year 0000 is refused with 400 on every date (grants were 500; shares 500 on PGlite, 1 BC on PostgreSQL)', async () => {
      await expectDateRefused('0000-06-01T00:00:00Z');
      const shares = await t.handle.db.selectFrom('contact_shares').select('starts_at').where('starts_at', 'is not', null).execute();
      expect(shares).toEqual([]);
    });

    it('so are 02-30 and years that leave 0001-9999 once in UTC', async () => {
      for (const value of ['2026-02-30T00:00:00Z', '0001-01-01T00:30:00+01:00', '9999-12-31T23:59:59-00:01']) {
        await expectDateRefused(value);
      }
    });

    it('the first and the last instant accepted are stored and answered identically on both databases', async () => {
      const share = await call(t.app, 'POST', `${V1}/contacts/${w.contactId}/shares`, {
        as: w.ada.token, body: { grantee: { userId: w.ben.id }, level: 'view', startsAt: '0001-01-01T00:00:00Z', expiresAt: '9999-12-31T23:59:59.999Z' },
      });
      expect(share.status).toBe(201);
      expect([share.body.share.startsAt, share.body.share.expiresAt]).toEqual(['0001-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z']);
      const bucketShare = await call(t.app, 'POST', `${V1}/buckets/${w.bucketId}/shares`, {
        as: w.ada.token, body: { grantee: { userId: w.ben.id }, level: 'view', startsAt: '0001-01-01T00:59:00-00:01' },
      });
      expect(bucketShare.status).toBe(201);
      expect(bucketShare.body.share.startsAt).toBe('0001-01-01T01:00:00.000Z');
      const grant = await call(t.app, 'POST', `${V1}/users/${w.ben.id}/grants`, {
        as: w.ada.token, body: { grantee: { userId: w.ada.id }, scope: 'contacts', level: 'view', startsAt: '0001-01-01T00:00:00Z' },
      });
      expect(grant.status).toBe(201);
      expect(grant.body.grant.startsAt).toBe('0001-01-01T00:00:00.000Z');
      const listed = await call(t.app, 'GET', `${V1}/contacts/${w.contactId}/shares`, { as: w.ada.token });
      expect(listed.body.items.find((s: { id: string }) => s.id === share.body.share.id)).toMatchObject({ startsAt: '0001-01-01T00:00:00.000Z', active: true });
    });

    it('years 0001-0099 are accepted and read back exactly (PGlite read 0001 back as 2001, 0050 as 1950)', async () => {
      for (const [value, iso] of [
        ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'], ['0050-06-01T12:00:00.25+02:00', '0050-06-01T10:00:00.250Z'],
        ['0004-02-29T00:00:00Z', '0004-02-29T00:00:00.000Z'], ['0099-12-31T23:59:59.999Z', '0099-12-31T23:59:59.999Z'],
      ]) {
        const share = await call(t.app, 'POST', `${V1}/contacts/${w.contactId}/shares`, {
          as: w.ada.token, body: { grantee: { userId: w.ben.id }, level: 'view', startsAt: value, expiresAt: '2999-01-01T00:00:00Z' },
        });
        expect(`${value}: ${share.status}`).toBe(`${value}: 201`);
        expect(share.body.share.startsAt).toBe(iso);
        const listed = await call(t.app, 'GET', `${V1}/contacts/${w.contactId}/shares`, { as: w.ada.token });
        expect(listed.body.items.find((s: { id: string }) => s.id === share.body.share.id)).toMatchObject({ startsAt: iso });
        const row = await t.handle.db.selectFrom('contact_shares').select('starts_at').where('id', '=', share.body.share.id).executeTakeFirstOrThrow();
        expect(new Date(row.starts_at as Date).toISOString()).toBe(iso);
      }
    });
  });
});

describe('the one date parser (domain/shared/time.ts)', () => {
  it.each([
    ['2026-01-31T09:00:00Z', '2026-01-31T09:00:00.000Z'],
    ['2026-01-31T09:00:00.5+01:00', '2026-01-31T08:00:00.500Z'],
    ['2026-01-31T09:00:00.123999Z', '2026-01-31T09:00:00.123Z'],
    ['2024-02-29T00:00:00-00:00', '2024-02-29T00:00:00.000Z'],
    ['2000-02-29T23:59:59+14:00', '2000-02-29T09:59:59.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
    ['0001-01-01T00:00:00-14:00', '0001-01-01T14:00:00.000Z'],
    ['0050-06-01T12:00:00Z', '0050-06-01T12:00:00.000Z'],
    ['0099-12-31T23:59:59.999Z', '0099-12-31T23:59:59.999Z'],
    ['0004-02-29T00:00:00Z', '0004-02-29T00:00:00.000Z'],
    ['0100-01-01T00:00:00+00:01', '0099-12-31T23:59:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(canonicalInstant(text)).toBe(iso);
  });

  it.each([
    '0000-01-01T00:00:00Z', '2023-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-13-01T00:00:00Z', '2026-01-01T24:00:00Z',
    '2026-01-01T23:59:60Z', '2026-01-01T00:00:00+14:01', '2026-01-01T00:00:00-23:59', '2026-01-01T00:00:00+0100', '2026-01-01T00:00Z',
    '2026-01-01 00:00:00Z', '2026-01-01t00:00:00z', '2026-01-01T00:00:00', '2026-01-01', '+012026-01-01T00:00:00Z', '0000-06-01T00:00:00Z', '0000-02-29T00:00:00Z', '0001-01-01T00:00:00+00:01', '0003-02-29T00:00:00Z',
    '9999-12-31T23:59:59-00:01', '', 'now',
  ])('refuses %j', (text) => {
    expect(parseInstant(text)).toBeNull();
  });
});

describe('class 5: errors Fastify answers itself are problem documents with stable codes', () => {
  let t: TestApp;
  let ada: FixtureUser;
  beforeAll(async () => {
    t = await buildTestApp();
    ada = await createUser(t.handle.db, await createOrg(t.handle.db, 'Acme'), { name: 'Ada', role: 'admin' });
  });
  afterAll(async () => t.close());
  const json = { 'content-type': 'application/json' };

  it('malformed percent-encoding in a path (DELETE /grants/%ZZ): 400 TANDEM_REQUEST_MALFORMED_URL (was Fastify JSON)', async () => {
    expectProblem(await call(t.app, 'DELETE', `${V1}/grants/%ZZ`, { as: ada.token }), 400, 'TANDEM_REQUEST_MALFORMED_URL');
    expectProblem(await call(t.app, 'GET', `${V1}/contacts/%E0%A4%A`), 400, 'TANDEM_REQUEST_MALFORMED_URL');
  });

  it('a path parameter longer than 100 characters: 414 TANDEM_REQUEST_URL_TOO_LONG (was Fastify JSON)', async () => {
    expectProblem(await call(t.app, 'GET', `${V1}/contacts/${'a'.repeat(101)}`, { as: ada.token }), 414, 'TANDEM_REQUEST_URL_TOO_LONG');
  });

  it('a body that is not JSON, empty, poisoned or cut short: 400 TANDEM_REQUEST_MALFORMED_BODY', async () => {
    for (const body of ['{"name":', '', '{"name":"x","__proto__":{"admin":true}}', '{"name":"x","constructor":{"prototype":{"a":1}}}']) {
      const res = await t.app.inject({ method: 'POST', url: `${V1}/contacts`, headers: { ...json, authorization: `Bearer ${ada.token}` }, payload: body });
      expectProblem({ status: res.statusCode, body: res.json(), headers: res.headers }, 400, 'TANDEM_REQUEST_MALFORMED_BODY');
    }
    const short = await t.app.inject({ method: 'POST', url: `${V1}/contacts`, headers: { ...json, 'content-length': '5', authorization: `Bearer ${ada.token}` }, payload: '{"name":"abc"}' });
    expectProblem({ status: short.statusCode, body: short.json(), headers: short.headers }, 400, 'TANDEM_REQUEST_MALFORMED_BODY');
  });

  it('a body over 1 MiB: 413 TANDEM_REQUEST_BODY_TOO_LARGE', async () => {
    const res = await call(t.app, 'POST', `${V1}/contacts`, { as: ada.token, body: { name: 'x'.repeat(1_100_000) } });
    expectProblem(res, 413, 'TANDEM_REQUEST_BODY_TOO_LARGE');
  });

  it('a body that is not JSON: 415 TANDEM_REQUEST_UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await call(t.app, 'POST', `${V1}/contacts`, { as: ada.token, body: '<contact/>', headers: { 'content-type': 'application/xml' } });
    expectProblem(res, 415, 'TANDEM_REQUEST_UNSUPPORTED_MEDIA_TYPE');
  });

  it('an unknown route: 404 TANDEM_NOT_FOUND; a known path with another method: 405 with Allow', async () => {
    expectProblem(await call(t.app, 'GET', `${V1}/no-such-thing`, { as: ada.token }), 404, 'TANDEM_NOT_FOUND');
    const put = await call(t.app, 'PUT', `${V1}/contacts`, { as: ada.token });
    expectProblem(put, 405, 'TANDEM_REQUEST_METHOD_NOT_ALLOWED');
    expect(put.headers.allow).toBe('GET, HEAD, POST');
    const del = await call(t.app, 'DELETE', `${V1}/health`);
    expectProblem(del, 405, 'TANDEM_REQUEST_METHOD_NOT_ALLOWED');
    expect(del.headers.allow).toBe('GET, HEAD');
    const share = await call(t.app, 'GET', `${V1}/contacts/x/shares/y`, { as: ada.token });
    expectProblem(share, 405, 'TANDEM_REQUEST_METHOD_NOT_ALLOWED');
    expect(share.headers.allow).toBe('DELETE, PATCH');
  });

  describe('requests Node cannot parse, on a real socket', () => {
    let port = 0;
    beforeAll(async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      port = (t.app.server.address() as { port: number }).port;
    });

    async function raw(request: string): Promise<{ status: number; type: string; body: Record<string, unknown> }> {
      const text = await new Promise<string>((resolve, reject) => {
        const socket: Socket = connect(port, '127.0.0.1', () => socket.write(request));
        let data = '';
        socket.on('data', (chunk) => { data += chunk.toString('utf8'); });
        socket.on('close', () => resolve(data));
        socket.on('error', reject);
      });
      const [head, body] = text.split('\r\n\r\n') as [string, string];
      return { status: Number(head.split(' ')[1]), type: /content-type: ([^\r\n]+)/i.exec(head)?.[1] ?? '', body: JSON.parse(body) };
    }

    it('a malformed header: 400 TANDEM_REQUEST_MALFORMED; oversized headers: 431 TANDEM_REQUEST_HEADERS_TOO_LARGE', async () => {
      const bad = await raw('GET /api/v1/health HTTP/1.1\r\nHost: x\r\nNot a header\r\n\r\n');
      expect([bad.status, bad.type, bad.body.code]).toEqual([400, 'application/problem+json', 'TANDEM_REQUEST_MALFORMED']);
      const big = await raw(`GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect([big.status, big.type, big.body.code]).toEqual([431, 'application/problem+json', 'TANDEM_REQUEST_HEADERS_TOO_LARGE']);
    });
  });

  it('a request that times out: 408 TANDEM_REQUEST_TIMEOUT written to the socket, which is then closed', () => {
    const written: string[] = [];
    let destroyed = false;
    const socket = { destroyed: false, writable: true, write: (s: string) => written.push(s), destroy: () => { destroyed = true; } };
    answerClientError(Object.assign(new Error('timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }), socket as unknown as Socket);
    expect(written.join('')).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\nContent-Type: application\/problem\+json\r\n[\s\S]*"code":"TANDEM_REQUEST_TIMEOUT"/);
    expect(destroyed).toBe(true);
  });
});

describe('findUnstorableText', () => {
  it('names every bad string and property name, and passes paired surrogates', () => {
    expect(findUnstorableText({ a: 'ok 🚀', b: ['x', `y${NUL}`], c: { [`k${NUL}`]: 1, d: `\udfff` } })).toEqual([
      { path: 'b.1', message: 'must not contain the NUL character (U+0000)' },
      { path: `c.k${NUL}`, message: 'property name must not contain the NUL character (U+0000)' },
      { path: 'c.d', message: 'must not contain an unpaired UTF-16 surrogate' },
    ]);
  });
});

// Class 6, found by the fuzzer (npm run probe:fuzz, docs/reliability.md): a keyset cursor is base64url JSON, so the
// text guard never sees its key. A NUL in the decoded key reached PostgreSQL's text (500 on every keyset list), and a
// task cursor's epoch milliseconds past a Date's range reached a timestamp cast (500).
describe.each(DATABASE_KINDS)('class 6: a keyset cursor whose key is not storable text, or not a time, on %s', (kind) => {
  let t: TestApp;
  let ada: FixtureUser;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    ada = await createUser(t.handle.db, await createOrg(t.handle.db, 'Acme'), { name: 'Ada', role: 'admin' });
  });
  afterAll(async () => t.close());
  const cursor = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
  const ID = '00000000-0000-4000-8000-000000000001';

  it('a NUL or a lone surrogate in the key of a keyset list: 400 TANDEM_INPUT_INVALID (NUL was 500)', async () => {
    for (const bad of [NUL, LONE]) {
      for (const list of ['users', 'buckets', 'templates', 'pipelines', 'programs']) {
        expectProblem(await call(t.app, 'GET', `${V1}/${list}`, { as: ada.token, query: { cursor: cursor([`a${bad}b`, ID]) } }), 400, 'TANDEM_INPUT_INVALID');
      }
      expectProblem(await call(t.app, 'GET', `${V1}/contacts`, { as: ada.token, query: { cursor: cursor(['name', `a${bad}b`, ID]) } }), 400, 'TANDEM_INPUT_INVALID');
    }
    // The same lists still page with a cursor of plain text.
    expect((await call(t.app, 'GET', `${V1}/users`, { as: ada.token, query: { cursor: cursor(['a', ID]) } })).status).toBe(200);
  });

  it('a task cursor outside years 0001-9999: 400 (1e23 and 8.64e15 were 500); undated (Infinity) and instants in range still page', async () => {
    for (const at of ['99999999999999999999999', '8640000000000000', '253402300800000', '-62135596800001', '1.5']) {
      expectProblem(await call(t.app, 'GET', `${V1}/tasks`, { as: ada.token, query: { cursor: cursor([at, ID]) } }), 400, 'TANDEM_INPUT_INVALID');
    }
    for (const at of ['Infinity', String(Date.parse('2026-01-05T09:00:00Z')), '0', '253402300799999', '-62135596800000']) {
      expect((await call(t.app, 'GET', `${V1}/tasks`, { as: ada.token, query: { cursor: cursor([at, ID]) } })).status, at).toBe(200);
    }
  });
});
