// Personal API tokens (spec §9, channel `api`): POST/GET/DELETE /tokens, and the channel checked on every request.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../fixtures/org-fixture.ts';
import { buildTestApp, type TestApp } from '../support/harness.ts';
import { accountsClient, buildWorld, outcome, type AccountsClient, type World } from './support/accounts-client.ts';

let t: TestApp;
let c: AccountsClient;
beforeAll(async () => {
  t = await buildTestApp();
  c = accountsClient(t.app);
});
afterAll(async () => t.close());
afterEach(() => t.clock.set('2026-01-05T09:00:00Z'));

const AUTH = { status: 401, code: 'TANDEM_AUTH_REQUIRED' };
const CHANNEL = { status: 403, code: 'TANDEM_EXPORT_CHANNEL_FORBIDDEN' };

/** Acme with export on and Api, a member whose channels include `api`. */
async function apiWorld(): Promise<World & { api: Awaited<ReturnType<typeof createUser>> }> {
  const w = await buildWorld(t);
  await c.updateSettings({ exportEnabled: true }, { as: w.ada.token });
  return { ...w, api: await createUser(t.handle.db, w.acme, { name: 'Api', exportChannels: ['api'] }) };
}

describe('POST /tokens', () => {
  it('gives a member with the `api` channel a token that works as a bearer token', async () => {
    const w = await apiWorld();
    const res = await c.createToken({ name: 'CI' }, { as: w.api.token });
    expect(res.status).toBe(201);
    expect(res.body.apiToken).toEqual({ id: expect.any(String), name: 'CI', createdAt: '2026-01-05T09:00:00.000Z', expiresAt: null });
    expect((await c.me({ as: res.body.token })).body.user.id).toBe(w.api.id);
    const stored = await t.handle.db.selectFrom('sessions').select('token_hash').where('id', '=', res.body.apiToken.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toBe(res.body.token);
  });

  it('lets an admin create one whatever their own channel list', async () => {
    const w = await buildWorld(t);
    expect((await c.createToken({ name: 'admin script' }, { as: w.ada.token })).status).toBe(201);
  });

  it('refuses a member without the `api` channel, or with it while export is off, with 403', async () => {
    const w = await apiWorld();
    expect(outcome(await c.createToken({ name: 'x' }, { as: w.ben.token }))).toEqual(CHANNEL);
    await c.updateSettings({ exportEnabled: false }, { as: w.ada.token });
    expect(outcome(await c.createToken({ name: 'x' }, { as: w.api.token }))).toEqual(CHANNEL);
  });

  it.each([['a deactivated user', (w: World) => w.dee.token], ['anonymous', () => undefined]])('refuses %s with 401', async (_l, as) => {
    const w = await apiWorld();
    expect(outcome(await c.createToken({ name: 'x' }, { as: as(w) }))).toEqual(AUTH);
  });

  it.each([[{}], [{ name: '' }], [{ name: 'x', expiresAt: 'soon' }], [{ name: 'x', expiresAt: '2026-01-01T00:00:00Z' }]])('refuses %j with 400', async (body) => {
    const w = await apiWorld();
    expect(outcome(await c.createToken(body, { as: w.api.token }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
  });

  it('stops working when it expires', async () => {
    const w = await apiWorld();
    const { body } = await c.createToken({ name: 'short', expiresAt: '2026-01-05T10:00:00Z' }, { as: w.api.token });
    expect((await c.me({ as: body.token })).status).toBe(200);
    t.clock.set('2026-01-05T10:00:00Z');
    expect(outcome(await c.me({ as: body.token }))).toEqual(AUTH);
  });
});

describe('existing tokens follow the `api` channel on every request', () => {
  it('stop when the channel is taken away and work again when it is given back', async () => {
    const w = await apiWorld();
    const { body } = await c.createToken({ name: 'sync' }, { as: w.api.token });
    await c.updateUser(w.api.id, { exportChannels: ['csv'] }, { as: w.ada.token });
    expect(outcome(await c.me({ as: body.token }))).toEqual(AUTH);
    expect((await c.me({ as: w.api.token })).status).toBe(200);
    await c.updateUser(w.api.id, { exportChannels: ['csv', 'api'] }, { as: w.ada.token });
    expect((await c.me({ as: body.token })).status).toBe(200);
  });

  it('stop when the export switch is turned off for members', async () => {
    const w = await apiWorld();
    const { body } = await c.createToken({ name: 'sync' }, { as: w.api.token });
    await c.updateSettings({ exportEnabled: false }, { as: w.ada.token });
    expect(outcome(await c.me({ as: body.token }))).toEqual(AUTH);
  });

  it('stop when the user is deactivated, and stay revoked after reactivation', async () => {
    const w = await apiWorld();
    const { body } = await c.createToken({ name: 'sync' }, { as: w.api.token });
    await c.updateUser(w.api.id, { status: 'deactivated' }, { as: w.ada.token });
    expect(outcome(await c.me({ as: body.token }))).toEqual(AUTH);
    await c.updateUser(w.api.id, { status: 'active' }, { as: w.ada.token });
    expect(outcome(await c.me({ as: body.token }))).toEqual(AUTH);
  });

  it('stop when an admin who made one is demoted to a member without the channel', async () => {
    const w = await buildWorld(t);
    await c.updateUser(w.ben.id, { role: 'admin' }, { as: w.ada.token });
    const { body } = await c.createToken({ name: 'x' }, { as: w.ben.token });
    await c.updateUser(w.ben.id, { role: 'member' }, { as: w.ada.token });
    expect(outcome(await c.me({ as: body.token }))).toEqual(AUTH);
  });
});

describe('GET /tokens and DELETE /tokens/:id', () => {
  it('lists only the caller’s own live tokens, without secrets', async () => {
    const w = await apiWorld();
    await c.createToken({ name: 'one' }, { as: w.api.token });
    const two = await c.createToken({ name: 'two' }, { as: w.api.token });
    await c.createToken({ name: 'admin' }, { as: w.ada.token });
    await c.revokeToken(two.body.apiToken.id, { as: w.api.token });
    const res = await c.listTokens({ as: w.api.token });
    expect(res.status).toBe(200);
    expect(res.body.items.map((x: { name: string }) => x.name)).toEqual(['one']);
    expect(JSON.stringify(res.body)).not.toContain(two.body.token);
    expect((await c.listTokens({ as: w.ben.token })).body.items).toEqual([]);
  });

  it('revokes a token at once', async () => {
    const w = await apiWorld();
    const { body } = await c.createToken({ name: 'x' }, { as: w.api.token });
    expect((await c.revokeToken(body.apiToken.id, { as: w.api.token })).status).toBe(204);
    expect(outcome(await c.me({ as: body.token }))).toEqual(AUTH);
    expect(outcome(await c.revokeToken(body.apiToken.id, { as: w.api.token }))).toEqual({ status: 404, code: 'TANDEM_TOKEN_NOT_FOUND' });
  });

  it('answers 404 for someone else’s token (even to an admin), a session id and a malformed id', async () => {
    const w = await apiWorld();
    const { body } = await c.createToken({ name: 'x' }, { as: w.api.token });
    for (const [id, as] of [[body.apiToken.id, w.ada.token], [body.apiToken.id, w.oz.token], ['zzz', w.api.token]] as const) {
      expect(outcome(await c.revokeToken(id, { as }))).toEqual({ status: 404, code: 'TANDEM_TOKEN_NOT_FOUND' });
    }
    expect((await c.me({ as: body.token })).status).toBe(200);
  });

  it.each([['a deactivated user', (w: World) => w.dee.token], ['anonymous', () => undefined]])('refuses %s with 401', async (_l, as) => {
    const w = await apiWorld();
    expect(outcome(await c.listTokens({ as: as(w) }))).toEqual(AUTH);
    expect(outcome(await c.revokeToken('00000000-0000-4000-8000-000000000000', { as: as(w) }))).toEqual(AUTH);
  });

  it('audits creation and revocation without the secret', async () => {
    const w = await apiWorld();
    const { body } = await c.createToken({ name: 'x' }, { as: w.api.token });
    await c.revokeToken(body.apiToken.id, { as: w.api.token });
    const items = (await c.listAudit({ as: w.ada.token })).body.items;
    expect(items.slice(0, 2).map((e: { action: string; actorId: string }) => [e.action, e.actorId])).toEqual([['token.revoke', w.api.id], ['token.create', w.api.id]]);
    expect(JSON.stringify(items)).not.toContain(body.token);
  });
});
