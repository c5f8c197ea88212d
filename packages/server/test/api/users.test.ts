// GET /users, POST /users, PATCH /users/:id: roles, last-admin rule, e-mail uniqueness, org isolation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD } from '../fixtures/org-fixture.ts';
import { buildTestApp, type TestApp } from '../support/harness.ts';
import { accountsClient, buildWorld, outcome, uniqueEmail, type AccountsClient, type World } from './support/accounts-client.ts';

let t: TestApp;
let c: AccountsClient;
beforeAll(async () => {
  t = await buildTestApp();
  c = accountsClient(t.app);
});
afterAll(async () => t.close());

const ADMIN_ONLY = { status: 403, code: 'TANDEM_ACCESS_ADMIN_ONLY' };
const AUTH = { status: 401, code: 'TANDEM_AUTH_REQUIRED' };
const NOT_FOUND = { status: 404, code: 'TANDEM_USER_NOT_FOUND' };

/** The refusals every admin endpoint gives, by caller. */
const refusedCallers: [string, (w: World) => string | undefined, { status: number; code: string }][] = [
  ['a member', (w) => w.ben.token, ADMIN_ONLY],
  ['a deactivated admin', (w) => w.dee.token, AUTH],
  ['anonymous', () => undefined, AUTH],
];

async function auditCount(orgId: string): Promise<number> {
  const rows = await t.handle.db.selectFrom('audit_log').select('seq').where('org_id', '=', orgId).execute();
  return rows.length;
}

describe('GET /users', () => {
  it.each([['an admin', 'ada'], ['a member', 'ben']] as const)('lists the org’s users, by name, for %s', async (_l, who) => {
    const w = await buildWorld(t);
    const res = await c.listUsers({ as: w[who].token });
    expect(res.status).toBe(200);
    expect(res.body.items.map((u: { name: string }) => u.name)).toEqual(['Ada', 'Ben', 'Cat', 'Dee']);
    expect(res.body.items.find((u: { id: string }) => u.id === w.dee.id)).toMatchObject({ status: 'deactivated' });
    expect(res.body.nextCursor).toBeNull();
  });

  it('never shows another org’s users', async () => {
    const w = await buildWorld(t);
    const res = await c.listUsers({ as: w.oz.token });
    expect(res.body.items.map((u: { id: string }) => u.id).sort()).toEqual([w.oz.id, w.pia.id].sort());
  });

  it('pages with limit and cursor', async () => {
    const w = await buildWorld(t);
    const first = await c.listUsers({ as: w.ben.token, query: { limit: 3 } });
    expect(first.body.items.map((u: { name: string }) => u.name)).toEqual(['Ada', 'Ben', 'Cat']);
    const second = await c.listUsers({ as: w.ben.token, query: { limit: 3, cursor: first.body.nextCursor } });
    expect(second.body.items.map((u: { name: string }) => u.name)).toEqual(['Dee']);
    expect(second.body.nextCursor).toBeNull();
  });

  it.each([
    [{ limit: 0 }], [{ limit: 201 }], [{ limit: 'many' }], [{ cursor: 'garbage' }],
  ])('refuses a bad page query %j with 400', async (query) => {
    const w = await buildWorld(t);
    expect(outcome(await c.listUsers({ as: w.ben.token, query }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
  });

  it.each([['a deactivated user', (w: World) => w.dee.token], ['anonymous', () => undefined]])('refuses %s with 401', async (_l, as) => {
    const w = await buildWorld(t);
    expect(outcome(await c.listUsers({ as: as(w) }))).toEqual(AUTH);
  });
});

describe('POST /users', () => {
  const body = () => ({ name: 'Eve', email: uniqueEmail('eve'), password: 'longenough', role: 'member' });

  it('lets an admin add a member who can then sign in', async () => {
    const w = await buildWorld(t);
    const input = body();
    const res = await c.createUser(input, { as: w.ada.token });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ name: 'Eve', email: input.email, role: 'member', status: 'active', exportChannels: [] });
    const signIn = await c.signIn({ email: input.email, password: 'longenough' });
    expect(signIn.status).toBe(201);
    expect((await c.me({ as: signIn.body.token })).body.org.id).toBe(w.acme);
  });

  it('lets an admin add another admin', async () => {
    const w = await buildWorld(t);
    const res = await c.createUser({ ...body(), role: 'admin' }, { as: w.ada.token });
    expect(res.body.user.role).toBe('admin');
  });

  it.each(refusedCallers)('refuses %s and creates nothing', async (_l, as, expected) => {
    const w = await buildWorld(t);
    const input = body();
    expect(outcome(await c.createUser(input, { as: as(w) }))).toEqual(expected);
    expect(await t.handle.db.selectFrom('users').select('id').where('email', '=', input.email).execute()).toEqual([]);
  });

  it('puts an admin of another org’s new user in that admin’s own org', async () => {
    const w = await buildWorld(t);
    const res = await c.createUser(body(), { as: w.oz.token });
    const acme = await c.listUsers({ as: w.ada.token });
    expect(acme.body.items.map((u: { id: string }) => u.id)).not.toContain(res.body.user.id);
    const globex = await c.listUsers({ as: w.oz.token });
    expect(globex.body.items.map((u: { id: string }) => u.id)).toContain(res.body.user.id);
  });

  it('refuses an e-mail already in use (any case, any org) with 409', async () => {
    const w = await buildWorld(t);
    expect(outcome(await c.createUser({ ...body(), email: w.pia.email.toUpperCase() }, { as: w.ada.token })))
      .toEqual({ status: 409, code: 'TANDEM_USER_EMAIL_TAKEN' });
  });

  it.each([
    ['a 7-character password', { password: '1234567' }],
    ['an unknown role', { role: 'owner' }],
    ['a malformed e-mail', { email: 'eve' }],
    ['an empty name', { name: '' }],
  ])('refuses %s with 400 and audits nothing', async (_l, override) => {
    const w = await buildWorld(t);
    const before = await auditCount(w.acme);
    expect(outcome(await c.createUser({ ...body(), ...override }, { as: w.ada.token }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    expect(await auditCount(w.acme)).toBe(before);
  });
});

describe('PATCH /users/:id', () => {
  it('lets an admin change role, status and export channels (deduplicated, in catalogue order)', async () => {
    const w = await buildWorld(t);
    const res = await c.updateUser(w.ben.id, { role: 'admin', exportChannels: ['vcard', 'csv', 'csv'] }, { as: w.ada.token });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: w.ben.id, role: 'admin', status: 'active', exportChannels: ['csv', 'vcard'] });
    const off = await c.updateUser(w.ben.id, { status: 'deactivated', exportChannels: [] }, { as: w.ada.token });
    expect(off.body.user).toMatchObject({ status: 'deactivated', exportChannels: [] });
  });

  it('makes a promoted member an admin on their very next request', async () => {
    const w = await buildWorld(t);
    expect(outcome(await c.listGrants({ as: w.ben.token }))).toEqual(ADMIN_ONLY);
    await c.updateUser(w.ben.id, { role: 'admin' }, { as: w.ada.token });
    expect((await c.listGrants({ as: w.ben.token })).status).toBe(200);
    await c.updateUser(w.ben.id, { role: 'member' }, { as: w.ada.token });
    expect(outcome(await c.listGrants({ as: w.ben.token }))).toEqual(ADMIN_ONLY);
  });

  it('reactivates a deactivated user', async () => {
    const w = await buildWorld(t);
    const res = await c.updateUser(w.dee.id, { status: 'active' }, { as: w.ada.token });
    expect(res.body.user.status).toBe('active');
    expect((await c.signIn({ email: w.dee.email, password: FIXTURE_PASSWORD })).status).toBe(201);
  });

  it.each(refusedCallers)('refuses %s and changes nothing', async (_l, as, expected) => {
    const w = await buildWorld(t);
    expect(outcome(await c.updateUser(w.cat.id, { role: 'admin' }, { as: as(w) }))).toEqual(expected);
    expect((await c.me({ as: w.cat.token })).body.user.role).toBe('member');
  });

  it('does not let a member promote themselves', async () => {
    const w = await buildWorld(t);
    expect(outcome(await c.updateUser(w.ben.id, { role: 'admin' }, { as: w.ben.token }))).toEqual(ADMIN_ONLY);
  });

  it('answers 404 for another org’s user, a malformed id and a missing id alike', async () => {
    const w = await buildWorld(t);
    const globexToAcme = await c.updateUser(w.ben.id, { role: 'admin' }, { as: w.oz.token });
    const malformed = await c.updateUser('not-a-uuid', { role: 'admin' }, { as: w.ada.token });
    const missing = await c.updateUser('00000000-0000-4000-8000-000000000000', { role: 'admin' }, { as: w.ada.token });
    for (const res of [globexToAcme, malformed, missing]) expect(outcome(res)).toEqual(NOT_FOUND);
    expect(globexToAcme.body).toEqual(missing.body);
    expect((await c.me({ as: w.ben.token })).body.user.role).toBe('member');
  });

  it.each([
    ['an empty body', {}],
    ['an unknown status', { status: 'paused' }],
    ['an unknown export channel', { exportChannels: ['fax'] }],
    ['a field that cannot be patched here', { email: 'x@example.test' }],
  ])('refuses %s with 400', async (_l, patch) => {
    const w = await buildWorld(t);
    expect(outcome(await c.updateUser(w.ben.id, patch, { as: w.ada.token }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
  });

  describe('the org always keeps one active admin', () => {
    it.each([
      ['demote', { role: 'member' }],
      ['deactivate', { status: 'deactivated' }],
    ])('refuses to %s the last active admin with 409, even when they ask for themselves', async (_l, patch) => {
      const w = await buildWorld(t);
      expect(outcome(await c.updateUser(w.ada.id, patch, { as: w.ada.token }))).toEqual({ status: 409, code: 'TANDEM_ORG_LAST_ADMIN' });
      expect((await c.me({ as: w.ada.token })).body.user).toMatchObject({ role: 'admin', status: 'active' });
    });

    it('does not count a deactivated admin', async () => {
      const w = await buildWorld(t);
      await c.updateUser(w.dee.id, { role: 'admin' }, { as: w.ada.token });
      expect(outcome(await c.updateUser(w.ada.id, { role: 'member' }, { as: w.ada.token }))).toEqual({ status: 409, code: 'TANDEM_ORG_LAST_ADMIN' });
    });

    it('allows it once another active admin exists, and then protects that one', async () => {
      const w = await buildWorld(t);
      await c.updateUser(w.ben.id, { role: 'admin' }, { as: w.ada.token });
      expect((await c.updateUser(w.ada.id, { role: 'member' }, { as: w.ada.token })).status).toBe(200);
      expect(outcome(await c.updateUser(w.ben.id, { status: 'deactivated' }, { as: w.ben.token }))).toEqual({ status: 409, code: 'TANDEM_ORG_LAST_ADMIN' });
    });

    it('lets the last admin change their own export channels', async () => {
      const w = await buildWorld(t);
      expect((await c.updateUser(w.ada.id, { exportChannels: ['csv'] }, { as: w.ada.token })).status).toBe(200);
    });

    it('holds under concurrent demotions of the only two admins', async () => {
      const w = await buildWorld(t);
      await c.updateUser(w.ben.id, { role: 'admin' }, { as: w.ada.token });
      const [a, b] = await Promise.all([
        c.updateUser(w.ada.id, { role: 'member' }, { as: w.ben.token }),
        c.updateUser(w.ben.id, { role: 'member' }, { as: w.ada.token }),
      ]);
      // The loser is refused either as no longer admin (403, its caller was just demoted) or by the rule (409).
      const statuses = [a.status, b.status].sort();
      expect(statuses[0]).toBe(200);
      expect([403, 409]).toContain(statuses[1]);
      const admins = (await c.listUsers({ as: w.cat.token })).body.items.filter((u: { role: string; status: string }) => u.role === 'admin' && u.status === 'active');
      expect(admins).toHaveLength(1);
    });
  });

  it('writes one audit entry per changed aspect, and none for a no-op', async () => {
    const w = await buildWorld(t);
    await c.updateUser(w.ben.id, { role: 'admin', status: 'deactivated', exportChannels: ['api'] }, { as: w.ada.token });
    await c.updateUser(w.ben.id, { role: 'admin' }, { as: w.ada.token });
    const log = (await c.listAudit({ as: w.ada.token })).body.items;
    expect(log.map((e: { action: string }) => e.action).sort()).toEqual(['user.exportChannels.change', 'user.role.change', 'user.status.change']);
    const status = log.find((e: { action: string }) => e.action === 'user.status.change');
    expect(status).toMatchObject({ actorId: w.ada.id, targetType: 'user', targetId: w.ben.id, before: { status: 'active' }, after: { status: 'deactivated', revokedCredentials: 1 } });
  });
});
