// GET/PATCH /org/settings (the three switches) and PATCH /org (branding and billing).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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

const ADMIN_ONLY = { status: 403, code: 'TANDEM_ACCESS_ADMIN_ONLY' };
const AUTH = { status: 401, code: 'TANDEM_AUTH_REQUIRED' };
const INVALID = { status: 400, code: 'TANDEM_INPUT_INVALID' };
const DEFAULTS = { exportEnabled: false, shareAllContacts: false, membersCanArchiveDeleteShared: false };
const refusedCallers: [string, (w: World) => string | undefined, { status: number; code: string }][] = [
  ['a member', (w) => w.ben.token, ADMIN_ONLY],
  ['a deactivated user', (w) => w.dee.token, AUTH],
  ['anonymous', () => undefined, AUTH],
];

describe('GET /org/settings', () => {
  it.each([['an admin', 'ada'], ['a member', 'ben']] as const)('shows the switches, all off by default, to %s', async (_l, who) => {
    const w = await buildWorld(t);
    const res = await c.getSettings({ as: w[who].token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(DEFAULTS);
  });

  it.each([['a deactivated user', (w: World) => w.dee.token], ['anonymous', () => undefined]])('refuses %s with 401', async (_l, as) => {
    const w = await buildWorld(t);
    expect(outcome(await c.getSettings({ as: as(w) }))).toEqual(AUTH);
  });
});

describe('PATCH /org/settings', () => {
  it('lets an admin flip any of the switches; the others keep their values', async () => {
    const w = await buildWorld(t);
    const res = await c.updateSettings({ shareAllContacts: true }, { as: w.ada.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...DEFAULTS, shareAllContacts: true });
    const both = await c.updateSettings({ exportEnabled: true, membersCanArchiveDeleteShared: true }, { as: w.ada.token });
    expect(both.body).toEqual({ exportEnabled: true, shareAllContacts: true, membersCanArchiveDeleteShared: true });
    expect((await c.getSettings({ as: w.ben.token })).body).toEqual(both.body);
  });

  it('changes only the caller’s org', async () => {
    const w = await buildWorld(t);
    await c.updateSettings({ exportEnabled: true }, { as: w.oz.token });
    expect((await c.getSettings({ as: w.ben.token })).body).toEqual(DEFAULTS);
    expect((await c.getSettings({ as: w.pia.token })).body.exportEnabled).toBe(true);
  });

  it.each(refusedCallers)('refuses %s and changes nothing', async (_l, as, expected) => {
    const w = await buildWorld(t);
    expect(outcome(await c.updateSettings({ shareAllContacts: true }, { as: as(w) }))).toEqual(expected);
    expect((await c.getSettings({ as: w.ada.token })).body).toEqual(DEFAULTS);
  });

  it.each([[{}], [{ shareAllContacts: 'yes' }], [{ shareAllContacts: true, exportAll: true }]])('refuses %j with 400 and changes nothing', async (body) => {
    const w = await buildWorld(t);
    expect(outcome(await c.updateSettings(body, { as: w.ada.token }))).toEqual(INVALID);
    expect((await c.getSettings({ as: w.ada.token })).body).toEqual(DEFAULTS);
  });

  it('audits each change with the switches before and after; a no-op is not audited', async () => {
    const w = await buildWorld(t);
    t.clock.set('2026-02-01T10:00:00Z');
    await c.updateSettings({ exportEnabled: true, shareAllContacts: false }, { as: w.ada.token });
    await c.updateSettings({ exportEnabled: true }, { as: w.ada.token });
    const items = (await c.listAudit({ as: w.ada.token })).body.items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      action: 'org.settings.change', actorId: w.ada.id, actorName: 'Ada', at: '2026-02-01T10:00:00.000Z', targetType: 'org', targetId: w.acme,
      before: { exportEnabled: false }, after: { exportEnabled: true },
    });
  });
});

describe('PATCH /org', () => {
  it('lets an admin change name and accent colour (stored lower-case) and billing details', async () => {
    const w = await buildWorld(t);
    const res = await c.updateOrg({ name: 'Acme Corp', accentColor: '#FF8800', billing: { contactName: 'Ada', email: 'billing@acme.test', address: '1 Road', vatId: 'GB123' } }, { as: w.ada.token });
    expect(res.status).toBe(200);
    expect(res.body.org).toEqual({ id: w.acme, name: 'Acme Corp', accentColor: '#ff8800', billing: { contactName: 'Ada', email: 'billing@acme.test', address: '1 Road', vatId: 'GB123' } });
    expect((await c.me({ as: w.ada.token })).body.org).toEqual(res.body.org);
    expect((await c.me({ as: w.ben.token })).body.org).toEqual({ id: w.acme, name: 'Acme Corp', accentColor: '#ff8800', billing: null });
  });

  it('merges billing field by field; null clears a field', async () => {
    const w = await buildWorld(t);
    await c.updateOrg({ billing: { contactName: 'Ada', vatId: 'GB1' } }, { as: w.ada.token });
    const res = await c.updateOrg({ billing: { vatId: null, address: 'Here' } }, { as: w.ada.token });
    expect(res.body.org.billing).toEqual({ contactName: 'Ada', email: null, address: 'Here', vatId: null });
  });

  it.each(refusedCallers)('refuses %s and changes nothing', async (_l, as, expected) => {
    const w = await buildWorld(t);
    expect(outcome(await c.updateOrg({ name: 'Hacked' }, { as: as(w) }))).toEqual(expected);
    expect((await c.me({ as: w.ada.token })).body.org.name).toBe('Acme');
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
    const w = await buildWorld(t);
    expect(outcome(await c.updateOrg(body, { as: w.ada.token }))).toEqual(INVALID);
    expect((await c.me({ as: w.ada.token })).body.org).toMatchObject({ name: 'Acme', accentColor: '#4f46e5' });
  });

  it('audits the changed fields only', async () => {
    const w = await buildWorld(t);
    await c.updateOrg({ name: 'Acme', accentColor: '#000000' }, { as: w.ada.token });
    const [entry] = (await c.listAudit({ as: w.ada.token })).body.items;
    expect(entry).toMatchObject({ action: 'org.branding.change', targetId: w.acme, before: { accentColor: '#4f46e5' }, after: { accentColor: '#000000' } });
    expect(Object.keys(entry.after)).toEqual(['accentColor']);
  });
});
