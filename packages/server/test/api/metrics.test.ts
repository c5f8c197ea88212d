// GET /metrics (issue 14 item 5, docs/decisions.md D43, docs/reliability.md "Metrics"): the Prometheus text format,
// requests per route pattern, access decisions at the guards, the queue's depth and oldest age from queue_jobs, the
// PostgreSQL pool; who may read it; and request ids (X-Request-Id in, out and on every log line). Both databases.
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { buildApp } from '../../src/http/app.ts';
import type { DbHandle } from '../../src/storage/connect.ts';
import { DATABASE_KINDS, freshDatabase } from '../support/databases.ts';
import { TEST_START } from '../support/harness.ts';
import { buildWorld } from './support/world-builder.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The value of one series in a Prometheus text answer (0 when absent), by its exact label set. */
function series(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`).sort();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? ([^ ]+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const got = (match[2] ?? '').split(/,(?=[a-zA-Z_]+=")/).filter(Boolean).sort();
    if (JSON.stringify(got) === JSON.stringify(wanted)) return Number(match[3]);
  }
  return 0;
}

describe.each(DATABASE_KINDS)('GET /metrics on %s', (kind) => {
  let handle: DbHandle;
  let app: FastifyInstance;
  let withToken: FastifyInstance;
  const clock = manualClock(TEST_START);
  const scrape = async () => {
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    handle = await freshDatabase(kind);
    app = await buildApp({ db: handle.db, clock, metrics: { poolStats: handle.poolStats } });
    withToken = await buildApp({ db: handle.db, clock, metrics: { token: 'scrape-me-0123456789' } });
  });
  afterAll(async () => {
    await app.close();
    await withToken.close();
    await handle.close();
  });

  it('answers the Prometheus text format (not the web app), with Node process metrics', async () => {
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.body).toContain('# TYPE tandem_http_requests_total counter');
    expect(res.body).toContain('# TYPE tandem_http_request_duration_seconds histogram');
    expect(res.body).toContain('# TYPE process_resident_memory_bytes gauge');
    expect(res.body).not.toContain('<html');
  });

  it('counts requests and their latency per route pattern, never per raw URL', async () => {
    const id = '0b6a3c52-3d43-4b1e-9a55-4c1d0f7e9a11';
    const before = await scrape();
    const route = { method: 'GET', route: '/api/v1/contacts/:id', status: '401' };
    const healthBefore = series(before, 'tandem_http_requests_total', { method: 'GET', route: '/api/v1/health', status: '200' });
    for (let i = 0; i < 3; i++) await app.inject({ method: 'GET', url: `/api/v1/contacts/${id}` });
    await app.inject({ method: 'GET', url: '/api/v1/health' });
    await app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    const after = await scrape();
    expect(series(after, 'tandem_http_requests_total', route) - series(before, 'tandem_http_requests_total', route)).toBe(3);
    expect(series(after, 'tandem_http_requests_total', { method: 'GET', route: '/api/v1/health', status: '200' }) - healthBefore).toBe(1);
    expect(series(after, 'tandem_http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(series(after, 'tandem_http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/contacts/:id' })).toBeGreaterThanOrEqual(3);
    expect(after).not.toContain(id);
    expect(after).not.toContain('no-such-thing');
  });

  it('counts the core decisions the guards take, by action and outcome', async () => {
    const w = await buildWorld(handle.db, clock, {
      users: { ben: {}, cat: {} }, contacts: { zoe: { owner: 'ben' } },
    });
    const decisions = (text: string, outcome: string) => series(text, 'tandem_access_decisions_total', { action: 'contact.view', outcome });
    const before = await scrape();
    const read = (token: string) => app.inject({ method: 'GET', url: `/api/v1/contacts/${w.contacts.zoe}`, headers: { authorization: `Bearer ${token}` } });
    expect((await read(w.users.ben.token)).statusCode).toBe(200);
    const catSees = (await read(w.users.cat.token)).statusCode;
    const after = await scrape();
    expect(decisions(after, 'allowed') - decisions(before, 'allowed')).toBe(catSees === 200 ? 2 : 1);
    expect(decisions(after, 'invisible') - decisions(before, 'invisible')).toBe(catSees === 404 ? 1 : 0);
    expect(after).toContain('# TYPE tandem_access_filters_total counter');
  });

  it('reads the queue depth and the oldest waiting job from queue_jobs at scrape time', async () => {
    const w = await buildWorld(handle.db, clock, { users: { ada: {} } });
    const hourAgo = new Date(Date.now() - 3_600_000);
    await handle.db.insertInto('queue_jobs').values([
      { org_id: w.orgId, queue: 'metrics-test', payload: JSON.stringify({}), available_at: new Date(), max_attempts: 3, created_at: hourAgo },
      { org_id: w.orgId, queue: 'metrics-test', payload: JSON.stringify({}), available_at: new Date(), max_attempts: 3, created_at: new Date() },
      { org_id: w.orgId, queue: 'metrics-test', payload: JSON.stringify({}), available_at: new Date(), max_attempts: 3, attempts: 3, created_at: new Date() },
    ]).execute();
    const text = await scrape();
    expect(series(text, 'tandem_queue_jobs', { queue: 'metrics-test', state: 'waiting' })).toBe(2);
    expect(series(text, 'tandem_queue_jobs', { queue: 'metrics-test', state: 'dead' })).toBe(1);
    const age = series(text, 'tandem_queue_oldest_waiting_seconds', { queue: 'metrics-test' });
    expect(age).toBeGreaterThanOrEqual(3600);
    expect(age).toBeLessThan(3700);
    await handle.db.deleteFrom('queue_jobs').where('queue', '=', 'metrics-test').execute();
    expect(series(await scrape(), 'tandem_queue_jobs', { queue: 'metrics-test', state: 'waiting' })).toBe(0);
  });

  if (kind === 'postgres') {
    it('reports the PostgreSQL pool: open, idle, waiting and the maximum', async () => {
      const text = await scrape();
      expect(series(text, 'tandem_db_pool_connections', { state: 'max' })).toBe(4);
      expect(series(text, 'tandem_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
      // The scrape's own queue query runs beside this reading, so idle and waiting are whatever that moment holds.
      for (const state of ['idle', 'waiting']) expect(text).toMatch(new RegExp(`^tandem_db_pool_connections\\{state="${state}"\\} [0-4]$`, 'm'));
    });
  } else {
    it('has no pool series on PGlite (one in-process connection)', async () => {
      expect(await scrape()).not.toContain('tandem_db_pool_connections');
    });
  }

  it('without TANDEM_METRICS_TOKEN: only a direct loopback connection; others get the unknown-path 404', async () => {
    for (const remoteAddress of ['10.0.0.7', '192.168.1.20', '2001:db8::1']) {
      const res = await app.inject({ method: 'GET', url: '/metrics', remoteAddress });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'TANDEM_NOT_FOUND' });
      expect(res.body).not.toContain('tandem_');
    }
    // A reverse proxy on the same host connects from loopback: a forwarded request is not local.
    for (const headers of [{ 'x-forwarded-for': '203.0.113.9' }, { forwarded: 'for=203.0.113.9' }, { 'x-real-ip': '203.0.113.9' }]) {
      expect((await app.inject({ method: 'GET', url: '/metrics', headers })).statusCode).toBe(404);
    }
    expect((await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '::1' })).statusCode).toBe(200);
  });

  it('with TANDEM_METRICS_TOKEN: the bearer token from anywhere, and nothing without it (401), loopback included', async () => {
    const get = (headers: Record<string, string>, remoteAddress = '127.0.0.1') => withToken.inject({ method: 'GET', url: '/metrics', headers, remoteAddress });
    expect((await get({})).statusCode).toBe(401);
    expect((await get({ authorization: 'Bearer scrape-me-012345678' })).statusCode).toBe(401);
    expect((await get({ authorization: 'Bearer scrape-me-0123456789-and-more' })).statusCode).toBe(401);
    const ok = await get({ authorization: 'Bearer scrape-me-0123456789' }, '10.0.0.7');
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('tandem_http_requests_total');
  });

  it('is not in the OpenAPI document (an operations endpoint, not the API)', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).not.toContain('/metrics');
  });
});

describe('request ids', () => {
  let handle: DbHandle;
  let app: FastifyInstance;
  const lines: Record<string, unknown>[] = [];
  beforeAll(async () => {
    handle = await freshDatabase('pglite');
    const stream = new Writable({ write(chunk: Buffer, _enc, done) { for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l) as Record<string, unknown>); done(); } });
    app = await buildApp({ db: handle.db, clock: manualClock(TEST_START), logger: { level: 'info', stream } });
  });
  afterAll(async () => {
    await app.close();
    await handle.close();
  });

  it('takes a sane X-Request-Id from the caller and returns it; it is on every log line of that request', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/health', headers: { 'x-request-id': 'lb-7f3a:2026/11/30.abc_DEF+1=' } });
    expect(res.headers['x-request-id']).toBe('lb-7f3a:2026/11/30.abc_DEF+1=');
    const mine = lines.filter((l) => l.reqId === 'lb-7f3a:2026/11/30.abc_DEF+1=');
    expect(mine.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
  });

  it('makes a UUID when there is none or it is not sane (too long, spaces, quotes, empty)', async () => {
    const given = [undefined, 'x'.repeat(129), 'has space', 'quote"d', '<script>', ''];
    const ids = new Set<string>();
    for (const id of given) {
      const res = await app.inject({ method: 'GET', url: '/api/v1/health', headers: id === undefined ? {} : { 'x-request-id': id } });
      const answered = String(res.headers['x-request-id']);
      expect(answered).toMatch(UUID);
      ids.add(answered);
      expect(lines.some((l) => l.reqId === answered && l.msg === 'request completed')).toBe(true);
    }
    expect(ids.size).toBe(given.length);
    expect((await app.inject({ method: 'GET', url: '/api/v1/health', headers: { 'x-request-id': 'y'.repeat(128) } })).headers['x-request-id']).toBe('y'.repeat(128));
  });

  it('is on problem answers too: a 401, an unknown route, a URL Fastify cannot decode, a bad body', async () => {
    const answers = await Promise.all([
      app.inject({ method: 'GET', url: '/api/v1/me', headers: { 'x-request-id': 'p-1' } }),
      app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: { 'x-request-id': 'p-2' } }),
      app.inject({ method: 'GET', url: '/api/v1/contacts/%zz', headers: { 'x-request-id': 'p-3' } }),
      app.inject({ method: 'POST', url: '/api/v1/signup', headers: { 'x-request-id': 'p-4', 'content-type': 'application/json' }, payload: '{"orgName":' }),
    ]);
    expect(answers.map((a) => [a.statusCode >= 400, a.headers['content-type'], a.headers['x-request-id']])).toEqual(
      ['p-1', 'p-2', 'p-3', 'p-4'].map((id) => [true, 'application/problem+json; charset=utf-8', id]),
    );
  });
});
