// Export → import is lossless (issue 13, "Tests"): contacts with every profile field (non-ASCII, quotes, commas,
// semicolons, newlines, formula-like phones) exported by GET /contacts/export as CSV (with and without a BOM) and as
// vCard 4.0, imported by POST /imports into another organisation's user, read back field by field. On PGlite and
// PostgreSQL. (vCard escapes a line break as \n only, RFC 6350 §3.4: a CR LF inside a value comes back as LF.)
import type { ContactInput } from '@tandem/api';
import { describe, expect, it } from 'vitest';
import { expectStatus } from './support/api-client.ts';
import { postImport } from './support/import-upload.ts';
import { useTestApp } from './support/test-app.ts';

const CONTACTS: ContactInput[] = [
  {
    name: 'Zoë "Z" Ñúñez-Ölund; Jr., 李小龍', company: 'Bäckerei; Müller, GmbH', title: 'Chef, Boss; Ünter "Leiter"',
    emails: ['zoe@example.test', 'z.n@acme.test'], phones: ['+48 1, ext 2', '=SUM(A1)', '-5', '@home'],
    tags: ['vip', 'a,b', 'ß-Ärger', '日本'], address: 'Hauptstraße 1, Berlin\nDeutschland; "Hinterhaus"',
  },
  { name: 'Åsa Öberg', company: null, title: null, emails: [], phones: [], tags: [], address: null },
  { name: 'Ἀθηνᾶ Παλλάς', company: 'Ὄλυμπος', title: '\'Quoted\'', emails: ['athena@olymp.test'], phones: ['+30 210 000'], tags: ['owl'], address: 'Akropolis\nAthens' },
];

const FIELDS = ['name', 'company', 'title', 'emails', 'phones', 'tags', 'address'] as const;

describe.each(['pglite', 'postgres'] as const)('export then import on %s', (db) => {
  const t = useTestApp({ db });

  async function profiles(orgId: string) {
    const rows = await t.db.selectFrom('contacts').select([...FIELDS]).where('org_id', '=', orgId).orderBy('name').execute();
    return rows;
  }

  for (const [format, query, fileName] of [['csv', { format: 'csv' }, 'contacts.csv'], ['csv with a BOM', { format: 'csv', bom: 'true' }, 'contacts.csv'], ['vCard', { format: 'vcard' }, 'contacts.vcf']] as const) {
    it(`keeps every profile field through ${format}`, async () => {
      const from = await t.world({ users: { ada: { role: 'admin' } } });
      for (const c of CONTACTS) expectStatus(await t.api.contacts.create(c, { as: from.users.ada.token }), 201);
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/contacts/export', query, headers: { authorization: `Bearer ${from.users.ada.token}` } });
      expect(res.statusCode).toBe(200);
      const to = await t.world({ users: { ann: {} } });
      const answer = expectStatus(await postImport(t.app, to.users.ann.token, { file: { name: fileName, content: res.rawPayload }, dryRun: 'false' }), 200);
      expect(answer).toMatchObject({ created: CONTACTS.length, updated: 0, skipped: 0, errors: [] });
      const expected = await profiles(from.orgId);
      expect(expected).toHaveLength(CONTACTS.length);
      expect(await profiles(to.orgId)).toEqual(expected);
      const owners = await t.db.selectFrom('contacts').select('owner_id').distinct().where('org_id', '=', to.orgId).execute();
      expect(owners).toEqual([{ owner_id: to.users.ann.id }]);
    });
  }
});
