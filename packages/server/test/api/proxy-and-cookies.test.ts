// D44: X-Forwarded-For is believed only from configured proxies (TANDEM_TRUST_PROXY, off by default), and the session
// cookies are Secure exactly when the public URL is https. The client address is read where the server records it:
// the request log's remoteAddress.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { trustProxyOf } from '../../src/config.ts';
import { FIXTURE_PASSWORD } from '../fixtures/world.ts';
import { expectStatus } from './support/api-client.ts';
import { useTestApp, type TestHandle } from './support/test-app.ts';

function logLines(): { stream: Writable; addresses: () => string[] } {
  const lines: string[] = [];
  const stream = new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } });
  const addresses = () => lines.map((l) => JSON.parse(l) as { req?: { remoteAddress?: string } })
    .flatMap((entry) => (entry.req?.remoteAddress ? [entry.req.remoteAddress] : []));
  return { stream, addresses };
}

async function forwardedCall(t: TestHandle): Promise<void> {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/health', headers: { 'x-forwarded-for': '203.0.113.9' }, remoteAddress: '10.0.0.2' });
  expect(res.statusCode).toBe(200);
}

describe('trustProxy off (the default)', () => {
  const log = logLines();
  const t = useTestApp({ logger: { level: 'info', stream: log.stream } });

  it('ignores X-Forwarded-For: the client address is the socket peer', async () => {
    await forwardedCall(t);
    expect(log.addresses()).toEqual(['10.0.0.2']);
  });
});

describe('trustProxy with the proxy\'s CIDR', () => {
  const log = logLines();
  const t = useTestApp({ logger: { level: 'info', stream: log.stream }, trustProxy: ['10.0.0.0/8'] });

  it('believes X-Forwarded-For from that proxy', async () => {
    await forwardedCall(t);
    expect(log.addresses()).toEqual(['203.0.113.9']);
  });
});

describe('TANDEM_TRUST_PROXY parsing', () => {
  it('is off when unset or off, a hop count for a number, a list of addresses or CIDRs otherwise', () => {
    expect(trustProxyOf(undefined)).toBe(false);
    expect(trustProxyOf(' off ')).toBe(false);
    expect(trustProxyOf('2')).toBe(2);
    expect(trustProxyOf('10.0.0.0/8, ::1')).toEqual(['10.0.0.0/8', '::1']);
  });

  it('refuses "true" and things that are not addresses', () => {
    expect(() => trustProxyOf('true')).toThrow(/TANDEM_TRUST_PROXY/);
    expect(() => trustProxyOf('proxy.example.com')).toThrow(/not an address/);
  });
});

async function sessionCookies(t: TestHandle): Promise<string[]> {
  const w = await t.world({ users: { ben: {} } });
  const res = await t.api.sessions.signIn({ email: w.users.ben.email, password: FIXTURE_PASSWORD });
  expectStatus(res, 201);
  return [res.headers['set-cookie']].flat().map(String).filter((c) => /^tandem_(session|csrf)=/.test(c));
}

describe('cookies over plain HTTP', () => {
  const t = useTestApp();

  it('are not Secure (a browser would drop them on http://)', async () => {
    const cookies = await sessionCookies(t);
    expect(cookies).toHaveLength(2);
    for (const cookie of cookies) expect(cookie).not.toMatch(/;\s*Secure/i);
  });
});

describe('cookies when the public URL is https', () => {
  const t = useTestApp({ publicUrl: 'https://crm.example.test' });

  it('are Secure, both the session and the CSRF cookie', async () => {
    const cookies = await sessionCookies(t);
    expect(cookies).toHaveLength(2);
    for (const cookie of cookies) expect(cookie).toMatch(/;\s*Secure/i);
  });
});
