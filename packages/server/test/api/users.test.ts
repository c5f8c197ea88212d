// GET /users, POST /users, PATCH /users/:id: roles, last-admin rule, e-mail uniqueness, SMS lines, org isolation.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../support/databases.ts';
import { FIXTURE_PASSWORD } from '../fixtures/world.ts';
import { expectStatus, outcome, uniqueEmail } from './support/api-client.ts';
import { useTestApp } from './support/test-app.ts';
import { ACME_AND_GLOBEX, type AcmeAndGlobex } from './support/world-builder.ts';

const t = useTestApp();
const { api } = t;

const ADMIN_ONLY = { status: 403, code: 'TANDEM_ACCESS_ADMIN_ONLY' };
const AUTH = { status: 401, code: 'TANDEM_AUTH_REQUIRED' };
const NOT_FOUND = { status: 404, code: 'TANDEM_USER_NOT_FOUND' };

/** A role change signs the user out (D46): a fresh session token for them. */
async function signInAgain(user: { email: string }): Promise<string> {
  return expectStatus(await api.sessions.signIn({ email: user.email, password: FIXTURE_PASSWORD }), 201).token;
}

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

  it('signs a promoted member out; signed in again they are an admin, and demoted again a member (D46)', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    expect(outcome(await api.grants.list({ as: w.users.ben.token }))).toEqual(ADMIN_ONLY);
    await api.users.update(w.users.ben.id, { role: 'admin' }, { as: w.users.ada.token });
    expect(outcome(await api.grants.list({ as: w.users.ben.token }))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
    const promoted = await signInAgain(w.users.ben);
    expect((await api.grants.list({ as: promoted })).status).toBe(200);
    await api.users.update(w.users.ben.id, { role: 'member' }, { as: w.users.ada.token });
    expect(outcome(await api.grants.list({ as: promoted }))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
    expect(outcome(await api.grants.list({ as: await signInAgain(w.users.ben) }))).toEqual(ADMIN_ONLY);
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
      // Promoted, Ben was signed out (D46): he signs in again as an admin.
      const ben = await signInAgain(w.users.ben);
      expect(outcome(await api.users.update(w.users.ben.id, { status: 'deactivated' }, { as: ben }))).toEqual({ status: 409, code: 'TANDEM_ORG_LAST_ADMIN' });
    });

    it('lets the last admin change their own export channels', async () => {
      const w = await t.world(ACME_AND_GLOBEX);
      expect((await api.users.update(w.users.ada.id, { exportChannels: ['csv'] }, { as: w.users.ada.token })).status).toBe(200);
    });

    it('holds under concurrent demotions of the only two admins', async () => {
      const w = await t.world(ACME_AND_GLOBEX);
      await api.users.update(w.users.ben.id, { role: 'admin' }, { as: w.users.ada.token });
      const ben = await signInAgain(w.users.ben);
      const [a, b] = await Promise.all([
        api.users.update(w.users.ada.id, { role: 'member' }, { as: ben }),
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

describe.each(DATABASE_KINDS)('PATCH /users/:id smsLine on %s', (kind) => {
  const s = useTestApp({ db: kind });
  const TAKEN = { status: 409, code: 'TANDEM_USER_SMS_LINE_TAKEN' };
  const setLine = (w: AcmeAndGlobex, who: keyof AcmeAndGlobex['users'], smsLine: unknown, as = w.users.ada.token) =>
    s.api.users.update(w.users[who].id, { smsLine }, { as });

  it('stores a formatted number in E.164, clears it with null, and audits each change with before and after', async () => {
    const w = await s.world(ACME_AND_GLOBEX);
    expect(expectStatus(await setLine(w, 'ben', ' +1 (555) 123-4567 '), 200).user).toMatchObject({ id: w.users.ben.id, smsLine: '+15551234567' });
    expect(expectStatus(await setLine(w, 'ben', '+1.555.123.4567'), 200).user.smsLine).toBe('+15551234567');
    expect(expectStatus(await setLine(w, 'ben', null), 200).user.smsLine).toBeNull();
    const row = await s.db.selectFrom('users').select('sms_line').where('id', '=', w.users.ben.id).executeTakeFirstOrThrow();
    expect(row.sms_line).toBeNull();
    const log = await s.db.selectFrom('audit_log').select(['action', 'actor_id', 'target_id', 'before', 'after']).where('org_id', '=', w.orgs.acme)
      .where('action', '=', 'user.smsLine.change').orderBy('seq').execute();
    // The second PATCH is the same line written differently: no change, no entry.
    expect(log).toEqual([
      { action: 'user.smsLine.change', actor_id: w.users.ada.id, target_id: w.users.ben.id, before: { smsLine: null }, after: { smsLine: '+15551234567' } },
      { action: 'user.smsLine.change', actor_id: w.users.ada.id, target_id: w.users.ben.id, before: { smsLine: '+15551234567' }, after: { smsLine: null } },
    ]);
  });

  it.each([
    ['no plus sign', '15551234567'], ['letters', '+1 555 CALL NOW'], ['too short', '+123456'], ['too long', '+1234567890123456'],
    ['a leading zero', '+05551234567'], ['an empty string', ''], ['a number', 15551234567], ['an extension', '+15551234567 x12'],
  ])('refuses %s with 400 and changes nothing', async (_l, smsLine) => {
    const w = await s.world(ACME_AND_GLOBEX);
    expect(outcome(await setLine(w, 'ben', smsLine))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    const row = await s.db.selectFrom('users').select('sms_line').where('id', '=', w.users.ben.id).executeTakeFirstOrThrow();
    expect(row.sms_line).toBeNull();
  });

  it('refuses a line another user of the org has (compared by digits, even as stored before E.164) with 409; the same user may keep it', async () => {
    const w = await s.world(ACME_AND_GLOBEX);
    expectStatus(await setLine(w, 'ben', '+15551234567'), 200);
    expect(outcome(await setLine(w, 'cat', '+1 555 123 4567'))).toEqual(TAKEN);
    // Even a deactivated user's line is theirs: a reply to it still finds them (docs/permissions.md).
    expect(outcome(await setLine(w, 'dee', '+15551234567'))).toEqual(TAKEN);
    expectStatus(await setLine(w, 'ben', '+1 555 123 4567'), 200);
    await s.db.updateTable('users').set({ sms_line: '+44 20 7946 0000' }).where('id', '=', w.users.dee.id).execute();
    expect(outcome(await setLine(w, 'cat', '+442079460000'))).toEqual(TAKEN);
    const cat = await s.db.selectFrom('users').select('sms_line').where('id', '=', w.users.cat.id).executeTakeFirstOrThrow();
    expect(cat.sms_line).toBeNull();
    // Freed, the line can be given to someone else; another org's users have their own lines.
    expectStatus(await setLine(w, 'ben', null), 200);
    expect(expectStatus(await setLine(w, 'cat', '+15551234567'), 200).user.smsLine).toBe('+15551234567');
    expect(expectStatus(await s.api.users.update(w.users.pia.id, { smsLine: '+15551234567' }, { as: w.users.oz.token }), 200).user.smsLine).toBe('+15551234567');
  });

  it('gives one line to one of two users set at the same moment', async () => {
    const w = await s.world(ACME_AND_GLOBEX);
    const answers = await Promise.all([setLine(w, 'ben', '+15550001111'), setLine(w, 'cat', '+15550001111')]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const rows = await s.db.selectFrom('users').select('id').where('org_id', '=', w.orgs.acme).where('sms_line', '=', '+15550001111').execute();
    expect(rows).toHaveLength(1);
  });

  it('is an admin\'s change: a member 403, another org\'s user 404, a deactivated admin and anonymous 401', async () => {
    const w = await s.world(ACME_AND_GLOBEX);
    expect(outcome(await setLine(w, 'ben', '+15551234567', w.users.ben.token))).toEqual(ADMIN_ONLY);
    expect(outcome(await setLine(w, 'ben', '+15551234567', w.users.dee.token))).toEqual(AUTH);
    expect(outcome(await s.api.users.update(w.users.ben.id, { smsLine: '+15551234567' }))).toEqual(AUTH);
    expect(outcome(await setLine(w, 'pia', '+15551234567'))).toEqual(NOT_FOUND);
    const rows = await s.db.selectFrom('users').select('id').where('org_id', 'in', [w.orgs.acme, w.orgs.globex]).where('sms_line', 'is not', null).execute();
    expect(rows).toEqual([]);
  });

  it('is shown to admins and to the user themself; a member sees colleagues without it', async () => {
    const w = await s.world(ACME_AND_GLOBEX);
    expectStatus(await setLine(w, 'ben', '+15551234567'), 200);
    expectStatus(await setLine(w, 'cat', '+15557654321'), 200);
    const byAdmin = expectStatus(await s.api.users.list({ as: w.users.ada.token }), 200).items;
    expect(byAdmin.map((u) => [u.name, u.smsLine])).toEqual([['Ada', null], ['Ben', '+15551234567'], ['Cat', '+15557654321'], ['Dee', null]]);
    const byBen = expectStatus(await s.api.users.list({ as: w.users.ben.token }), 200).items;
    expect(byBen.find((u) => u.id === w.users.ben.id)?.smsLine).toBe('+15551234567');
    for (const other of byBen.filter((u) => u.id !== w.users.ben.id)) expect(other).not.toHaveProperty('smsLine');
    expect(expectStatus(await s.api.me({ as: w.users.ben.token }), 200).user.smsLine).toBe('+15551234567');
  });

  it('routes an SMS reply to the line set here to the owner\'s contact', async () => {
    const w = await s.world(ACME_AND_GLOBEX);
    expectStatus(await setLine(w, 'ben', '+1 555 010 0001'), 200);
    const zoe = expectStatus(await s.api.contacts.create({ name: 'Zoe', phones: ['+1 555 010 7777'] }, { as: w.users.ben.token }), 201).contact;
    const secret = expectStatus(await s.api.org.settings({ as: w.users.ada.token }), 200).inboundSecret as string;
    const raw = JSON.stringify({ from: '+15550107777', to: '+15550100001', body: 'On my way' });
    const seconds = Math.floor(s.clock.now() / 1000);
    const signature = `t=${seconds},v1=${createHmac('sha256', secret).update(`${seconds}.${raw}`).digest('hex')}`;
    const res = await s.app.inject({
      method: 'POST', url: `/api/v1/inbound/${w.orgs.acme}/sms`, payload: raw,
      headers: { 'content-type': 'application/json', 'tandem-signature': signature },
    });
    expect(JSON.parse(res.body)).toEqual({ outcome: 'appended' });
    expect(expectStatus(await s.api.history.list(zoe.id, { as: w.users.ben.token }), 200).items.map((i) => i.body)).toEqual(['On my way']);
  });
});
