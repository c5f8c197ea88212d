// The Google Contacts connector against the People API stand-in (a real HTTP server on loopback that checks every
// request against the published shape): token refresh, chunk mapping, idempotent re-runs, a person deleted or edited
// at Google, recovery after a crash or a lost answer, retries and failures. No database: links are carried by hand.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialsRejected, ProviderUnavailable, type ChunkResult, type Connection, type SyncContact, type SyncLink } from '../../src/domain/sync/connector.ts';
import { CLIENT_DATA_KEY, googleContactsConnector } from '../../src/domain/sync/google-contacts-connector.ts';
import type { RetryPolicy } from '../../src/domain/sync/provider-http.ts';
import { startGooglePeopleStandIn, type GooglePeopleStandIn } from '../support/google-people-stand-in.ts';

const FAST: RetryPolicy = { attempts: 4, baseDelayMs: 5, maxDelayMs: 3_000, timeoutMs: 5_000 };

function contact(id: string, name: string, extra: Partial<SyncContact> = {}): SyncContact {
  return { id, name, company: null, title: null, emails: [`${id}@client.test`], phones: [], tags: [], address: null, ...extra };
}
function linksOf(...results: ChunkResult[]): Map<string, SyncLink> {
  return new Map(results.flatMap((r) => [...r.created, ...r.updated]).map((link) => [link.contactId, link]));
}
const ids = (links: SyncLink[]) => links.map((link) => link.contactId).sort();

let g: GooglePeopleStandIn;
let connection: Connection;
const connector = () => googleContactsConnector({ peopleBaseUrl: g.peopleUrl, tokenUrl: g.tokenUrl, retry: FAST });
const secrets = () => [g.credentials.clientSecret, g.credentials.refreshToken];

beforeEach(async () => {
  g = await startGooglePeopleStandIn();
  connection = (await connector().connect(g.credentials)).connection;
});
afterEach(async () => {
  expect(g.violations).toEqual([]);
  await g.close();
});

describe('connect', () => {
  it('exchanges the refresh token, then labels the account with its address', async () => {
    const { connection: c, account } = await connector().connect(g.credentials);
    expect(account).toBe('ben@example.test');
    expect(c).toEqual({ credentials: g.credentials, settings: { account: 'ben@example.test' } });
    expect(g.requests.slice(-2).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /token', 'GET /v1/people/me']);
    expect(g.requests.at(-2)?.body).toBe(new URLSearchParams({ grant_type: 'refresh_token', refresh_token: g.credentials.refreshToken, client_id: g.credentials.clientId, client_secret: g.credentials.clientSecret }).toString());
  });

  it('rejects a revoked refresh token and a wrong client secret, quoting neither', async () => {
    for (const [input, message] of [
      [{ ...g.credentials, refreshToken: '1//revoked' }, 'Google refused the credentials (invalid_grant)'],
      [{ ...g.credentials, clientSecret: 'GOCSPX-wrong' }, 'Google refused the credentials (HTTP 401)'],
    ] as const) {
      const error = await connector().connect(input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CredentialsRejected);
      expect((error as Error).message).toBe(message);
      for (const secret of [...secrets(), input.refreshToken, input.clientSecret]) expect((error as Error).message).not.toContain(secret);
    }
  });
});

describe('pushChunk', () => {
  it('creates people with our clientData, then sends nothing for unchanged contacts and one update for an edit', async () => {
    const c = connector();
    const ada = contact('c1', 'Ada King Lovelace', { company: 'Analytical Engines', title: 'Countess', phones: ['+44 20 7946 0000'], address: '12 St James\'s Square, London' });
    const bob = contact('c2', 'Bob', { emails: [], phones: ['+1 555 0100'] });
    const first = await c.pushChunk(connection, [ada, bob], new Map());
    expect(ids(first.created)).toEqual(['c1', 'c2']);
    expect(first.created[0]).toEqual({ contactId: 'c1', remoteId: expect.stringMatching(/^people\/c\d+$/), remoteVersion: expect.any(String), contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const stored = g.people.get(first.created[0]!.remoteId);
    expect(stored).toMatchObject({
      names: [{ givenName: 'Ada', familyName: 'King Lovelace' }], emailAddresses: [{ value: 'c1@client.test' }],
      phoneNumbers: [{ value: '+44 20 7946 0000' }], organizations: [{ name: 'Analytical Engines', title: 'Countess' }],
      addresses: [{ formattedValue: '12 St James\'s Square, London' }], clientData: [{ key: CLIENT_DATA_KEY, value: 'c1' }],
    });
    expect(g.people.get(first.created[1]!.remoteId)?.emailAddresses).toBeUndefined();

    const before = g.requests.length;
    const again = await c.pushChunk(connection, [ada, bob], linksOf(first));
    expect(again).toEqual({ created: [], updated: [], unchanged: ['c1', 'c2'], skipped: [], failed: [] });
    expect(g.requests.length).toBe(before);

    const edited = { ...ada, title: null, phones: [] };
    const third = await c.pushChunk(connection, [edited, bob], linksOf(first));
    expect(ids(third.updated)).toEqual(['c1']);
    expect(third.unchanged).toEqual(['c2']);
    expect(third.updated[0]!.remoteVersion).not.toBe(first.created[0]!.remoteVersion);
    const update = g.requests.slice(before);
    expect(update.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/people:batchUpdateContacts']);
    expect(Object.keys((update[0]!.body as { contacts: object }).contacts)).toEqual([first.created[0]!.remoteId]);
    expect(g.people.get(first.created[0]!.remoteId)).toMatchObject({ organizations: [{ name: 'Analytical Engines' }], clientData: [{ key: CLIENT_DATA_KEY, value: 'c1' }] });
    expect(g.people.get(first.created[0]!.remoteId)?.phoneNumbers).toBeUndefined();
    expect(g.living()).toHaveLength(2);
  });

  it('round-trips non-ASCII names', async () => {
    const result = await connector().pushChunk(connection, [contact('c1', 'Zoë Ångström-Núñez', { emails: ['zoë@exämple.test'] }), contact('c2', '李小龙')], new Map());
    expect(g.people.get(result.created.find((l) => l.contactId === 'c1')!.remoteId)).toMatchObject({ names: [{ givenName: 'Zoë', familyName: 'Ångström-Núñez' }], emailAddresses: [{ value: 'zoë@exämple.test' }] });
    expect(g.people.get(result.created.find((l) => l.contactId === 'c2')!.remoteId)?.names).toEqual([{ givenName: '李小龙' }]);
  });

  it('creates again a person deleted at Google, and overwrites one edited there (stale etag)', async () => {
    const c = connector();
    const first = await c.pushChunk(connection, [contact('c1', 'Ada'), contact('c2', 'Bob'), contact('c3', 'Cy')], new Map());
    const links = linksOf(first);
    g.deletePerson(links.get('c1')!.remoteId);
    g.editPerson(links.get('c2')!.remoteId);
    const second = await c.pushChunk(connection, [contact('c1', 'Ada B'), contact('c2', 'Bob B'), contact('c3', 'Cy B')], links);
    expect(ids(second.created)).toEqual(['c1']);
    expect(second.created[0]!.remoteId).not.toBe(links.get('c1')!.remoteId);
    expect(ids(second.updated)).toEqual(['c2', 'c3']);
    expect(second.failed).toEqual([]);
    expect(g.living()).toHaveLength(3);
    expect(g.living().map((p) => p.names?.[0]?.familyName).sort()).toEqual(['B', 'B', 'B']);
    expect(g.requests.filter((r) => r.path.startsWith('/v1/people:')).map((r) => `${r.path} ${r.status}`)).toEqual([
      '/v1/people:batchCreateContacts 200',
      '/v1/people:batchUpdateContacts 404', '/v1/people:batchGet 200', '/v1/people:batchUpdateContacts 200', '/v1/people:batchCreateContacts 200',
    ]);
  });

  it('reads the etag first for a link stored without one', async () => {
    const c = connector();
    const first = await c.pushChunk(connection, [contact('c1', 'Ada')], new Map());
    const link = { ...first.created[0]!, remoteVersion: null };
    const before = g.requests.length;
    const second = await c.pushChunk(connection, [contact('c1', 'Ada B')], new Map([['c1', link]]));
    expect(ids(second.updated)).toEqual(['c1']);
    expect(g.requests.slice(before).map((r) => `${r.path} ${r.status}`)).toEqual(['/v1/people:batchGet 200', '/v1/people:batchUpdateContacts 200']);
  });

  it('does not create twice the people of a chunk whose links were never stored (a crash), even after a restart', async () => {
    const chunk = [contact('c1', 'Ada'), contact('c2', 'Bob')];
    await connector().pushChunk(connection, chunk, new Map()); // links lost
    const restarted = connector(); // a new process: no index in memory, so it reads the connections
    const again = await restarted.pushChunk(connection, [...chunk, contact('c3', 'Cy')], new Map());
    expect(ids(again.updated)).toEqual(['c1', 'c2']);
    expect(ids(again.created)).toEqual(['c3']);
    expect(g.living()).toHaveLength(3);
    // The same process too: its index knows what it created.
    const same = connector();
    await same.pushChunk(connection, [contact('c4', 'Dee')], new Map());
    const replay = await same.pushChunk(connection, [contact('c4', 'Dee')], new Map());
    expect(ids(replay.updated)).toEqual(['c4']);
    expect(g.living()).toHaveLength(4);
  });

  it('on two nodes: a retried slice reads the index again, so people created by the attempt before on another node are not created twice', async () => {
    const nodeA = connector();
    const nodeB = connector();
    const first = { runId: 'run-1', retry: null };
    await nodeB.pushChunk(connection, [contact('c0', 'Zero')], new Map(), first); // B holds an index of run-1
    // Node A pushes the next slice and dies before storing its links.
    await nodeA.pushChunk(connection, [contact('c1', 'Ada'), contact('c2', 'Bob')], new Map(), first);
    // The queue hands the retry of that slice to node B, whose index was read before A's creations.
    const retry = await nodeB.pushChunk(connection, [contact('c1', 'Ada'), contact('c2', 'Bob')], new Map(), { runId: 'run-1', retry: '2@1767603600000' });
    expect(ids(retry.updated)).toEqual(['c1', 'c2']);
    expect(retry.created).toEqual([]);
    expect(g.living()).toHaveLength(3);
    // A new run reads it again too (a run that failed on another node may have left people without links).
    await nodeA.pushChunk(connection, [contact('c3', 'Cy')], new Map(), first); // links lost again
    const next = await nodeB.pushChunk(connection, [contact('c3', 'Cy')], new Map(), { runId: 'run-2', retry: null });
    expect(ids(next.updated)).toEqual(['c3']);
    expect(g.living()).toHaveLength(4);
  });

  it('reads the index again after a lost create answer (done, then 500) and creates nothing twice', async () => {
    const c = connector();
    await c.pushChunk(connection, [contact('c0', 'Zero')], new Map()); // loads the index
    g.failNext(1, 500, { afterProcessing: true });
    const result = await c.pushChunk(connection, [contact('c1', 'Ada'), contact('c2', 'Bob')], new Map());
    expect(ids(result.created)).toEqual(['c1', 'c2']);
    expect(g.living()).toHaveLength(3);
    expect(g.requests.filter((r) => r.path === '/v1/people:batchCreateContacts').map((r) => r.status)).toEqual([200, 500]);
  });

  it('halves a refused batch until the one contact Google refuses is alone', async () => {
    g.refuseWhere((person) => person.names?.[0]?.givenName === 'Bad');
    const result = await connector().pushChunk(connection, [contact('c1', 'Ada'), contact('c2', 'Bad'), contact('c3', 'Cy'), contact('c4', 'Dee')], new Map());
    expect(ids(result.created)).toEqual(['c1', 'c3', 'c4']);
    expect(result.failed).toEqual([{ contactId: 'c2', reason: 'Google refused the contact (INVALID_ARGUMENT)' }]);
    expect(g.living()).toHaveLength(3);
  });

  it('sends at most 200 people per batch', async () => {
    const many = Array.from({ length: 201 }, (_, i) => contact(`c${i}`, `Person ${i}`));
    const result = await connector().pushChunk(connection, many, new Map());
    expect(result.created).toHaveLength(201);
    expect(g.requests.filter((r) => r.path === '/v1/people:batchCreateContacts').map((r) => (r.body as { contacts: unknown[] }).contacts.length)).toEqual([200, 1]);
  });
});

describe('faults', () => {
  it('waits as a 429 Retry-After asks, then creates once', async () => {
    const c = connector();
    await c.pushChunk(connection, [contact('c0', 'Zero')], new Map());
    g.failNext(1, 429, { retryAfter: '1' });
    const started = Date.now();
    const result = await c.pushChunk(connection, [contact('c1', 'Ada')], new Map());
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(ids(result.created)).toEqual(['c1']);
    expect(g.living()).toHaveLength(2);
    expect(g.requests.filter((r) => r.path === '/v1/people:batchCreateContacts').map((r) => r.status)).toEqual([200, 429, 200]);
  });

  it('retries two 500s, then succeeds', async () => {
    g.failNext(2, 500);
    const result = await connector().pushChunk(connection, [contact('c1', 'Ada')], new Map());
    expect(ids(result.created)).toEqual(['c1']);
    expect(g.requests.filter((r) => r.path === '/v1/people/me/connections').map((r) => r.status)).toEqual([500, 500, 200]);
  });

  it('gives up with ProviderUnavailable when 500 goes on, having created nothing', async () => {
    g.failNext(50, 500);
    const error = await connector().pushChunk(connection, [contact('c1', 'Ada')], new Map()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailable);
    expect((error as Error).message).toBe('Google GET /v1/people/me/connections answered HTTP 500 (4 attempts)');
    expect(g.living()).toHaveLength(0);
  });

  it('refreshes an access token that stopped working, once', async () => {
    const c = connector();
    await c.pushChunk(connection, [contact('c1', 'Ada')], new Map());
    g.expireTokens();
    const result = await c.pushChunk(connection, [contact('c2', 'Bob')], new Map());
    expect(ids(result.created)).toEqual(['c2']);
    expect(g.requests.filter((r) => r.path === '/token')).toHaveLength(3); // connect, first push, after the 401
  });

  it('rejects a revoked refresh token during a push as CredentialsRejected, naming no credential', async () => {
    const revoked = { ...connection, credentials: { ...connection.credentials, refreshToken: '1//revoked' } };
    const error = await connector().pushChunk(revoked, [contact('c1', 'Ada')], new Map()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsRejected);
    for (const secret of [...secrets(), '1//revoked']) expect((error as Error).message).not.toContain(secret);
  });

  it('calls onBatch after each accepted batch', async () => {
    let calls = 0;
    g.onBatch(() => { calls += 1; });
    await connector().pushChunk(connection, [contact('c1', 'Ada')], new Map());
    expect(calls).toBe(1);
  });
});

describe('the stand-in itself', () => {
  it('refuses and records bodies that break the published shapes', async () => {
    const token = ((await (await fetch(g.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: g.credentials.refreshToken, client_id: g.credentials.clientId, client_secret: g.credentials.clientSecret }) })).json()) as { access_token: string }).access_token;
    const post = (path: string, body: unknown) => fetch(`${g.peopleUrl}/${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const person = { names: [{ givenName: 'A' }] };
    const bad: [string, unknown][] = [
      ['people:batchCreateContacts', { contacts: [{ contactPerson: { names: [{ givenName: 'A' }, { givenName: 'B' }] } }], readMask: 'metadata' }],
      ['people:batchCreateContacts', { contacts: [{ contactPerson: { ...person, nickname: 'x' } }], readMask: 'metadata' }],
      ['people:batchCreateContacts', { contacts: [{ contactPerson: person }] }],
      ['people:batchCreateContacts', { contacts: [{ contactPerson: person }], readMask: 'metadata,everything' }],
      ['people:batchCreateContacts', { contacts: Array.from({ length: 201 }, () => ({ contactPerson: person })), readMask: 'metadata' }],
      ['people:batchUpdateContacts', { contacts: { 'people/c1': person }, updateMask: 'names', readMask: 'metadata' }],
      ['people:batchUpdateContacts', { contacts: { 'people/c1': { ...person, etag: 'x' } }, updateMask: 'names,photos', readMask: 'metadata' }],
    ];
    for (const [path, body] of bad) {
      const response = await post(path, body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT' } });
    }
    const form = await fetch(g.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(form.status).toBe(400);
    expect(g.violations).toHaveLength(bad.length + 1);
    expect(g.violations[0]).toMatch(/names is a singleton/);
    expect(g.living()).toHaveLength(0);
    g.violations.length = 0; // seen: afterEach checks the connector's own requests only
  });
});
