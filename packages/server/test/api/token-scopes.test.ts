// API token scopes and expiry (issue 13 item 3, docs/decisions.md D37), on both databases: a `read` token makes only
// GET and HEAD requests (403 TANDEM_TOKEN_READ_ONLY otherwise, nothing changed); an expired token answers 401 exactly
// as an unknown one; and tokens of either scope stop at once when the `api` channel is removed, the export switch is
// turned off (for members), or the user is deactivated.
import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../support/databases.ts';
import { expectStatus, outcome } from './support/api-client.ts';
import { useTestApp } from './support/test-app.ts';
import { ACME_AND_GLOBEX } from './support/world-builder.ts';

const AUTH = { status: 401, code: 'TANDEM_AUTH_REQUIRED' };

describe.each(DATABASE_KINDS)('API token scopes on %s', (kind) => {
  const t = useTestApp({ db: kind });
  const { api } = t;

  /** Acme with export on and Api, a member whose channels include `api`. */
  async function apiWorld() {
    const w = await t.world({ ...ACME_AND_GLOBEX, users: { ...ACME_AND_GLOBEX.users, api: { exportChannels: ['api'] } } });
    await api.org.updateSettings({ exportEnabled: true }, { as: w.users.ada.token });
    return w;
  }
    const READ_ONLY = { status: 403, code: 'TANDEM_TOKEN_READ_ONLY' };

    it('a `read` token (the default) reads but every other method answers 403 and changes nothing', async () => {
      const w = await apiWorld();
      const body = expectStatus(await api.tokens.create({ name: 'report' }, { as: w.users.api.token }), 201);
      expect(body.apiToken.scope).toBe('read');
      expect((await api.contacts.list({ as: body.token })).status).toBe(200);
      expect(outcome(await api.contacts.create({ name: 'Nope' }, { as: body.token }))).toEqual(READ_ONLY);
      expect(outcome(await api.tokens.revoke(body.apiToken.id, { as: body.token }))).toEqual(READ_ONLY);
      expect(outcome(await api.tokens.create({ name: 'child', scope: 'write' }, { as: body.token }))).toEqual(READ_ONLY);
      const owned = expectStatus(await api.contacts.list({ query: { ownerId: w.users.api.id }, as: w.users.api.token }), 200);
      expect(owned.items).toEqual([]);
      expect(expectStatus(await api.tokens.list({ as: w.users.api.token }), 200).items.map((x) => x.name)).toEqual(['report']);
      const head = await t.app.inject({ method: 'HEAD', url: '/api/v1/me', headers: { authorization: `Bearer ${body.token}` } });
      expect(head.statusCode).toBe(200);
    });

    it('a `write` token may make any request its user may make', async () => {
      const w = await apiWorld();
      const body = expectStatus(await api.tokens.create({ name: 'sync', scope: 'write' }, { as: w.users.api.token }), 201);
      expect(body.apiToken.scope).toBe('write');
      expect((await api.contacts.create({ name: 'Made by script' }, { as: body.token })).status).toBe(201);
      expect(expectStatus(await api.tokens.list({ as: w.users.api.token }), 200).items.map((x) => [x.name, x.scope])).toEqual([['sync', 'write']]);
    });

    it('a token that has expired answers 401 exactly as an unknown one, for reads and writes alike', async () => {
      const w = await apiWorld();
      const read = expectStatus(await api.tokens.create({ name: 'r', expiresAt: '2026-01-06T09:00:00Z' }, { as: w.users.api.token }), 201);
      const write = expectStatus(await api.tokens.create({ name: 'w', scope: 'write', expiresAt: '2026-01-06T09:00:00Z' }, { as: w.users.api.token }), 201);
      t.clock.set('2026-01-06T09:00:00Z');
      const unknown = await api.me({ as: 'not-a-token-anyone-has' });
      for (const token of [read.token, write.token]) {
        const res = await api.me({ as: token });
        expect(outcome(res)).toEqual(AUTH);
        expect(res.body).toEqual(unknown.body);
        expect(outcome(await api.contacts.create({ name: 'x' }, { as: token }))).toEqual(AUTH);
      }
      expect(expectStatus(await api.tokens.list({ as: w.users.api.token }), 200).items.map((x) => x.expiresAt)).toEqual(['2026-01-06T09:00:00.000Z', '2026-01-06T09:00:00.000Z']);
    });

    it('tokens stored without a scope (those made before migration 0015) are `write`', async () => {
      const w = await apiWorld();
      const row = await t.db.insertInto('sessions').values({
        org_id: w.users.api.orgId, user_id: w.users.api.id, kind: 'api', name: 'legacy', token_hash: 'legacy-hash', created_at: new Date(t.clock.now()),
      }).returning('scope').executeTakeFirstOrThrow();
      expect(row.scope).toBe('write');
      expect(expectStatus(await api.tokens.list({ as: w.users.api.token }), 200).items.map((x) => [x.name, x.scope])).toEqual([['legacy', 'write']]);
    });

  type World = Awaited<ReturnType<typeof apiWorld>>;
  const lifecycles: [string, (w: World) => Promise<unknown>][] = [
    ['the `api` channel is removed', (w) => api.users.update(w.users.api.id, { exportChannels: ['csv'] }, { as: w.users.ada.token })],
    ['the export switch is turned off', (w) => api.org.updateSettings({ exportEnabled: false }, { as: w.users.ada.token })],
    ['the user is deactivated', (w) => api.users.update(w.users.api.id, { status: 'deactivated' }, { as: w.users.ada.token })],
  ];
  for (const [what, change] of lifecycles) {
    it(`read and write tokens stop at once when ${what}`, async () => {
      const w = await apiWorld();
      const read = expectStatus(await api.tokens.create({ name: 'r' }, { as: w.users.api.token }), 201).token;
      const write = expectStatus(await api.tokens.create({ name: 'w', scope: 'write' }, { as: w.users.api.token }), 201).token;
      expect((await api.contacts.list({ as: read })).status).toBe(200);
      expect((await api.contacts.create({ name: 'Before' }, { as: write })).status).toBe(201);
      await change(w);
      for (const token of [read, write]) {
        expect(outcome(await api.contacts.list({ as: token }))).toEqual(AUTH);
        expect(outcome(await api.contacts.create({ name: 'After' }, { as: token }))).toEqual(AUTH);
      }
    });
  }

  it('an admin’s read token stays read-only, whatever the switch says', async () => {
    const w = await apiWorld();
    const read = expectStatus(await api.tokens.create({ name: 'r' }, { as: w.users.ada.token }), 201).token;
    await api.org.updateSettings({ exportEnabled: false }, { as: w.users.ada.token });
    expect((await api.contacts.list({ as: read })).status).toBe(200);
    expect(outcome(await api.contacts.create({ name: 'x' }, { as: read }))).toEqual({ status: 403, code: 'TANDEM_TOKEN_READ_ONLY' });
  });
});
