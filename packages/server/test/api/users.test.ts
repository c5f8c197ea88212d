// GET /users, POST /users, PATCH /users/:id: roles, last-admin rule, e-mail uniqueness, org isolation.
import { describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD } from '../fixtures/world.ts';
import { expectStatus, outcome, uniqueEmail } from './support/api-client.ts';
import { useTestApp } from './support/test-app.ts';
import { ACME_AND_GLOBEX, type AcmeAndGlobex } from './support/world-builder.ts';

const t = useTestApp();
const { api } = t;

const ADMIN_ONLY = { status: 403, code: 'TANDEM_ACCESS_ADMIN_ONLY' };
const AUTH = { status: 401, code: 'TANDEM_AUTH_REQUIRED' };
const NOT_FOUND = { status: 404, code: 'TANDEM_USER_NOT_FOUND' };

/** The refusals every admin endpoint gives, by caller. */
const refusedCallers: [string, (w: AcmeAndGlobex) => string | undefined, { status: number; code: string }][] = [
  ['a member', (w) => w.users.ben.token, ADMIN_ONLY],
  ['a deactivated admin', (w) => w.users.dee.token, AUTH],
  ['anonymous', () => undefined, AUTH],
];

async function auditCount(orgId: string): Promise<number> {
  const rows = await t.db.selectFrom('audit_log').select('seq').where('org_id', '=', orgId).execute();
  return rows.length;
}

describe('GET /users', () => {
  it.each([['an admin', 'ada'], ['a member', 'ben']] as const)('lists the org’s users, by name, for %s', async (_l, who) => {
    const w = await t.world(ACME_AND_GLOBEX);
    const res = expectStatus(await api.users.list({ as: w.users[who].token }), 200);
    expect(res.items.map((u) => u.name)).toEqual(['Ada', 'Ben', 'Cat', 'Dee']);
    expect(res.items.find((u) => u.id === w.users.dee.id)).toMatchObject({ status: 'deactivated' });
    expect(res.nextCursor).toBeNull();
  });

  it('never shows another org’s users', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    const res = expectStatus(await api.users.list({ as: w.users.oz.token }), 200);
    expect(res.items.map((u) => u.id).sort()).toEqual([w.users.oz.id, w.users.pia.id].sort());
  });

  it('pages with limit and cursor', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    const first = expectStatus(await api.users.list({ as: w.users.ben.token, query: { limit: 3 } }), 200);
    expect(first.items.map((u) => u.name)).toEqual(['Ada', 'Ben', 'Cat']);
    const second = expectStatus(await api.users.list({ as: w.users.ben.token, query: { limit: 3, cursor: first.nextCursor } }), 200);
    expect(second.items.map((u) => u.name)).toEqual(['Dee']);
    expect(second.nextCursor).toBeNull();
  });

  it.each([
    [{ limit: 0 }], [{ limit: 201 }], [{ limit: 'many' }], [{ cursor: 'garbage' }],
  ])('refuses a bad page query %j with 400', async (query) => {
    const w = await t.world(ACME_AND_GLOBEX);
    expect(outcome(await api.users.list({ as: w.users.ben.token, query }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
  });

  it.each([['a deactivated user', (w: AcmeAndGlobex) => w.users.dee.token], ['anonymous', () => undefined]])('refuses %s with 401', async (_l, as) => {
    const w = await t.world(ACME_AND_GLOBEX);
    expect(outcome(await api.users.list({ as: as(w) }))).toEqual(AUTH);
  });
});

describe('POST /users', () => {
  const body = () => ({ name: 'Eve', email: uniqueEmail('eve'), password: 'longenough', role: 'member' });

  it('lets an admin add a member who can then sign in', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    const input = body();
    const res = expectStatus(await api.users.create(input, { as: w.users.ada.token }), 201);
    expect(res.user).toMatchObject({ name: 'Eve', email: input.email, role: 'member', status: 'active', exportChannels: [] });
    const signIn = expectStatus(await api.sessions.signIn({ email: input.email, password: 'longenough' }), 201);
    expect(expectStatus(await api.me({ as: signIn.token }), 200).org.id).toBe(w.orgs.acme);
  });

  it('lets an admin add another admin', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    const res = expectStatus(await api.users.create({ ...body(), role: 'admin' }, { as: w.users.ada.token }), 201);
    expect(res.user.role).toBe('admin');
  });

  it.each(refusedCallers)('refuses %s and creates nothing', async (_l, as, expected) => {
    const w = await t.world(ACME_AND_GLOBEX);
    const input = body();
    expect(outcome(await api.users.create(input, { as: as(w) }))).toEqual(expected);
    expect(await t.db.selectFrom('users').select('id').where('email', '=', input.email).execute()).toEqual([]);
  });

  it('puts an admin of another org’s new user in that admin’s own org', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    const res = expectStatus(await api.users.create(body(), { as: w.users.oz.token }), 201);
    const acme = expectStatus(await api.users.list({ as: w.users.ada.token }), 200);
    expect(acme.items.map((u) => u.id)).not.toContain(res.user.id);
    const globex = expectStatus(await api.users.list({ as: w.users.oz.token }), 200);
    expect(globex.items.map((u) => u.id)).toContain(res.user.id);
  });

  it('refuses an e-mail already in use (any case, any org) with 409', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    expect(outcome(await api.users.create({ ...body(), email: w.users.pia.email.toUpperCase() }, { as: w.users.ada.token })))
      .toEqual({ status: 409, code: 'TANDEM_USER_EMAIL_TAKEN' });
  });

  it.each([
    ['a 7-character password', { password: '1234567' }],
    ['an unknown role', { role: 'owner' }],
    ['a malformed e-mail', { email: 'eve' }],
    ['an empty name', { name: '' }],
  ])('refuses %s with 400 and audits nothing', async (_l, override) => {
    const w = await t.world(ACME_AND_GLOBEX);
    const before = await auditCount(w.orgs.acme);
    expect(outcome(await api.users.create({ ...body(), ...override }, { as: w.users.ada.token }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    expect(await auditCount(w.orgs.acme)).toBe(before);
  });
});

describe('PATCH /users/:id', () => {
  it('lets an admin change role, status and export channels (deduplicated, in catalogue order)', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    const res = expectStatus(await api.users.update(w.users.ben.id, { role: 'admin', exportChannels: ['vcard', 'csv', 'csv'] }, { as: w.users.ada.token }), 200);
    expect(res.user).toMatchObject({ id: w.users.ben.id, role: 'admin', status: 'active', exportChannels: ['csv', 'vcard'] });
    const off = expectStatus(await api.users.update(w.users.ben.id, { status: 'deactivated', exportChannels: [] }, { as: w.users.ada.token }), 200);
    expect(off.user).toMatchObject({ status: 'deactivated', exportChannels: [] });
  });

  it('makes a promoted member an admin on their very next request', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    expect(outcome(await api.grants.list({ as: w.users.ben.token }))).toEqual(ADMIN_ONLY);
    await api.users.update(w.users.ben.id, { role: 'admin' }, { as: w.users.ada.token });
    expect((await api.grants.list({ as: w.users.ben.token })).status).toBe(200);
    await api.users.update(w.users.ben.id, { role: 'member' }, { as: w.users.ada.token });
    expect(outcome(await api.grants.list({ as: w.users.ben.token }))).toEqual(ADMIN_ONLY);
  });

  it('reactivates a deactivated user', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    const res = expectStatus(await api.users.update(w.users.dee.id, { status: 'active' }, { as: w.users.ada.token }), 200);
    expect(res.user.status).toBe('active');
    expect((await api.sessions.signIn({ email: w.users.dee.email, password: FIXTURE_PASSWORD })).status).toBe(201);
  });

  it.each(refusedCallers)('refuses %s and changes nothing', async (_l, as, expected) => {
    const w = await t.world(ACME_AND_GLOBEX);
    expect(outcome(await api.users.update(w.users.cat.id, { role: 'admin' }, { as: as(w) }))).toEqual(expected);
    expect(expectStatus(await api.me({ as: w.users.cat.token }), 200).user.role).toBe('member');
  });

  it('does not let a member promote themselves', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    expect(outcome(await api.users.update(w.users.ben.id, { role: 'admin' }, { as: w.users.ben.token }))).toEqual(ADMIN_ONLY);
  });

  it('answers 404 for another org’s user, a malformed id and a missing id alike', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    const globexToAcme = await api.users.update(w.users.ben.id, { role: 'admin' }, { as: w.users.oz.token });
    const malformed = await api.users.update('not-a-uuid', { role: 'admin' }, { as: w.users.ada.token });
    const missing = await api.users.update('00000000-0000-4000-8000-000000000000', { role: 'admin' }, { as: w.users.ada.token });
    for (const res of [globexToAcme, malformed, missing]) expect(outcome(res)).toEqual(NOT_FOUND);
    expect(globexToAcme.body).toEqual(missing.body);
    expect(expectStatus(await api.me({ as: w.users.ben.token }), 200).user.role).toBe('member');
  });

  it.each([
    ['an empty body', {}],
    ['an unknown status', { status: 'paused' }],
    ['an unknown export channel', { exportChannels: ['fax'] }],
    ['a field that cannot be patched here', { email: 'x@example.test' }],
  ])('refuses %s with 400', async (_l, patch) => {
    const w = await t.world(ACME_AND_GLOBEX);
    expect(outcome(await api.users.update(w.users.ben.id, patch, { as: w.users.ada.token }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
  });

  describe('the org always keeps one active admin', () => {
    it.each([
      ['demote', { role: 'member' }],
      ['deactivate', { status: 'deactivated' }],
    ])('refuses to %s the last active admin with 409, even when they ask for themselves', async (_l, patch) => {
      const w = await t.world(ACME_AND_GLOBEX);
      expect(outcome(await api.users.update(w.users.ada.id, patch, { as: w.users.ada.token }))).toEqual({ status: 409, code: 'TANDEM_ORG_LAST_ADMIN' });
      expect(expectStatus(await api.me({ as: w.users.ada.token }), 200).user).toMatchObject({ role: 'admin', status: 'active' });
    });

    it('does not count a deactivated admin', async () => {
      const w = await t.world(ACME_AND_GLOBEX);
      await api.users.update(w.users.dee.id, { role: 'admin' }, { as: w.users.ada.token });
      expect(outcome(await api.users.update(w.users.ada.id, { role: 'member' }, { as: w.users.ada.token }))).toEqual({ status: 409, code: 'TANDEM_ORG_LAST_ADMIN' });
    });

    it('allows it once another active admin exists, and then protects that one', async () => {
      const w = await t.world(ACME_AND_GLOBEX);
      await api.users.update(w.users.ben.id, { role: 'admin' }, { as: w.users.ada.token });
      expect((await api.users.update(w.users.ada.id, { role: 'member' }, { as: w.users.ada.token })).status).toBe(200);
      expect(outcome(await api.users.update(w.users.ben.id, { status: 'deactivated' }, { as: w.users.ben.token }))).toEqual({ status: 409, code: 'TANDEM_ORG_LAST_ADMIN' });
    });

    it('lets the last admin change their own export channels', async () => {
      const w = await t.world(ACME_AND_GLOBEX);
      expect((await api.users.update(w.users.ada.id, { exportChannels: ['csv'] }, { as: w.users.ada.token })).status).toBe(200);
    });

    it('holds under concurrent demotions of the only two admins', async () => {
      const w = await t.world(ACME_AND_GLOBEX);
      await api.users.update(w.users.ben.id, { role: 'admin' }, { as: w.users.ada.token });
      const [a, b] = await Promise.all([
        api.users.update(w.users.ada.id, { role: 'member' }, { as: w.users.ben.token }),
        api.users.update(w.users.ben.id, { role: 'member' }, { as: w.users.ada.token }),
      ]);
      // The loser is refused either as no longer admin (403, its caller was just demoted) or by the rule (409).
      const statuses = [a.status, b.status].sort();
      expect(statuses[0]).toBe(200);
      expect([403, 409]).toContain(statuses[1]);
      const admins = expectStatus(await api.users.list({ as: w.users.cat.token }), 200).items.filter((u) => u.role === 'admin' && u.status === 'active');
      expect(admins).toHaveLength(1);
    });
  });

  it('writes one audit entry per changed aspect, and none for a no-op', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    await api.users.update(w.users.ben.id, { role: 'admin', status: 'deactivated', exportChannels: ['api'] }, { as: w.users.ada.token });
    await api.users.update(w.users.ben.id, { role: 'admin' }, { as: w.users.ada.token });
    const log = expectStatus(await api.audit.list({ as: w.users.ada.token }), 200).items;
    expect(log.map((e) => e.action).sort()).toEqual(['user.exportChannels.change', 'user.role.change', 'user.status.change']);
    const status = log.find((e) => e.action === 'user.status.change');
    expect(status).toMatchObject({ actorId: w.users.ada.id, targetType: 'user', targetId: w.users.ben.id, before: { status: 'active' }, after: { status: 'deactivated', revokedCredentials: 1 } });
  });
});
