// POST /imports (api.md "Export", issue 13 item 4, D36): CSV (any of , ; tab, with or without a BOM, quoted newlines)
// and vCard 3.0/4.0 files, auto-detected and explicit column mappings, the dry run, matches by e-mail among the
// contacts the caller sees (never one they cannot see), per-row errors, 5,000 rows in batches, and a batch the
// database refuses midway. On PGlite and PostgreSQL.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { expectStatus } from './support/api-client.ts';
import type { SomeAnswer } from './support/api-types.ts';
import { postImport, type Upload } from './support/import-upload.ts';
import { useTestApp } from './support/test-app.ts';

const codeOf = (a: SomeAnswer) => (a.body as { code?: string }).code;

describe.each(['pglite', 'postgres'] as const)('imports on %s', (db) => {
  const t = useTestApp({ db });
  const upload = (token: string | undefined, u: Upload) => postImport(t.app, token, u);
  const csv = (content: string | Buffer, extra: Omit<Upload, 'file'> = {}): Upload => ({ file: { name: 'contacts.csv', content }, ...extra });

  async function contactsOf(orgId: string) {
    return t.db.selectFrom('contacts').select(['name', 'company', 'title', 'emails', 'phones', 'tags', 'address', 'owner_id'])
      .where('org_id', '=', orgId).orderBy('name').execute();
  }

  it('reads a ;-separated CSV with a BOM, non-ASCII names and a quoted newline; a dry run writes nothing, a real run writes', async () => {
    const w = await t.world({ users: { ben: {} } });
    const file = '\uFEFFFull name;Organization;Job title;E-mail;Mobile;Tags;Address\r\n'
      + 'Jörg Müller;Bäckerei Müller;Meister;JOERG@baeckerei.test;+49 30 1234;"bread; local";"Hauptstraße 1\nBerlin"\r\n'
      + '"Zoë, ""the boss"" Ñúñez";ACME;;"zoe@acme.test; zoe2@acme.test";;;\r\n'
      + '李小龍;;;;+86 10 5555;;;\r\n';
    const dry = expectStatus(await upload(w.users.ben.token, csv(file)), 200);
    expect(dry).toMatchObject({ dryRun: true, format: 'csv', created: 3, updated: 0, skipped: 0, errors: [], failedBatch: null });
    expect(dry.columns).toEqual(['Full name', 'Organization', 'Job title', 'E-mail', 'Mobile', 'Tags', 'Address']);
    expect(dry.mapping).toEqual({ 'Full name': 'name', Organization: 'company', 'Job title': 'title', 'E-mail': 'emails', Mobile: 'phones', Tags: 'tags', Address: 'address' });
    expect(await contactsOf(w.orgId)).toEqual([]);
    expect(await t.db.selectFrom('audit_log').select('id').where('org_id', '=', w.orgId).where('action', '=', 'contact.import').execute()).toEqual([]);

    const real = expectStatus(await upload(w.users.ben.token, csv(file, { dryRun: 'false' })), 200);
    expect(real).toMatchObject({ dryRun: false, created: 3, updated: 0, skipped: 0, errors: [] });
    const ben = w.users.ben.id;
    expect(await contactsOf(w.orgId)).toEqual([
      { name: 'Jörg Müller', company: 'Bäckerei Müller', title: 'Meister', emails: ['joerg@baeckerei.test'], phones: ['+49 30 1234'], tags: ['bread', 'local'], address: 'Hauptstraße 1\nBerlin', owner_id: ben },
      { name: 'Zoë, "the boss" Ñúñez', company: 'ACME', title: null, emails: ['zoe@acme.test', 'zoe2@acme.test'], phones: [], tags: [], address: null, owner_id: ben },
      { name: '李小龍', company: null, title: null, emails: [], phones: ['+86 10 5555'], tags: [], address: null, owner_id: ben },
    ]);
    const audit = await t.db.selectFrom('audit_log').select(['actor_id', 'target_type', 'after']).where('org_id', '=', w.orgId).where('action', '=', 'contact.import').execute();
    expect(audit).toEqual([{ actor_id: ben, target_type: 'import', after: { fileName: 'contacts.csv', format: 'csv', fromRow: 1, toRow: 3, created: 3, updated: 0, skipped: 0, errors: 0 } }]);
  });

  it('reads a ,-separated CSV and a tab-separated one, first and last name columns, several e-mail columns', async () => {
    const w = await t.world({ users: { ben: {} } });
    const comma = 'First Name,Last Name,Email 1,Email 2,Phone,Company\nAnna,Łukasiewicz,anna@x.test,anna@home.test,"+48 1, ext 2",Politechnika\n';
    const a = expectStatus(await upload(w.users.ben.token, csv(comma, { dryRun: 'false' })), 200);
    expect(a.mapping).toEqual({ 'First Name': 'firstName', 'Last Name': 'lastName', 'Email 1': 'emails', 'Email 2': 'emails', Phone: 'phones', Company: 'company' });
    const tab = 'name\temail\ttags\nÅsa Öberg\tasa@x.test\tvip;nordic\n';
    expectStatus(await upload(w.users.ben.token, csv(tab, { dryRun: 'false' })), 200);
    expect(await contactsOf(w.orgId)).toMatchObject([
      { name: 'Anna Łukasiewicz', company: 'Politechnika', emails: ['anna@x.test', 'anna@home.test'], phones: ['+48 1, ext 2'] },
      { name: 'Åsa Öberg', emails: ['asa@x.test'], tags: ['vip', 'nordic'] },
    ]);
  });

  it('takes an explicit mapping over the detected one, and refuses a mapping naming a column the file lacks', async () => {
    const w = await t.world({ users: { ben: {} } });
    const file = 'Kunde,Firma,Notiz,Email\nKarl Köhler,Köhler GmbH,call back,karl@k.test\n';
    const mapping = JSON.stringify({ Kunde: 'name', Firma: 'company', Notiz: 'title', Email: 'ignore' });
    const answer = expectStatus(await upload(w.users.ben.token, csv(file, { dryRun: 'false', mapping })), 200);
    expect(answer.mapping).toEqual({ Kunde: 'name', Firma: 'company', Notiz: 'title', Email: 'ignore' });
    expect(await contactsOf(w.orgId)).toMatchObject([{ name: 'Karl Köhler', company: 'Köhler GmbH', title: 'call back', emails: [] }]);
    const unknown = await upload(w.users.ben.token, csv(file, { mapping: JSON.stringify({ Kundin: 'name' }) }));
    expect([unknown.status, codeOf(unknown)]).toEqual([400, 'TANDEM_INPUT_INVALID']);
    const noName = await upload(w.users.ben.token, csv(file, { mapping: JSON.stringify({ Kunde: 'ignore' }) }));
    expect([noName.status, codeOf(noName)]).toEqual([400, 'TANDEM_IMPORT_FILE_INVALID']);
    const badField = await upload(w.users.ben.token, csv(file, { mapping: JSON.stringify({ Kunde: 'birthday' }) }));
    expect([badField.status, codeOf(badField)]).toEqual([400, 'TANDEM_INPUT_INVALID']);
  });

  it('reads vCard 3.0 and 4.0 cards', async () => {
    const w = await t.world({ users: { ben: {} } });
    const cards = [
      'BEGIN:VCARD', 'VERSION:3.0', 'N:Müller;Jörg;;;', 'FN:Jörg Müller', 'ORG:Bäckerei\\, Müller;Verkauf', 'TITLE:Meister',
      'EMAIL;TYPE=INTERNET,WORK:joerg@b.test', 'EMAIL;TYPE=INTERNET,HOME:j@home.test', 'TEL;TYPE=CELL:+49 30 1', 'CATEGORIES:bread,local',
      'ADR;TYPE=WORK:;;Hauptstraße 1;Berlin;;10115;Germany', 'END:VCARD',
      'BEGIN:VCARD', 'VERSION:4.0', 'FN:Zoë Ñúñez', 'EMAIL:zoe@acme.test', 'TEL;VALUE=uri:tel:+1-555-0100', 'NOTE:ignored', 'END:VCARD',
      'BEGIN:VCARD', 'VERSION:4.0', 'N:Lee;Ann;;;', 'END:VCARD',
    ].join('\r\n') + '\r\n';
    const answer = expectStatus(await upload(w.users.ben.token, { file: { name: 'people.vcf', content: cards }, dryRun: 'false' }), 200);
    expect(answer).toMatchObject({ format: 'vcard', created: 3, errors: [], columns: ['FN', 'ORG', 'TITLE', 'EMAIL', 'TEL', 'CATEGORIES', 'ADR'] });
    expect(await contactsOf(w.orgId)).toMatchObject([
      { name: 'Ann Lee', emails: [] },
      { name: 'Jörg Müller', company: 'Bäckerei, Müller, Verkauf', title: 'Meister', emails: ['joerg@b.test', 'j@home.test'], phones: ['+49 30 1'], tags: ['bread', 'local'], address: 'Hauptstraße 1, Berlin, 10115, Germany' },
      { name: 'Zoë Ñúñez', emails: ['zoe@acme.test'], phones: ['tel:+1-555-0100'] },
    ]);
  });

  it('counts created, updated and skipped rows and reports each invalid row as the API validates it', async () => {
    const w = await t.world({ users: { ben: {}, cat: {} } });
    const { ben, cat } = w.users;
    const known = expectStatus(await t.api.contacts.create({ name: 'Known', emails: ['known@x.test'], phones: ['1'], tags: ['old'] }, { as: ben.token }), 201).contact;
    expectStatus(await t.api.contacts.create({ name: 'Same', company: 'S', emails: ['same@x.test'] }, { as: ben.token }), 201);
    const viewOnly = expectStatus(await t.api.contacts.create({ name: 'Cat Own', emails: ['catown@x.test'] }, { as: cat.token }), 201).contact;
    expectStatus(await t.api.shares.create(viewOnly.id, { grantee: { userId: ben.id }, level: 'view' }, { as: cat.token }), 201);
    const file = [
      'name,company,email,phones,tags',
      'Renamed,NewCo,KNOWN@x.test,1; 2,old; new', // 1: updates Known (company filled, phone and tag added, name kept)
      'Fresh,,fresh@x.test,,', //                   2: created
      'Fresh again,,fresh@x.test,,', //             3: skipped: the file had this e-mail already
      ',,,,', //                                    4: skipped: empty
      'Bad,,not-an-email,,', //                     5: error
      ',Nameless Inc,,,', //                        6: error: no name
      'Viewer,,catown@x.test,,', //                 7: skipped: visible but Ben may not edit it
      'Same,S,same@x.test,,', //                    8: skipped: nothing to add
      `${'x'.repeat(201)},,,,`, //                  9: error
    ].join('\n');
    const dry = expectStatus(await upload(ben.token, csv(file)), 200);
    expect(dry).toMatchObject({ created: 1, updated: 1, skipped: 4 });
    expect(dry.skippedRows).toEqual([
      { row: 3, reason: 'duplicate-in-file' }, { row: 4, reason: 'empty' }, { row: 7, reason: 'not-editable' }, { row: 8, reason: 'unchanged' },
    ]);
    expect(dry.errors.map((e) => e.row)).toEqual([5, 6, 9]);
    expect(dry.errors[0]?.message).toMatch(/^emails\.0: /);
    expect(dry.errors[1]?.message).toMatch(/^name: /);
    const real = expectStatus(await upload(ben.token, csv(file, { dryRun: 'false' })), 200);
    expect({ ...real, dryRun: true }).toEqual(dry);
    const after = expectStatus(await t.api.contacts.get(known.id, { as: ben.token }), 200).contact;
    expect(after).toMatchObject({ name: 'Known', company: 'NewCo', emails: ['known@x.test'], phones: ['1', '2'], tags: ['old', 'new'] });
    expect(expectStatus(await t.api.contacts.get(viewOnly.id, { as: cat.token }), 200).contact).toMatchObject({ name: 'Cat Own', company: null });
    // Importing the same file again: everything written is matched, nothing is created twice.
    const again = expectStatus(await upload(ben.token, csv(file, { dryRun: 'false' })), 200);
    expect([again.created, again.updated]).toEqual([0, 0]);
  });

  it('never matches a contact the caller cannot see: it creates a new one, and the answer is the same as for an unknown e-mail', async () => {
    const w = await t.world({ users: { ben: {}, cat: {} } });
    const { ben, cat } = w.users;
    const secret = expectStatus(await t.api.contacts.create({ name: 'Secret', emails: ['secret@x.test'] }, { as: ben.token }), 201).contact;
    const seen = expectStatus(await upload(cat.token, csv('name,email,company\nS,secret@x.test,Leak Inc\n')), 200);
    const unknown = expectStatus(await upload(cat.token, csv('name,email,company\nS,nobody@x.test,Leak Inc\n')), 200);
    expect(seen).toEqual(unknown);
    expect(seen).toMatchObject({ created: 1, updated: 0, skipped: 0 });
    expect(JSON.stringify(seen)).not.toContain(secret.id);
    expectStatus(await upload(cat.token, csv('name,email,company\nS,secret@x.test,Leak Inc\n', { dryRun: 'false' })), 200);
    expect(expectStatus(await t.api.contacts.get(secret.id, { as: ben.token }), 200).contact).toMatchObject({ name: 'Secret', company: null, ownerId: ben.id });
    const rows = await t.db.selectFrom('contacts').select(['name', 'owner_id']).where('org_id', '=', w.orgId).where(sql<boolean>`'secret@x.test' = ANY(emails)`).orderBy('name').execute();
    expect(rows).toEqual([{ name: 'S', owner_id: cat.id }, { name: 'Secret', owner_id: ben.id }]);
  });

  it('imports 5,000 rows in batches of 500, each batch audited', async () => {
    const w = await t.world({ users: { ben: {} } });
    const lines = ['name,email,company'];
    for (let i = 1; i <= 5000; i += 1) lines.push(`Person ${i},p${i}@bulk.test,Co ${i % 7}`);
    const answer = expectStatus(await upload(w.users.ben.token, csv(lines.join('\n'), { dryRun: 'false' })), 200);
    expect(answer).toMatchObject({ created: 5000, updated: 0, skipped: 0, errors: [], failedBatch: null });
    const n = await t.db.selectFrom('contacts').select(sql<string>`count(*)::text`.as('n')).where('org_id', '=', w.orgId).executeTakeFirstOrThrow();
    expect(n.n).toBe('5000');
    const audit = await t.db.selectFrom('audit_log').select('after').where('org_id', '=', w.orgId).where('action', '=', 'contact.import').orderBy('seq').execute();
    expect(audit.map((a) => (a.after as { fromRow: number }).fromRow)).toEqual([1, 501, 1001, 1501, 2001, 2501, 3001, 3501, 4001, 4501]);
  }, 120_000);

  it('a batch the database refuses leaves none of its rows written and stops; importing again finishes without duplicates', async () => {
    const w = await t.world({ users: { ben: {} } });
    await sql`CREATE OR REPLACE FUNCTION import_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.name = 'Refused 700' THEN RAISE EXCEPTION 'refused by the test trigger'; END IF; RETURN NEW; END $$`.execute(t.db);
    await sql`CREATE TRIGGER import_test_refuse BEFORE INSERT ON contacts FOR EACH ROW EXECUTE FUNCTION import_test_refuse()`.execute(t.db);
    const lines = ['name,email'];
    for (let i = 1; i <= 1200; i += 1) lines.push(`${i === 700 ? 'Refused' : 'Row'} ${i},r${i}@batch.test`);
    try {
      const failed = expectStatus(await upload(w.users.ben.token, csv(lines.join('\n'), { dryRun: 'false' })), 200);
      expect(failed).toMatchObject({ created: 500, updated: 0, failedBatch: { fromRow: 501, toRow: 1000 } });
      expect(failed.failedBatch?.message).not.toContain('trigger');
      const names = await t.db.selectFrom('contacts').select('name').where('org_id', '=', w.orgId).execute();
      expect(names).toHaveLength(500);
      expect(names.every((r) => Number(r.name.split(' ')[1]) <= 500)).toBe(true);
      const audit = await t.db.selectFrom('audit_log').select('after').where('org_id', '=', w.orgId).where('action', '=', 'contact.import').execute();
      expect(audit).toHaveLength(1);
    } finally {
      await sql`DROP TRIGGER import_test_refuse ON contacts`.execute(t.db);
      await sql`DROP FUNCTION import_test_refuse()`.execute(t.db);
    }
    const resumed = expectStatus(await upload(w.users.ben.token, csv(lines.join('\n'), { dryRun: 'false' })), 200);
    expect(resumed).toMatchObject({ created: 700, updated: 0, skipped: 500, failedBatch: null });
    const n = await t.db.selectFrom('contacts').select(sql<string>`count(*)::text`.as('n')).where('org_id', '=', w.orgId).executeTakeFirstOrThrow();
    expect(n.n).toBe('1200');
  }, 60_000);

  it('refuses what is not an import: anonymous, no file, not multipart, an unreadable file, a file over 20 MiB', async () => {
    const w = await t.world({ users: { ben: {} } });
    const token = w.users.ben.token;
    const anonymous = await upload(undefined, csv('name\nA\n'));
    expect([anonymous.status, codeOf(anonymous)]).toEqual([401, 'TANDEM_AUTH_REQUIRED']);
    const noFile = await upload(token, { dryRun: 'false' });
    expect([noFile.status, codeOf(noFile)]).toEqual([400, 'TANDEM_INPUT_INVALID']);
    const json = await t.api.call('POST', '/api/v1/imports', { as: token, body: { file: 'name\nA' } });
    expect(json.status).toBe(415);
    const badQuote = await upload(token, csv('name,email\n"Unclosed,a@x.test\n'));
    expect([badQuote.status, codeOf(badQuote)]).toEqual([400, 'TANDEM_IMPORT_FILE_INVALID']);
    const noCards = await upload(token, { file: { name: 'x.vcf', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' } });
    expect([noCards.status, codeOf(noCards)]).toEqual([400, 'TANDEM_IMPORT_FILE_INVALID']);
    const big = Buffer.alloc(20 * 1024 * 1024 + 10, 'a');
    const tooLarge = await upload(token, csv(big));
    expect([tooLarge.status, codeOf(tooLarge)]).toEqual([413, 'TANDEM_IMPORT_FILE_TOO_LARGE']);
    expect(await contactsOf(w.orgId)).toEqual([]);
  });
});
