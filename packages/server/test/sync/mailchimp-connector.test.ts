// The Mailchimp connector against the Marketing API v3 stand-in (a real HTTP server on loopback that checks every
// request against the published shape): chunk mapping, idempotent re-runs, the subscription-status rule, retries
// and failures. No database: the links a run would store are carried from one push to the next by hand.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialsRejected, ProviderUnavailable, type Connection, type SyncContact, type SyncLink } from '../../src/domain/sync/connector.ts';
import { mailchimpConnector, splitName, subscriberHash } from '../../src/domain/sync/mailchimp-connector.ts';
import type { RetryPolicy } from '../../src/domain/sync/provider-http.ts';
import { startMailchimpStandIn, type MailchimpStandIn } from '../support/mailchimp-stand-in.ts';

const FAST: RetryPolicy = { attempts: 4, baseDelayMs: 5, maxDelayMs: 3_000, timeoutMs: 5_000 };

function contact(id: string, name: string, emails: string[], phones: string[] = []): SyncContact {
  return { id, name, company: 'Acme', title: null, emails, phones, tags: [], address: null };
}

function linksOf(...results: { created: SyncLink[]; updated: SyncLink[] }[]): Map<string, SyncLink> {
  return new Map(results.flatMap((r) => [...r.created, ...r.updated]).map((link) => [link.contactId, link]));
}

let mc: MailchimpStandIn;
let connection: Connection;
const connector = () => mailchimpConnector({ baseUrl: mc.url, retry: FAST });

beforeEach(async () => {
  mc = await startMailchimpStandIn();
  connection = (await connector().connect({ apiKey: mc.apiKey, audienceId: mc.audienceId, newMemberStatus: 'pending' })).connection;
});
afterEach(async () => {
  expect(mc.violations).toEqual([]);
  await mc.close();
});

describe('connect', () => {
  it('checks the key with /ping and the audience, and keeps the data centre and the audience name', async () => {
    const { connection: c, account } = await connector().connect({ apiKey: mc.apiKey, audienceId: mc.audienceId, newMemberStatus: 'subscribed' });
    expect(c).toEqual({ credentials: { apiKey: mc.apiKey }, settings: { audienceId: mc.audienceId, dc: 'us21', newMemberStatus: 'subscribed', audienceName: 'Customers' } });
    expect(account).toBe('Audience "Customers" (us21)');
    expect(mc.requests.slice(-2).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /3.0/ping', `GET /3.0/lists/${mc.audienceId}`]);
  });

  it('rejects a wrong key, an unknown audience and a key without a data centre, never quoting the key', async () => {
    const wrong = 'ffffffffffffffffffffffffffffffff-us21';
    for (const [input, message] of [
      [{ apiKey: wrong, audienceId: mc.audienceId }, /refused the credentials \(HTTP 401\)/],
      [{ apiKey: mc.apiKey, audienceId: 'nope' }, /no such audience/],
      [{ apiKey: 'keywithoutdc', audienceId: mc.audienceId }, /data centre/],
    ] as const) {
      const error = await connector().connect(input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CredentialsRejected);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain(input.apiKey);
    }
  });
});

describe('pushChunk', () => {
  it('creates, skips, fails, leaves unchanged, and updates an existing member without touching their status', async () => {
    // Someone who unsubscribed from the audience before: the sync must not subscribe them again.
    mc.seedMember({ email_address: 'gone@client.test', status: 'unsubscribed', merge_fields: { FNAME: 'Old', LNAME: 'Name' } });
    const ada = contact('c1', 'Ada King Lovelace', ['Ada@Client.test', 'ada2@client.test'], ['+44 20 7946 0000']);
    const noMail = contact('c2', 'No Mail', []);
    const bad = contact('c3', 'Bad Address', ['not-an-address']);
    const gone = contact('c4', 'Gina Gone', ['gone@client.test']);
    const first = await connector().pushChunk(connection, [ada, noMail, bad, gone], new Map());

    expect(first.created).toEqual([{ contactId: 'c1', remoteId: subscriberHash('ada@client.test'), remoteVersion: null, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(first.updated.map((l) => l.contactId)).toEqual(['c4']);
    expect(first.skipped).toEqual([{ contactId: 'c2', reason: 'no e-mail address' }]);
    expect(first.failed).toEqual([{ contactId: 'c3', reason: expect.stringContaining('invalid') }]);
    expect(first.unchanged).toEqual([]);

    expect(mc.member('ada@client.test')).toEqual({
      listId: mc.audienceId, email_address: 'Ada@Client.test', status: 'pending',
      merge_fields: { FNAME: 'Ada', LNAME: 'King Lovelace', PHONE: '+44 20 7946 0000' },
    });
    expect(mc.member('gone@client.test')).toMatchObject({ status: 'unsubscribed', merge_fields: { FNAME: 'Gina', LNAME: 'Gone' } });
    const batch = mc.requests.find((r) => r.method === 'POST');
    expect(batch?.body).toMatchObject({ update_existing: false });
    const patch = mc.requests.find((r) => r.method === 'PATCH');
    expect(patch?.body).toEqual({ merge_fields: { FNAME: 'Gina', LNAME: 'Gone' } });

    // The same contacts again: nothing is sent for the linked ones.
    const before = mc.requests.length;
    const again = await connector().pushChunk(connection, [ada, gone], linksOf(first));
    expect(again).toEqual({ created: [], updated: [], unchanged: ['c1', 'c4'], skipped: [], failed: [] });
    expect(mc.requests.length).toBe(before);

    // One edit: one batch (answering "exists") and one PATCH; the member count does not grow.
    const edited = { ...ada, name: 'Ada Lovelace' };
    const third = await connector().pushChunk(connection, [edited, gone], linksOf(first));
    expect(third.updated.map((l) => l.contactId)).toEqual(['c1']);
    expect(third.unchanged).toEqual(['c4']);
    expect(mc.requests.slice(before).map((r) => `${r.method} ${r.status}`)).toEqual(['POST 200', 'PATCH 200']);
    expect(mc.members.size).toBe(2);
    expect(mc.member('ada@client.test')).toMatchObject({ status: 'pending', merge_fields: { FNAME: 'Ada', LNAME: 'Lovelace' } });
  });

  it('round-trips non-ASCII names and addresses', async () => {
    const zoe = contact('c1', '  Zoë   Ångström-Núñez  ', ['zoë@exämple.test']);
    const result = await connector().pushChunk(connection, [zoe], new Map());
    expect(result.created).toHaveLength(1);
    expect(mc.member('zoë@exämple.test')?.merge_fields).toEqual({ FNAME: 'Zoë', LNAME: 'Ångström-Núñez' });
    expect(splitName('李小龙')).toEqual({ FNAME: '李小龙', LNAME: '' });
  });

  it('sends at most 500 members per batch and answers for every contact', async () => {
    const many = Array.from({ length: 501 }, (_, i) => contact(`c${i}`, `Person ${i}`, [`p${i}@client.test`]));
    const result = await connector().pushChunk(connection, many, new Map());
    expect(result.created).toHaveLength(501);
    expect(mc.requests.filter((r) => r.method === 'POST').map((r) => (r.body as { members: unknown[] }).members.length)).toEqual([500, 1]);
  });

  it('skips a second contact with the same address in a chunk', async () => {
    const result = await connector().pushChunk(connection, [contact('a', 'A', ['x@client.test']), contact('b', 'B', ['X@client.test'])], new Map());
    expect(result.created.map((l) => l.contactId)).toEqual(['a']);
    expect(result.skipped).toEqual([{ contactId: 'b', reason: 'same e-mail address as another contact' }]);
  });
});

describe('faults', () => {
  const zoe = contact('c1', 'Zoe Zed', ['zoe@client.test']);

  it('waits as a 429 Retry-After asks, then succeeds without a duplicate member', async () => {
    mc.failNext(1, 429, { retryAfter: '1' });
    const started = Date.now();
    const result = await connector().pushChunk(connection, [zoe], new Map());
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(result.created).toHaveLength(1);
    expect(mc.members.size).toBe(1);
    const posts = mc.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.status)).toEqual([429, 200]);
    expect((posts[1]?.at ?? 0) - (posts[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('retries two 500s, then succeeds', async () => {
    mc.failNext(2, 500);
    const result = await connector().pushChunk(connection, [zoe], new Map());
    expect(result.created).toHaveLength(1);
    expect(mc.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([500, 500, 200]);
  });

  it('gives up with ProviderUnavailable when 500 goes on, and at once when Retry-After is beyond the cap', async () => {
    mc.failNext(FAST.attempts, 500);
    const error = await connector().pushChunk(connection, [zoe], new Map()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailable);
    expect((error as Error).message).toBe('Mailchimp POST /3.0/lists/a1b2c3d4e5 answered HTTP 500 (4 attempts)');

    mc.failNext(1, 429, { retryAfter: '3600' });
    const before = mc.requests.length;
    const late = await connector().pushChunk(connection, [zoe], new Map()).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(ProviderUnavailable);
    expect((late as ProviderUnavailable).retryAfterMs).toBe(3_600_000);
    expect(mc.requests.length - before).toBe(1);
    expect(mc.members.size).toBe(0);
  });

  it('rejects a revoked key as CredentialsRejected, naming no credential', async () => {
    const revoked = { ...connection, credentials: { apiKey: 'deadbeefdeadbeefdeadbeefdeadbeef-us21' } };
    const error = await connector().pushChunk(revoked, [zoe], new Map()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsRejected);
    expect((error as Error).message).toBe('Mailchimp refused the credentials (HTTP 401)');
    expect(mc.requests.at(-1)?.status).toBe(401);
  });

  it('calls onBatch after each accepted batch', async () => {
    let calls = 0;
    mc.onBatch(() => { calls += 1; });
    await connector().pushChunk(connection, [zoe], new Map());
    expect(calls).toBe(1);
  });
});

describe('the stand-in itself', () => {
  it('refuses and records a body that breaks the published shape', async () => {
    const auth = `Basic ${Buffer.from(`any:${mc.apiKey}`).toString('base64')}`;
    const post = (body: unknown) => fetch(`${mc.url}/lists/${mc.audienceId}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const bad = [
      { members: [{ email_address: 'a@b.test', status: 'active' }] },
      { members: [{ email_address: 'a@b.test', status: 'pending', nickname: 'x' }] },
      { members: Array.from({ length: 501 }, (_, i) => ({ email_address: `a${i}@b.test`, status: 'pending' })) },
      { members: [{ email_address: 'a@b.test', status: 'pending' }], upsert: true },
    ];
    for (const body of bad) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ title: 'Invalid Resource', status: 400 });
    }
    expect(mc.violations).toHaveLength(4);
    expect(mc.violations[0]).toMatch(/members\.0\.status/);
    expect(mc.members.size).toBe(0);
    mc.violations.length = 0; // seen: afterEach checks the connector's own requests only
  });

  it('changes an existing member\'s status when update_existing is true (the documented rule the connector avoids)', async () => {
    mc.seedMember({ email_address: 'gone@client.test', status: 'unsubscribed', merge_fields: {} });
    const auth = `Basic ${Buffer.from(`any:${mc.apiKey}`).toString('base64')}`;
    const response = await fetch(`${mc.url}/lists/${mc.audienceId}`, {
      method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ members: [{ email_address: 'gone@client.test', status: 'subscribed' }], update_existing: true }),
    });
    expect(await response.json()).toMatchObject({ total_updated: 1, error_count: 0 });
    expect(mc.member('gone@client.test')?.status).toBe('subscribed');
  });
});
