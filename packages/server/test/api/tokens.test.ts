// Personal API tokens (spec §9, channel `api`): POST/GET/DELETE /tokens, and the channel checked on every request.
import { describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD } from '../fixtures/world.ts';
import { expectStatus, outcome } from './support/api-client.ts';
import { useTestApp } from './support/test-app.ts';
import { ACME_AND_GLOBEX, type AcmeAndGlobex } from './support/world-builder.ts';

const t = useTestApp();
const { api } = t;

const AUTH = { status: 401, code: 'TANDEM_AUTH_REQUIRED' };
const CHANNEL = { status: 403, code: 'TANDEM_EXPORT_CHANNEL_FORBIDDEN' };

/** Acme with export on and Api, a member whose channels include `api`. */
async function apiWorld() {
  const w = await t.world({ ...ACME_AND_GLOBEX, users: { ...ACME_AND_GLOBEX.users, api: { exportChannels: ['api'] } } });
  await api.org.updateSettings({ exportEnabled: true }, { as: w.users.ada.token });
  return w;
}

describe('POST /tokens', () => {
  it('gives a member with the `api` channel a token that works as a bearer token', async () => {
    const w = await apiWorld();
    const res = expectStatus(await api.tokens.create({ name: 'CI' }, { as: w.users.api.token }), 201);
    expect(res.apiToken).toEqual({ id: expect.any(String), name: 'CI', scope: 'read', createdAt: '2026-01-05T09:00:00.000Z', expiresAt: null });
    expect(expectStatus(await api.me({ as: res.token }), 200).user.id).toBe(w.users.api.id);
    const stored = await t.db.selectFrom('sessions').select('token_hash').where('id', '=', res.apiToken.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toBe(res.token);
  });

  it('lets an admin create one whatever their own channel list', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    expect((await api.tokens.create({ name: 'admin script' }, { as: w.users.ada.token })).status).toBe(201);
  });

  it('refuses a member without the `api` channel, or with it while export is off, with 403', async () => {
    const w = await apiWorld();
    expect(outcome(await api.tokens.create({ name: 'x' }, { as: w.users.ben.token }))).toEqual(CHANNEL);
    await api.org.updateSettings({ exportEnabled: false }, { as: w.users.ada.token });
    expect(outcome(await api.tokens.create({ name: 'x' }, { as: w.users.api.token }))).toEqual(CHANNEL);
  });

  it.each([['a deactivated user', (w: AcmeAndGlobex) => w.users.dee.token], ['anonymous', () => undefined]])('refuses %s with 401', async (_l, as) => {
    const w = await apiWorld();
    expect(outcome(await api.tokens.create({ name: 'x' }, { as: as(w) }))).toEqual(AUTH);
  });

  it.each([[{}], [{ name: '' }], [{ name: 'x', expiresAt: 'soon' }], [{ name: 'x', expiresAt: '2026-01-01T00:00:00Z' }], [{ name: 'x', scope: 'admin' }], [{ name: 'x', scope: null }]])('refuses %j with 400', async (body) => {
    const w = await apiWorld();
    expect(outcome(await api.tokens.create(body, { as: w.users.api.token }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
  });

  it('stops working when it expires', async () => {
    const w = await apiWorld();
    const body = expectStatus(await api.tokens.create({ name: 'short', expiresAt: '2026-01-05T10:00:00Z' }, { as: w.users.api.token }), 201);
    expect((await api.me({ as: body.token })).status).toBe(200);
    t.clock.set('2026-01-05T10:00:00Z');
    expect(outcome(await api.me({ as: body.token }))).toEqual(AUTH);
  });
});

describe('existing tokens follow the `api` channel on every request', () => {
  it('stop when the channel is taken away and work again when it is given back', async () => {
    const w = await apiWorld();
    const body = expectStatus(await api.tokens.create({ name: 'sync', scope: 'write' }, { as: w.users.api.token }), 201);
    await api.users.update(w.users.api.id, { exportChannels: ['csv'] }, { as: w.users.ada.token });
    expect(outcome(await api.me({ as: body.token }))).toEqual(AUTH);
    expect(outcome(await api.contacts.create({ name: 'x' }, { as: body.token }))).toEqual(AUTH);
    expect((await api.me({ as: w.users.api.token })).status).toBe(200);
    await api.users.update(w.users.api.id, { exportChannels: ['csv', 'api'] }, { as: w.users.ada.token });
    expect((await api.me({ as: body.token })).status).toBe(200);
  });

  it('stop when the export switch is turned off for members', async () => {
    const w = await apiWorld();
    const body = expectStatus(await api.tokens.create({ name: 'sync' }, { as: w.users.api.token }), 201);
    await api.org.updateSettings({ exportEnabled: false }, { as: w.users.ada.token });
    expect(outcome(await api.me({ as: body.token }))).toEqual(AUTH);
  });

  it('stop when the user is deactivated, and stay revoked after reactivation', async () => {
    const w = await apiWorld();
    const body = expectStatus(await api.tokens.create({ name: 'sync' }, { as: w.users.api.token }), 201);
    await api.users.update(w.users.api.id, { status: 'deactivated' }, { as: w.users.ada.token });
    expect(outcome(await api.me({ as: body.token }))).toEqual(AUTH);
    await api.users.update(w.users.api.id, { status: 'active' }, { as: w.users.ada.token });
    expect(outcome(await api.me({ as: body.token }))).toEqual(AUTH);
  });

  it('stop when an admin who made one is demoted to a member without the channel', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    await api.users.update(w.users.ben.id, { role: 'admin' }, { as: w.users.ada.token });
    // The promotion ended Ben's sessions (D46): he signs in again as an admin.
    const ben = expectStatus(await api.sessions.signIn({ email: w.users.ben.email, password: FIXTURE_PASSWORD }), 201).token;
    const body = expectStatus(await api.tokens.create({ name: 'x' }, { as: ben }), 201);
    await api.users.update(w.users.ben.id, { role: 'member' }, { as: w.users.ada.token });
    expect(outcome(await api.me({ as: body.token }))).toEqual(AUTH);
  });
});

describe('GET /tokens and DELETE /tokens/:id', () => {
  it('lists only the caller’s own live tokens, without secrets', async () => {
    const w = await apiWorld();
    await api.tokens.create({ name: 'one' }, { as: w.users.api.token });
    const two = expectStatus(await api.tokens.create({ name: 'two' }, { as: w.users.api.token }), 201);
    await api.tokens.create({ name: 'admin' }, { as: w.users.ada.token });
    await api.tokens.revoke(two.apiToken.id, { as: w.users.api.token });
    const res = expectStatus(await api.tokens.list({ as: w.users.api.token }), 200);
    expect(res.items.map((x) => x.name)).toEqual(['one']);
    expect(JSON.stringify(res)).not.toContain(two.token);
    expect(expectStatus(await api.tokens.list({ as: w.users.ben.token }), 200).items).toEqual([]);
  });

  it('revokes a token at once', async () => {
    const w = await apiWorld();
    const body = expectStatus(await api.tokens.create({ name: 'x' }, { as: w.users.api.token }), 201);
    expect((await api.tokens.revoke(body.apiToken.id, { as: w.users.api.token })).status).toBe(204);
    expect(outcome(await api.me({ as: body.token }))).toEqual(AUTH);
    expect(outcome(await api.tokens.revoke(body.apiToken.id, { as: w.users.api.token }))).toEqual({ status: 404, code: 'TANDEM_TOKEN_NOT_FOUND' });
  });

  it('answers 404 for someone else’s token (even to an admin), a session id and a malformed id', async () => {
    const w = await apiWorld();
    const body = expectStatus(await api.tokens.create({ name: 'x' }, { as: w.users.api.token }), 201);
    for (const [id, as] of [[body.apiToken.id, w.users.ada.token], [body.apiToken.id, w.users.oz.token], ['zzz', w.users.api.token]] as const) {
      expect(outcome(await api.tokens.revoke(id, { as }))).toEqual({ status: 404, code: 'TANDEM_TOKEN_NOT_FOUND' });
    }
    expect((await api.me({ as: body.token })).status).toBe(200);
  });

  it.each([['a deactivated user', (w: AcmeAndGlobex) => w.users.dee.token], ['anonymous', () => undefined]])('refuses %s with 401', async (_l, as) => {
    const w = await apiWorld();
    expect(outcome(await api.tokens.list({ as: as(w) }))).toEqual(AUTH);
    expect(outcome(await api.tokens.revoke('00000000-0000-4000-8000-000000000000', { as: as(w) }))).toEqual(AUTH);
  });

  it('audits creation and revocation without the secret', async () => {
    const w = await apiWorld();
    const body = expectStatus(await api.tokens.create({ name: 'x' }, { as: w.users.api.token }), 201);
    await api.tokens.revoke(body.apiToken.id, { as: w.users.api.token });
    const items = expectStatus(await api.audit.list({ as: w.users.ada.token }), 200).items;
    expect(items.slice(0, 2).map((e) => [e.action, e.actorId])).toEqual([['token.revoke', w.users.api.id], ['token.create', w.users.api.id]]);
    expect(JSON.stringify(items)).not.toContain(body.token);
  });
});
