// Spec §11, worked example 6, through the API on both databases: "Contact data export is off: Ben cannot export even
// his own contacts; Ada can. Ada turns it on and gives Ben channels csv and vcard: Ben exports his contacts and those he
// can view, as CSV or vCard, not as XLSX and not through the API." The files are read back by csv-parse and ical.js.
// Org Acme: admin Ada; members Ben, Cat, Dan; team Sales = {Ben, Cat}. Share all contacts is on, so Ben also sees
// Dan's unshared contact at `profile`: listed, never exported (export needs `view`).
import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../support/databases.ts';
import { expectStatus, outcome } from './support/api-client.ts';
import { useTestApp, type TestHandle } from './support/test-app.ts';
import type { TestUser } from './support/world-builder.ts';

async function download(t: TestHandle, as: string, format: string): Promise<{ status: number; code?: string; text: string }> {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/contacts/export', query: { format }, headers: { authorization: `Bearer ${as}` } });
  const text = res.rawPayload.toString('utf8');
  return res.statusCode === 200 ? { status: 200, text } : { status: res.statusCode, code: (JSON.parse(text) as { code: string }).code, text };
}

/** The Name column of a CSV export (csv-parse), header checked. */
function csvNames(text: string): string[] {
  const records = parseCsv(text, { bom: true }) as string[][];
  expect(records[0]?.[0]).toBe('Name');
  return records.slice(1).map((r) => r[0] ?? '');
}

/** The FN of each card of a vCard export (ical.js). */
function vcardNames(text: string): string[] {
  if (text === '') return [];
  const parsed = ICAL.parse(text) as unknown[];
  const cards = (typeof parsed[0] === 'string' ? [parsed] : parsed) as unknown[][];
  return cards.map((jcard) => String(new ICAL.Component(jcard).getFirstPropertyValue('fn')));
}

describe.each(DATABASE_KINDS)('spec §11 worked example 6 (contact data export) on %s', (kind) => {
  const t = useTestApp({ db: kind });
  const { api } = t;

  async function acme() {
    const w = await t.world({
      orgs: { acme: { shareAllContacts: true } },
      users: { ada: { role: 'admin' }, ben: { exportChannels: ['api'] }, cat: {}, dan: {} },
      teams: { sales: { members: ['ben', 'cat'] } },
      contacts: {
        zoe: { owner: 'ben', name: 'Zoe Ben-Own' }, yan: { owner: 'ben', name: 'Yan Ben-Own', state: 'archived' },
        carla: { owner: 'cat', name: 'Carla Shared-View' }, cleo: { owner: 'cat', name: 'Cleo Team-Edit' },
        cora: { owner: 'cat', name: 'Cora Cat-Only' }, dora: { owner: 'dan', name: 'Dora Dan-Only' }, amy: { owner: 'ada', name: 'Amy Ada-Own' },
      },
      shares: [{ contact: 'carla', user: 'ben', level: 'view' }, { contact: 'cleo', team: 'sales', level: 'edit' }],
    });
    return w;
  }

  it('export off: Ben cannot export even his own contacts (nor use his token), Ada can; on with csv + vcard: his and those he views, as CSV or vCard, not XLSX, not the API', async () => {
    const w = await acme();
    const { ada, ben } = w.users as Record<'ada' | 'ben' | 'cat' | 'dan', TestUser>;
    // Before the example: the switch was on and Ben had the `api` channel, so he holds a working API token.
    await api.org.updateSettings({ exportEnabled: true }, { as: ada.token });
    const apiToken = expectStatus(await api.tokens.create({ name: 'script' }, { as: ben.token }), 201).token;
    expect((await api.me({ as: apiToken })).status).toBe(200);

    // "Contact data export is off."
    await api.org.updateSettings({ exportEnabled: false }, { as: ada.token });
    // Ben sees his own Zoe at owner, and Dora at profile (share all), but exports nothing, in no format.
    const benList = expectStatus(await api.contacts.list({ as: ben.token }), 200).items.map((c) => [c.name, c.access.level]);
    expect(benList).toEqual(expect.arrayContaining([['Zoe Ben-Own', 'owner'], ['Dora Dan-Only', 'profile']]));
    for (const format of ['csv', 'xlsx', 'vcard']) {
      expect(await download(t, ben.token, format), format).toMatchObject({ status: 403, code: 'TANDEM_EXPORT_DISABLED' });
    }
    // Not through the API either: his token stops at once, and he cannot make a new one.
    expect(outcome(await api.me({ as: apiToken }))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
    expect(outcome(await api.tokens.create({ name: 'again' }, { as: ben.token }))).toEqual({ status: 403, code: 'TANDEM_EXPORT_CHANNEL_FORBIDDEN' });
    // Ada can, in every format: the contacts she may view (her own; an admin sees the members' at profile, example 1).
    for (const format of ['csv', 'xlsx', 'vcard']) expect((await download(t, ada.token, format)).status, format).toBe(200);
    expect(csvNames((await download(t, ada.token, 'csv')).text)).toEqual(['Amy Ada-Own']);

    // "Ada turns it on and gives Ben channels csv and vcard."
    expectStatus(await api.org.updateSettings({ exportEnabled: true }, { as: ada.token }), 200);
    expect(expectStatus(await api.users.update(ben.id, { exportChannels: ['csv', 'vcard'] }, { as: ada.token }), 200).user).toMatchObject({ exportChannels: ['csv', 'vcard'] });

    // Ben exports his contacts and those he can view (a user share at view, a team share at edit), not Cat's own nor
    // Dora, whom he sees only at profile; the archive with archived=true, as the list.
    const mine = ['Carla Shared-View', 'Cleo Team-Edit', 'Zoe Ben-Own'];
    const csv = await download(t, ben.token, 'csv');
    expect(csv.status).toBe(200);
    expect(csvNames(csv.text)).toEqual(mine);
    const vcard = await download(t, ben.token, 'vcard');
    expect(vcard.status).toBe(200);
    expect(vcardNames(vcard.text)).toEqual(mine);
    const archived = await t.app.inject({ method: 'GET', url: '/api/v1/contacts/export', query: { format: 'csv', archived: 'true' }, headers: { authorization: `Bearer ${ben.token}` } });
    expect(csvNames(archived.rawPayload.toString('utf8'))).toEqual(['Yan Ben-Own']);

    // Not as XLSX, and not through the API: no new token, and the old one stays stopped.
    expect(await download(t, ben.token, 'xlsx')).toMatchObject({ status: 403, code: 'TANDEM_EXPORT_CHANNEL_BLOCKED' });
    expect(outcome(await api.tokens.create({ name: 'again' }, { as: ben.token }))).toEqual({ status: 403, code: 'TANDEM_EXPORT_CHANNEL_FORBIDDEN' });
    expect(outcome(await api.me({ as: apiToken }))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
    expect(outcome(await api.contacts.list({ as: apiToken }))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });

    // Every export that ran is audited with its channel and row count; the refusals are not.
    const audits = await t.db.selectFrom('audit_log').select(['actor_id', 'after']).where('org_id', '=', w.orgId).where('action', '=', 'contact.export').orderBy('seq').execute();
    expect(audits.map((a) => [a.actor_id, (a.after as { channel: string; rows: number }).channel, (a.after as { rows: number }).rows])).toEqual([
      [ada.id, 'csv', 1], [ada.id, 'xlsx', 1], [ada.id, 'vcard', 1], [ada.id, 'csv', 1], [ben.id, 'csv', 3], [ben.id, 'vcard', 3], [ben.id, 'csv', 1],
    ]);
  });
});
