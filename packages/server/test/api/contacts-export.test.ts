// GET /contacts/export (spec §9, api.md "Export", D35): the gate in every combination, each format read back by an
// independent parser (csv-parse, exceljs's reader, ical.js for vCard), formula injection, non-ASCII names, the
// list's filters, the audit entry, and that nothing below `view` is ever exported.
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../support/databases.ts';
import { expectStatus } from './support/api-client.ts';
import { useTestApp, type TestHandle } from './support/test-app.ts';
import type { TestUser } from './support/world-builder.ts';

const FORMATS = ['csv', 'xlsx', 'vcard'] as const;
type Format = (typeof FORMATS)[number];
type Download = { status: number; headers: Record<string, unknown>; bytes: Buffer; code?: string };

async function download(t: TestHandle, as: TestUser, query: Record<string, string>): Promise<Download> {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/contacts/export', query, headers: { authorization: `Bearer ${as.token}` } });
  const bytes = res.rawPayload;
  const code = /json/.test(String(res.headers['content-type'])) ? (JSON.parse(bytes.toString('utf8')) as { code?: string }).code : undefined;
  return { status: res.statusCode, headers: res.headers, bytes, ...(code ? { code } : {}) };
}

/** The rows of a file by any parser, as [name, company, title, emails, phones, tags, address, owner] strings. */
type Row = { name: string; company: string; title: string; emails: string[]; phones: string[]; tags: string[]; address: string; owner: string };

function csvRows(bytes: Buffer): Row[] {
  const records = parseCsv(bytes, { bom: true }) as string[][];
  expect(records[0]).toEqual(['Name', 'Company', 'Title', 'Emails', 'Phones', 'Tags', 'Address', 'Owner', 'Created', 'Updated']);
  return records.slice(1).map(sheetRow);
}

function sheetRow(cells: string[]): Row {
  const list = (s: string | undefined) => (s ? s.split('; ') : []);
  const [name = '', company = '', title = '', emails, phones, tags, address = '', owner = ''] = cells;
  return { name, company, title, emails: list(emails), phones: list(phones), tags: list(tags), address, owner };
}

async function xlsxRows(bytes: Buffer): Promise<Row[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('Contacts');
  if (!sheet) throw new Error('no Contacts sheet');
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const values = row.values as unknown[];
    rows.push(Array.from({ length: 10 }, (_, i) => {
      const v = values[i + 1];
      if (v === undefined || v === null) return '';
      if (typeof v !== 'string') throw new Error(`a cell that is not a string: ${JSON.stringify(v)}`);
      return v;
    }));
  });
  expect(rows[0]).toEqual(['Name', 'Company', 'Title', 'Emails', 'Phones', 'Tags', 'Address', 'Owner', 'Created', 'Updated']);
  return rows.slice(1).map(sheetRow);
}

function vcards(bytes: Buffer): ICAL.Component[] {
  const text = bytes.toString('utf8');
  if (text === '') return [];
  const parsed = ICAL.parse(text) as unknown[];
  const list = (typeof parsed[0] === 'string' ? [parsed] : parsed) as unknown[][];
  return list.map((j) => new ICAL.Component(j));
}

function vcardRows(bytes: Buffer): Row[] {
  return vcards(bytes).map((card) => {
    const str = (name: string) => String(card.getFirstPropertyValue(name) ?? '');
    const adr = card.getFirstPropertyValue('adr') as unknown;
    const categories = card.getFirstProperty('categories')?.getValues() ?? [];
    return {
      name: str('fn'), company: str('org'), title: str('title'),
      emails: card.getAllProperties('email').map((p) => String(p.getFirstValue())),
      phones: card.getAllProperties('tel').map((p) => String(p.getFirstValue())),
      tags: categories.map(String), address: Array.isArray(adr) ? String(adr[2] ?? '') : '', owner: '',
    };
  });
}

async function rowsOf(format: Format, bytes: Buffer): Promise<Row[]> {
  if (format === 'csv') return csvRows(bytes);
  if (format === 'xlsx') return xlsxRows(bytes);
  return vcardRows(bytes);
}

const names = async (format: Format, bytes: Buffer) => (await rowsOf(format, bytes)).map((r) => r.name);

describe.each(DATABASE_KINDS)('GET /contacts/export on %s', (kind) => {
  const t = useTestApp({ db: kind });

  it('lets through exactly admins, and members with the switch on and the channel theirs; the two refusals differ', async () => {
    const w = await t.world({
      orgs: { on: { exportEnabled: true }, off: {} },
      users: {
        onAdmin: { org: 'on', role: 'admin' }, onIn: { org: 'on', exportChannels: ['csv', 'xlsx', 'vcard'] }, onOut: { org: 'on', exportChannels: ['api', 'mailchimp_sync'] },
        offAdmin: { org: 'off', role: 'admin' }, offIn: { org: 'off', exportChannels: ['csv', 'xlsx', 'vcard'] }, offOut: { org: 'off' },
      },
      contacts: { a: { owner: 'onIn', name: 'Ann' }, b: { owner: 'offIn', name: 'Bob' } },
    });
    const u = w.users;
    const expected: [TestUser, number, string | undefined][] = [
      [u.onAdmin, 200, undefined], [u.onIn, 200, undefined], [u.onOut, 403, 'TANDEM_EXPORT_CHANNEL_BLOCKED'],
      [u.offAdmin, 200, undefined], [u.offIn, 403, 'TANDEM_EXPORT_DISABLED'], [u.offOut, 403, 'TANDEM_EXPORT_DISABLED'],
    ];
    for (const format of FORMATS) {
      for (const [user, status, code] of expected) {
        const res = await download(t, user, { format });
        expect([res.status, res.code], `${user.name} ${format}`).toEqual([status, code]);
      }
    }
    // One channel does not open another.
    await t.db.updateTable('users').set({ export_channels: ['csv'] }).where('id', '=', u.onOut.id).execute();
    expect((await download(t, u.onOut, { format: 'csv' })).status).toBe(200);
    for (const format of ['xlsx', 'vcard']) expect((await download(t, u.onOut, { format })).code).toBe('TANDEM_EXPORT_CHANNEL_BLOCKED');
    // A refusal is audited nowhere and answers before any file; a format outside the three is a 400.
    expect((await download(t, u.onIn, { format: 'pdf' })).status).toBe(400);
    expect((await download(t, u.onIn, { format: 'api' })).status).toBe(400);
  });

  it('writes each format with its type and name, read back by independent parsers, non-ASCII and separators kept', async () => {
    const w = await t.world({ orgs: { acme: { exportEnabled: true } }, users: { ben: { exportChannels: ['csv', 'xlsx', 'vcard'] } } });
    const { ben } = w.users;
    const full = {
      name: 'Zoë Ångström-Łukasz', company: 'Crème, Brûlée; & Co "Ltd"', title: 'Directrice\\Ops', emails: ['zoe@example.test', 'z@example.test'],
      phones: ['555 0100', '(555) 0101'], tags: ['vip', 'café'], address: '1 Rue de la Paix\n75002 Paris',
    };
    expectStatus(await t.api.contacts.create(full, { as: ben.token }), 201);
    expectStatus(await t.api.contacts.create({ name: '山田 太郎' }, { as: ben.token }), 201);
    const long = 'Maximilian '.repeat(12).trim();
    expectStatus(await t.api.contacts.create({ name: long, company: 'ü'.repeat(60) }, { as: ben.token }), 201);
    for (const format of FORMATS) {
      const res = await download(t, ben, { format });
      expect(res.status).toBe(200);
      const ext = format === 'vcard' ? 'vcf' : format;
      expect(res.headers['content-disposition']).toBe(`attachment; filename="contacts-2026-01-05.${ext}"`);
      expect(String(res.headers['content-type'])).toBe({
        csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', vcard: 'text/vcard; charset=utf-8',
      }[format]);
      const rows = await rowsOf(format, res.bytes);
      // The ICU root collation: Latin before Han.
      expect(rows.map((r) => r.name), format).toEqual([long, full.name, '山田 太郎']);
      const zoe = rows[1];
      expect(zoe, format).toEqual({
        name: full.name, company: full.company, title: full.title, emails: full.emails, phones: full.phones, tags: full.tags,
        address: full.address, owner: format === 'vcard' ? '' : 'Ben',
      });
      expect(rows[0]?.company).toBe('ü'.repeat(60));
    }
  });

  it('folds vCard lines at 75 octets without splitting a character, and writes 4.0 cards with N, UID and CRLF', async () => {
    const w = await t.world({ users: { ada: { role: 'admin' } } });
    const { ada } = w.users;
    const zoe = expectStatus(await t.api.contacts.create({ name: 'Zoë van der Berg', company: 'é'.repeat(80) }, { as: ada.token }), 201).contact;
    const text = (await download(t, ada, { format: 'vcard' })).bytes.toString('utf8');
    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    expect(lines.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(0);
    expect(lines.slice(0, 2)).toEqual(['BEGIN:VCARD', 'VERSION:4.0']);
    const [card] = vcards(Buffer.from(text));
    expect(card?.getFirstPropertyValue('uid')).toBe(`urn:uuid:${zoe.id}`);
    expect(card?.getFirstPropertyValue('n')).toEqual(['Berg', 'Zoë van der', '', '', '']);
    expect(card?.getFirstPropertyValue('org')).toBe('é'.repeat(80));
  });

  it('neutralises formulas in CSV cells (= + - @ tab CR) with an apostrophe; XLSX keeps them as plain strings', async () => {
    const w = await t.world({ users: { ada: { role: 'admin' } } });
    const { ada } = w.users;
    const evil = ['=HYPERLINK("http://evil.test","x")', '+1+1', '-2+3', '@SUM(A1)', '\tTab', '\rCR'];
    for (const [i, company] of evil.entries()) {
      const made = expectStatus(await t.api.contacts.create({ name: `Evil ${i}`, company: `x${company}`, title: 'safe =not at start' }, { as: ada.token }), 201).contact;
      // The API trims text (a leading tab or CR never gets in through it), so the cell goes straight in the table, as
      // any other writer could put it.
      await t.db.updateTable('contacts').set({ company }).where('id', '=', made.id).execute();
    }
    expectStatus(await t.api.contacts.create({ name: '=cmd|calc', phones: ['+15550100'], tags: ['-x'] }, { as: ada.token }), 201);
    const csv = csvRows((await download(t, ada, { format: 'csv' })).bytes);
    expect(csv.map((r) => r.company).slice(1)).toEqual(evil.map((e) => `'${e}`));
    expect(csv.map((r) => r.title).slice(1)).toEqual(evil.map(() => 'safe =not at start'));
    expect(csv[0]).toMatchObject({ name: "'=cmd|calc", phones: ["'+15550100"], tags: ["'-x"] });
    const xlsx = await xlsxRows((await download(t, ada, { format: 'xlsx' })).bytes);
    // Exact, the carriage return included (written as &#13;, which an XML parser keeps; a raw CR would read back as LF).
    expect(xlsx.map((r) => r.company).slice(1)).toEqual(evil);
    expect(xlsx[0]?.name).toBe('=cmd|calc');
  });

  it('starts a CSV with a byte order mark only when asked', async () => {
    const w = await t.world({ users: { ada: { role: 'admin' } }, contacts: { z: { owner: 'ada', name: 'Zoé' } } });
    const plain = (await download(t, w.users.ada, { format: 'csv' })).bytes;
    const bom = (await download(t, w.users.ada, { format: 'csv', bom: 'true' })).bytes;
    expect([...plain.subarray(0, 4)]).toEqual([...Buffer.from('Name')]);
    expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bom.subarray(3).equals(plain)).toBe(true);
    expect(plain.toString('utf8')).toMatch(/\r\n"?Zoé"?,/);
  });

  it('exports only contacts the caller sees at view or more: not an admin\'s profile-only ones, not share-all\'s', async () => {
    const w = await t.world({
      orgs: { acme: { exportEnabled: true, shareAllContacts: true } },
      users: { ada: { role: 'admin' }, ben: { exportChannels: ['csv', 'xlsx', 'vcard'] }, cat: { exportChannels: ['csv', 'xlsx', 'vcard'] }, dan: {} },
      teams: { sales: { members: ['cat'] } },
      contacts: {
        bens: { owner: 'ben', name: 'Bens own' }, shared: { owner: 'ben', name: 'Shared view' }, team: { owner: 'ben', name: 'Team shared' },
        bucketed: { owner: 'ben', name: 'In bucket' }, hidden: { owner: 'ben', name: 'Profile only' },
        expired: { owner: 'ben', name: 'Expired share' }, dans: { owner: 'dan', name: 'Dans' }, granted: { owner: 'dan', name: 'Granted' },
        adas: { owner: 'ada', name: 'Adas own' }, trashed: { owner: 'ben', name: 'Trashed', state: 'trashed' },
      },
      shares: [
        { contact: 'shared', user: 'cat', level: 'view' }, { contact: 'team', team: 'sales', level: 'collaborate' },
        { contact: 'expired', user: 'cat', level: 'edit', expiresAt: '2026-01-01T00:00:00Z' },
      ],
      buckets: { box: { owner: 'ben', contacts: ['bucketed'] } },
      bucketShares: [{ bucket: 'box', user: 'cat', level: 'view' }],
      grants: [{ owner: 'dan', user: 'cat', level: 'view' }],
    });
    const { ada, ben, cat } = w.users;
    for (const format of FORMATS) {
      expect(await names(format, (await download(t, cat, { format })).bytes), `cat ${format}`).toEqual(['Dans', 'Granted', 'In bucket', 'Shared view', 'Team shared']);
      expect(await names(format, (await download(t, ada, { format })).bytes), `ada ${format}`).toEqual(['Adas own']);
      expect(await names(format, (await download(t, ben, { format })).bytes), `ben ${format}`)
        .toEqual(['Bens own', 'Expired share', 'In bucket', 'Profile only', 'Shared view', 'Team shared']);
    }
  });

  it('honours the list filters q, archived, ownerId and bucketId, and audits channel, filters and row count', async () => {
    const w = await t.world({
      users: { ada: { role: 'admin' }, ben: {} },
      contacts: {
        a: { owner: 'ada', name: 'Alice Archer', emails: ['alice@acme.test'] }, b: { owner: 'ada', name: 'Bob Baker' },
        c: { owner: 'ada', name: 'Carl Archer', state: 'archived' }, d: { owner: 'ada', name: 'Dora Dunn' }, t: { owner: 'ada', name: 'Archer Trash', state: 'trashed' },
      },
      buckets: { box: { owner: 'ada', contacts: ['b', 'd'] }, bens: { owner: 'ben' } },
    });
    const { ada, ben } = w.users;
    const csvNames = async (query: Record<string, string>) => (csvRows((await download(t, ada, { format: 'csv', ...query })).bytes)).map((r) => r.name);
    expect(await csvNames({})).toEqual(['Alice Archer', 'Bob Baker', 'Dora Dunn']);
    expect(await csvNames({ q: 'archer' })).toEqual(['Alice Archer']);
    expect(await csvNames({ q: 'archer', archived: 'true' })).toEqual(['Carl Archer']);
    expect(await csvNames({ bucketId: w.buckets.box })).toEqual(['Bob Baker', 'Dora Dunn']);
    expect(await csvNames({ ownerId: ben.id })).toEqual([]);
    expect(await csvNames({ ownerId: 'not-an-id' })).toEqual([]);
    expect(await csvNames({ ownerId: ada.id, q: 'acme.test' })).toEqual(['Alice Archer']);
    // Another's private bucket is missing, as in the list: 404, nothing audited for it.
    expect((await download(t, ada, { format: 'csv', bucketId: w.buckets.bens })).status).toBe(200);
    const ben404 = await download(t, ben, { format: 'csv', bucketId: w.buckets.box });
    expect([ben404.status, ben404.code]).toEqual([403, 'TANDEM_EXPORT_DISABLED']);
    const log = await t.db.selectFrom('audit_log').select(['actor_id', 'action', 'target_type', 'target_id', 'after'])
      .where('org_id', '=', w.orgId).where('action', '=', 'contact.export').orderBy('seq').execute();
    expect(log.map((e) => e.after)).toEqual([
      { channel: 'csv', filters: { archived: false }, rows: 3, completed: true },
      { channel: 'csv', filters: { archived: false, q: 'archer' }, rows: 1, completed: true },
      { channel: 'csv', filters: { archived: true, q: 'archer' }, rows: 1, completed: true },
      { channel: 'csv', filters: { archived: false, bucketId: w.buckets.box }, rows: 2, completed: true },
      { channel: 'csv', filters: { archived: false, ownerId: ben.id }, rows: 0, completed: true },
      { channel: 'csv', filters: { archived: false, ownerId: 'not-an-id' }, rows: 0, completed: true },
      { channel: 'csv', filters: { archived: false, ownerId: ada.id, q: 'acme.test' }, rows: 1, completed: true },
      { channel: 'csv', filters: { archived: false, bucketId: w.buckets.bens }, rows: 0, completed: true },
    ]);
    expect(log.every((e) => e.actor_id === ada.id && e.target_type === 'contact' && e.target_id === null)).toBe(true);
  });

  it('answers 404 for a bucket the caller cannot see, as the list does', async () => {
    const w = await t.world({
      orgs: { acme: { exportEnabled: true } },
      users: { ada: { role: 'admin' }, ben: { exportChannels: ['csv'] }, cat: {} },
      buckets: { cats: { owner: 'cat' } },
    });
    const res = await download(t, w.users.ben, { format: 'csv', bucketId: w.buckets.cats });
    expect([res.status, res.code]).toEqual([404, 'TANDEM_BUCKET_NOT_FOUND']);
  });

  it('walks every page: 1,203 contacts come out once each, in name order, in all three formats', async () => {
    const contacts = Object.fromEntries(Array.from({ length: 1203 }, (_, i) => [`c${i}`, { owner: 'ada' as const, name: `Person ${String(i).padStart(4, '0')}` }]));
    const w = await t.world({ users: { ada: { role: 'admin' } }, contacts });
    const expected = Array.from({ length: 1203 }, (_, i) => `Person ${String(i).padStart(4, '0')}`);
    for (const format of FORMATS) expect(await names(format, (await download(t, w.users.ada, { format })).bytes), format).toEqual(expected);
  });

  // XLSX too: the workbook is deflated page by page into the response (D41), so a client that goes away is noticed
  // after the page in flight, not at the end of the file.
  it.each(['csv', 'vcard', 'xlsx'] as const)('audits a %s download the client gave up on as not completed, with the rows read so far (D35)', async (format) => {
    const contacts = Object.fromEntries(Array.from({ length: 2500 }, (_, i) => [`c${i}`, { owner: 'ada' as const, name: `Person ${i}` }]));
    const w = await t.world({ users: { ada: { role: 'admin' } }, contacts });
    // About 10 MB of text that compresses poorly (XLSX is zipped): more than the sockets buffer, so the server is still
    // writing when the client goes.
    await sql`UPDATE contacts c SET address = (SELECT string_agg(md5(random()::text || g::text), '') FROM generate_series(1, 125) g)
      WHERE c.org_id = ${w.orgId}`.execute(t.db);
    if (!t.app.server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const firstChunk = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: `/api/v1/contacts/export?format=${format}`, headers: { authorization: `Bearer ${w.users.ada.token}` } }, (res) => {
        res.once('data', (chunk: Buffer) => {
          req.destroy();
          resolve(chunk.length);
        });
      });
      req.on('error', (e) => (e.message.includes('socket hang up') || e.message.includes('aborted') ? undefined : reject(e)));
      req.end();
    });
    expect(firstChunk).toBeGreaterThan(0);
    let entry: { rows: number; completed: boolean } | undefined;
    for (let i = 0; i < 100 && !entry; i += 1) {
      const row = await t.db.selectFrom('audit_log').select('after').where('org_id', '=', w.orgId).where('action', '=', 'contact.export').executeTakeFirst();
      entry = row?.after as typeof entry;
      if (!entry) await new Promise((r) => setTimeout(r, 50));
    }
    expect(entry?.completed).toBe(false);
    expect(entry?.rows).toBeGreaterThan(0);
    expect(entry?.rows).toBeLessThan(2500);
  });
});
