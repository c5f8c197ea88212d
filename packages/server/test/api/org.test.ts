// GET/PATCH /org/settings (the three switches) and PATCH /org (branding and billing).
import { describe, expect, it } from 'vitest';
import { expectStatus, outcome } from './support/api-client.ts';
import { useTestApp } from './support/test-app.ts';
import { ACME_AND_GLOBEX, type AcmeAndGlobex } from './support/world-builder.ts';

const t = useTestApp();
const { api } = t;

const ADMIN_ONLY = { status: 403, code: 'TANDEM_ACCESS_ADMIN_ONLY' };
const AUTH = { status: 401, code: 'TANDEM_AUTH_REQUIRED' };
const INVALID = { status: 400, code: 'TANDEM_INPUT_INVALID' };
const DEFAULTS = { exportEnabled: false, shareAllContacts: false, membersCanArchiveDeleteShared: false };
/** Admins also see the org's inbound secret (inbound.test.ts tests it); members never do. */
const SECRET = { inboundSecret: expect.stringMatching(/^whsec_[\w-]{43}$/) };
const ADMIN_DEFAULTS = { ...DEFAULTS, ...SECRET };
const refusedCallers: [string, (w: AcmeAndGlobex) => string | undefined, { status: number; code: string }][] = [
  ['a member', (w) => w.users.ben.token, ADMIN_ONLY],
  ['a deactivated user', (w) => w.users.dee.token, AUTH],
  ['anonymous', () => undefined, AUTH],
];

describe('GET /org/settings', () => {
  it.each([['an admin', 'ada', ADMIN_DEFAULTS], ['a member', 'ben', DEFAULTS]] as const)('shows the switches, all off by default, to %s', async (_l, who, expected) => {
    const w = await t.world(ACME_AND_GLOBEX);
    const res = expectStatus(await api.org.settings({ as: w.users[who].token }), 200);
    expect(res).toEqual(expected);
  });

  it.each([['a deactivated user', (w: AcmeAndGlobex) => w.users.dee.token], ['anonymous', () => undefined]])('refuses %s with 401', async (_l, as) => {
    const w = await t.world(ACME_AND_GLOBEX);
    expect(outcome(await api.org.settings({ as: as(w) }))).toEqual(AUTH);
  });
});

describe('PATCH /org/settings', () => {
  it('lets an admin flip any of the switches; the others keep their values', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    const res = expectStatus(await api.org.updateSettings({ shareAllContacts: true }, { as: w.users.ada.token }), 200);
    expect(res).toEqual({ ...ADMIN_DEFAULTS, shareAllContacts: true });
    const both = await api.org.updateSettings({ exportEnabled: true, membersCanArchiveDeleteShared: true }, { as: w.users.ada.token });
    expect(both.body).toEqual({ exportEnabled: true, shareAllContacts: true, membersCanArchiveDeleteShared: true, ...SECRET });
    expect((await api.org.settings({ as: w.users.ben.token })).body).toEqual({ exportEnabled: true, shareAllContacts: true, membersCanArchiveDeleteShared: true });
  });

  it('changes only the caller’s org', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    await api.org.updateSettings({ exportEnabled: true }, { as: w.users.oz.token });
    expect((await api.org.settings({ as: w.users.ben.token })).body).toEqual(DEFAULTS);
    expect(expectStatus(await api.org.settings({ as: w.users.pia.token }), 200).exportEnabled).toBe(true);
  });

  it.each(refusedCallers)('refuses %s and changes nothing', async (_l, as, expected) => {
    const w = await t.world(ACME_AND_GLOBEX);
    expect(outcome(await api.org.updateSettings({ shareAllContacts: true }, { as: as(w) }))).toEqual(expected);
    expect((await api.org.settings({ as: w.users.ada.token })).body).toEqual(ADMIN_DEFAULTS);
  });

  it.each([[{}], [{ shareAllContacts: 'yes' }], [{ shareAllContacts: true, exportAll: true }]])('refuses %j with 400 and changes nothing', async (body) => {
    const w = await t.world(ACME_AND_GLOBEX);
    expect(outcome(await api.org.updateSettings(body, { as: w.users.ada.token }))).toEqual(INVALID);
    expect((await api.org.settings({ as: w.users.ada.token })).body).toEqual(ADMIN_DEFAULTS);
  });

  it('audits each change with the switches before and after; a no-op is not audited', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    t.clock.set('2026-02-01T10:00:00Z');
    await api.org.updateSettings({ exportEnabled: true, shareAllContacts: false }, { as: w.users.ada.token });
    await api.org.updateSettings({ exportEnabled: true }, { as: w.users.ada.token });
    const items = expectStatus(await api.audit.list({ as: w.users.ada.token }), 200).items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      action: 'org.settings.change', actorId: w.users.ada.id, actorName: 'Ada', at: '2026-02-01T10:00:00.000Z', targetType: 'org', targetId: w.orgs.acme,
      before: { exportEnabled: false }, after: { exportEnabled: true },
    });
  });
});

describe('PATCH /org', () => {
  it('lets an admin change name and accent colour (stored lower-case) and billing details', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    const res = expectStatus(await api.org.update({ name: 'Acme Corp', accentColor: '#FF8800', billing: { contactName: 'Ada', email: 'billing@acme.test', address: '1 Road', vatId: 'GB123' } }, { as: w.users.ada.token }), 200);
    expect(res.org).toEqual({ id: w.orgs.acme, name: 'Acme Corp', accentColor: '#ff8800', billing: { contactName: 'Ada', email: 'billing@acme.test', address: '1 Road', vatId: 'GB123' } });
    expect(expectStatus(await api.me({ as: w.users.ada.token }), 200).org).toEqual(res.org);
    expect(expectStatus(await api.me({ as: w.users.ben.token }), 200).org).toEqual({ id: w.orgs.acme, name: 'Acme Corp', accentColor: '#ff8800', billing: null });
  });

  it('merges billing field by field; null clears a field', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    await api.org.update({ billing: { contactName: 'Ada', vatId: 'GB1' } }, { as: w.users.ada.token });
    const res = await api.org.update({ billing: { vatId: null, address: 'Here' } }, { as: w.users.ada.token });
    expect(expectStatus(res, 200).org.billing).toEqual({ contactName: 'Ada', email: null, address: 'Here', vatId: null });
  });

  it.each(refusedCallers)('refuses %s and changes nothing', async (_l, as, expected) => {
    const w = await t.world(ACME_AND_GLOBEX);
    expect(outcome(await api.org.update({ name: 'Hacked' }, { as: as(w) }))).toEqual(expected);
    expect(expectStatus(await api.me({ as: w.users.ada.token }), 200).org.name).toBe('Acme');
  });

  it.each([
    ['a colour name', { accentColor: 'red' }],
    ['a 3-digit colour', { accentColor: '#f80' }],
    ['a colour without #', { accentColor: 'ff8800' }],
    ['an empty name', { name: ' ' }],
    ['a malformed billing e-mail', { billing: { email: 'nope' } }],
    ['an unknown billing field', { billing: { iban: 'X' } }],
    ['an empty body', {}],
  ])('refuses %s with 400 and changes nothing', async (_l, body) => {
    const w = await t.world(ACME_AND_GLOBEX);
    expect(outcome(await api.org.update(body, { as: w.users.ada.token }))).toEqual(INVALID);
    expect(expectStatus(await api.me({ as: w.users.ada.token }), 200).org).toMatchObject({ name: 'Acme', accentColor: '#4f46e5' });
  });

  it('audits the changed fields only', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    await api.org.update({ name: 'Acme', accentColor: '#000000' }, { as: w.users.ada.token });
    const [entry] = expectStatus(await api.audit.list({ as: w.users.ada.token }), 200).items;
    expect(entry).toMatchObject({ action: 'org.branding.change', targetId: w.orgs.acme, before: { accentColor: '#4f46e5' }, after: { accentColor: '#000000' } });
    expect(Object.keys(entry?.after as object)).toEqual(['accentColor']);
  });
});
