// The providers' HTTP client against a tiny loopback server: Retry-After in both forms, backoff within the cap,
// timeouts and refused connections, replay rules for non-replayable requests, and messages that never carry a
// credential (query, header or body).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialsRejected, ProviderUnavailable } from '../../src/domain/sync/connector.ts';
import { AmbiguousFailure, providerHttp, retryAfterMs } from '../../src/domain/sync/provider-http.ts';

const SECRET = 'sk-very-secret-123';
let server: Server;
let url: string;
/** What the server answers next, in order; then 200 {"ok":true}. `hang` never answers. */
let script: ({ status: number; headers?: Record<string, string> } | 'hang')[];
let hits: number;

beforeEach(async () => {
  script = [];
  hits = 0;
  server = createServer((req, res) => {
    hits += 1;
    req.resume();
    const next = script.shift();
    if (next === 'hang') return;
    if (next === undefined) { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"ok":true}'); return; }
    res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
    res.end(`{"echo":"${SECRET}"}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/things?key=${SECRET}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function client(sleeps: number[] = [], overrides: { attempts?: number; maxDelayMs?: number; timeoutMs?: number } = {}) {
  return providerHttp({
    provider: 'Acme', retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 1_000, timeoutMs: 2_000, ...overrides },
    sleep: async (ms) => { sleeps.push(ms); },
  });
}
const req = () => ({ method: 'POST' as const, url, headers: { authorization: `Bearer ${SECRET}` }, json: { secret: SECRET } });

function expectNoSecret(error: unknown) {
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).message).not.toContain(SECRET);
  expect((error as Error).message).not.toContain('key=');
}

describe('retryAfterMs', () => {
  it('reads delta-seconds and HTTP dates, and ignores what it cannot read', () => {
    const now = Date.parse('2026-01-05T09:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Mon, 05 Jan 2026 09:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Mon, 05 Jan 2026 08:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});

describe('providerHttp', () => {
  it('retries 429 and 5xx with jittered backoff under the cap, honouring Retry-After', async () => {
    script = [{ status: 503 }, { status: 429, headers: { 'retry-after': '0' } }];
    const sleeps: number[] = [];
    const answer = await client(sleeps).send(req());
    expect(answer).toMatchObject({ status: 200, body: { ok: true } });
    expect(hits).toBe(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(0);
    expect(sleeps[0]).toBeLessThan(100); // the first backoff: [0, base)
    expect(sleeps[1]).toBe(0); // Retry-After: 0
  });

  it('gives up after its attempts with ProviderUnavailable and the last Retry-After, naming no secret', async () => {
    script = [{ status: 500 }, { status: 502 }, { status: 503, headers: { 'retry-after': '1' } }];
    const error = await client().send(req()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailable);
    expect((error as ProviderUnavailable).retryAfterMs).toBe(1_000);
    expect((error as Error).message).toBe('Acme POST /v1/things answered HTTP 503 (3 attempts)');
    expectNoSecret(error);
  });

  it('stops at once when Retry-After is beyond the cap', async () => {
    script = [{ status: 429, headers: { 'retry-after': '60' } }];
    const error = await client().send(req()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailable);
    expect((error as ProviderUnavailable).retryAfterMs).toBe(60_000);
    expect(hits).toBe(1);
  });

  it('turns 401 and 403 into CredentialsRejected without retrying', async () => {
    for (const status of [401, 403]) {
      script = [{ status }];
      hits = 0;
      const error = await client().send(req()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CredentialsRejected);
      expect((error as Error).message).toBe(`Acme refused the credentials (HTTP ${status})`);
      expect(hits).toBe(1);
    }
  });

  it('hands other answers (400, 404) back to the caller', async () => {
    script = [{ status: 404 }];
    expect(await client().send(req())).toMatchObject({ status: 404, body: { echo: SECRET } });
  });

  it('times out an attempt that hangs, then retries', async () => {
    script = ['hang'];
    const answer = await client([], { timeoutMs: 1_000 }).send(req());
    expect(answer.status).toBe(200);
    expect(hits).toBe(2);
    script = ['hang', 'hang'];
    const error = await client([], { timeoutMs: 1_000, attempts: 2 }).send(req()).catch((e: unknown) => e);
    expect((error as Error).message).toBe('Acme POST /v1/things timed out (2 attempts)');
  });

  it('reports a refused connection without the URL', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await client().send({ ...req(), url: `http://127.0.0.1:${port}/v1/x?token=${SECRET}` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailable);
    expect((error as Error).message).toBe('Acme POST /v1/x could not be reached (3 attempts)');
    expectNoSecret(error);
  });

  it('never replays a non-replayable request after a 5xx, but does after a 429', async () => {
    script = [{ status: 500 }];
    const error = await client().send({ ...req(), replayable: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousFailure);
    expect(error).toBeInstanceOf(ProviderUnavailable);
    expect(hits).toBe(1);
    script = [{ status: 429 }];
    hits = 0;
    expect((await client().send({ ...req(), replayable: false })).status).toBe(200);
    expect(hits).toBe(2);
  });
});
