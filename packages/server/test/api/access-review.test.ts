// The access review (issue 13 item 5, D38) over HTTP on both databases: admins only (403 TANDEM_ACCESS_ADMIN_ONLY
// for members, 401 signed out, 404 for a user of another org), the per-user review's rows, sources and keyset pages,
// the matrix's cells as docs/permissions.md defines them, and the CSV and XLSX downloads read back by csv-parse and
// exceljs, each download audited.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../support/databases.ts';
import { expectStatus, outcome } from './support/api-client.ts';
import { useTestApp } from './support/test-app.ts';

type Review = {
  user: { id: string; name: string }; nextCursor: string | null;
  items: { contactId: string; name: string; ownerName: string; state: string; level: string; sources: { kind: string; level: string; bucketName?: string | null; viaTeamName?: string | null }[] }[];
};
type Matrix = {
  users: { id: string; name: string }[]; owners: { id: string; name: string }[]; buckets: { id: string; name: string }[];
  ownerCells: { level: string; sources: { kind: string; level: string }[] }[][]; bucketCells: string[][];
};

describe.each(DATABASE_KINDS)('access review on %s', (kind) => {
  const t = useTestApp({ db: kind });

  async function get(url: string, token?: string) {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: token ? { authorization: `Bearer ${token}` } : {} });
    const json = res.headers['content-type']?.toString().startsWith('application/') && !res.headers['content-disposition'];
    return { status: res.statusCode, headers: res.headers, raw: res.rawPayload, body: json ? res.json() : res.body };
  }

  function world() {
    return t.world({
      orgs: { acme: {}, globex: {} },
      users: { ada: { role: 'admin' }, ben: {}, cat: {}, dan: {}, oz: { org: 'globex', role: 'admin' } },
      teams: { sales: { members: ['ben', 'dan'] } },
      contacts: {
        amy: { owner: 'cat', name: 'Amy' }, bob: { owner: 'cat', name: 'Bob', state: 'archived' }, cy: { owner: 'dan', name: '=Cy+1' },
        dee: { owner: 'dan', name: 'Dee' }, eve: { owner: 'ben', name: 'Eve' }, old: { owner: 'cat', name: 'Old', state: 'trashed' },
        far: { owner: 'ada', name: 'Far' },
      },
      grants: [{ owner: 'cat', user: 'ben', level: 'view' }],
      shares: [{ contact: 'cy', user: 'ben', level: 'edit' }],
      buckets: { key: { owner: 'dan', name: 'Key accounts', contacts: ['cy', 'dee'] } },
      bucketShares: [{ bucket: 'key', team: 'sales', level: 'collaborate' }],
    });
  }

  it('is for admins only: members get 403, signed-out callers 401, a user of another org 404', async () => {
    const w = await world();
    for (const url of [`/access-review/users/${w.users.ben.id}`, '/access-review/matrix', '/access-review/matrix?format=csv', `/access-review/users/${w.users.ben.id}?format=xlsx`]) {
      expect(outcome(await get(url, w.users.ben.token))).toEqual({ status: 403, code: 'TANDEM_ACCESS_ADMIN_ONLY' });
      expect(outcome(await get(url))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
    }
    for (const id of [w.users.oz.id, 'nope', '00000000-0000-4000-8000-000000000000']) {
      expect(outcome(await get(`/access-review/users/${id}`, w.users.ada.token))).toEqual({ status: 404, code: 'TANDEM_USER_NOT_FOUND' });
    }
    expect(outcome(await get('/access-review/matrix?format=pdf', w.users.ada.token))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
  });

  it('lists every contact a user sees (not the trash), by name, with the level and sources GET /contacts/:id/access gives', async () => {
    const w = await world();
    const review = expectStatus(await get(`/access-review/users/${w.users.ben.id}`, w.users.ada.token), 200) as Review;
    expect(review.user).toMatchObject({ id: w.users.ben.id, name: 'Ben' });
    expect(review.items.map((c) => [c.name, c.state, c.level])).toEqual([
      ['=Cy+1', 'active', 'edit'], ['Amy', 'active', 'view'], ['Bob', 'archived', 'view'], ['Dee', 'active', 'collaborate'], ['Eve', 'active', 'owner'],
    ]);
    for (const c of review.items) {
      const why = await get(`/contacts/${c.contactId}/access?userId=${w.users.ben.id}`, w.users.ada.token);
      expect(c.sources, c.name).toEqual((why.body as { sources: unknown[] }).sources);
    }
    expect(review.items.find((c) => c.name === 'Dee')?.sources).toEqual([
      expect.objectContaining({ kind: 'bucket_share', level: 'collaborate', bucketName: 'Key accounts', viaTeamName: 'Sales' }),
    ]);
    const nobody = expectStatus(await get(`/access-review/users/${w.users.cat.id}`, w.users.ada.token), 200) as Review;
    expect(nobody.items.map((c) => c.name)).toEqual(['Amy', 'Bob']);
  });

  it('pages by name with a cursor, each contact once', async () => {
    const w = await world();
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i += 1) {
      const page = expectStatus(await get(`/access-review/users/${w.users.ben.id}?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, w.users.ada.token), 200) as Review;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((c) => c.name));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(['=Cy+1', 'Amy', 'Bob', 'Dee', 'Eve']);
  });

  it('the matrix: users × owners (owner, admin, share-all, grants) and users × buckets (bucket shares)', async () => {
    const w = await world();
    const m = expectStatus(await get('/access-review/matrix', w.users.ada.token), 200) as Matrix;
    const names = m.users.map((u) => u.name);
    expect(names).toEqual(['Ada', 'Ben', 'Cat', 'Dan']);
    expect(m.owners.map((o) => o.name)).toEqual(names);
    const cell = (u: string, o: string) => m.ownerCells[names.indexOf(u)]?.[names.indexOf(o)];
    expect(cell('Ben', 'Cat')).toEqual({ level: 'view', sources: [{ kind: 'user_grant', level: 'view' }] });
    expect(cell('Ben', 'Dan')).toEqual({ level: 'none', sources: [] });
    expect(cell('Ben', 'Ben')).toEqual({ level: 'owner', sources: [{ kind: 'owner', level: 'owner' }] });
    expect(cell('Ada', 'Dan')).toEqual({ level: 'profile', sources: [{ kind: 'admin', level: 'profile' }] });
    expect(m.buckets.map((b) => b.name)).toEqual(['Key accounts']);
    expect(m.bucketCells.map((row) => row[0])).toEqual(['none', 'collaborate', 'none', 'collaborate']);

    await t.api.org.updateSettings({ shareAllContacts: true }, { as: w.users.ada.token });
    const shared = expectStatus(await get('/access-review/matrix', w.users.ada.token), 200) as Matrix;
    expect(shared.ownerCells[names.indexOf('Cat')]?.[names.indexOf('Dan')]).toEqual({ level: 'profile', sources: [{ kind: 'share_all', level: 'profile' }] });
    expect(shared.ownerCells[names.indexOf('Ben')]?.[names.indexOf('Cat')]?.sources.map((s) => s.kind).sort()).toEqual(['share_all', 'user_grant']);
  });

  it('downloads both as CSV and XLSX that parsers read back as the JSON answers, and audits each download', async () => {
    const w = await world();
    const review = expectStatus(await get(`/access-review/users/${w.users.ben.id}`, w.users.ada.token), 200) as Review;
    const csv = await get(`/access-review/users/${w.users.ben.id}?format=csv`, w.users.ada.token);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('attachment');
    const rows = parse(csv.raw, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.contact_id, r.contact, r.level])).toEqual(review.items.map((c) => [c.contactId, c.name === '=Cy+1' ? "'=Cy+1" : c.name, c.level]));

    const xlsx = await get(`/access-review/users/${w.users.ben.id}?format=xlsx`, w.users.ada.token);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.raw as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Contacts');
    const cells = (r: number) => ((sheet?.getRow(r).values ?? []) as unknown[]).slice(1);
    expect(cells(1)).toEqual(['contact_id', 'contact', 'state', 'owner', 'level', 'sources']);
    expect(review.items.map((_, i) => cells(i + 2).slice(0, 2))).toEqual(review.items.map((c) => [c.contactId, c.name]));

    const m = expectStatus(await get('/access-review/matrix', w.users.ada.token), 200) as Matrix;
    const matrixCsv = await get('/access-review/matrix?format=csv', w.users.ada.token);
    const [owners] = (matrixCsv.raw.toString('utf8')).split('\r\n\r\n');
    const ownerRows = parse(owners as string) as string[][];
    expect(ownerRows[0]).toEqual(['user', 'role', 'status', ...m.owners.map((o) => o.name)]);
    expect(ownerRows.slice(1).map((r) => r.slice(3))).toEqual(m.ownerCells.map((row) => row.map((c) => c.level)));
    const matrixXlsx = await get('/access-review/matrix?format=xlsx', w.users.ada.token);
    const mbook = new ExcelJS.Workbook();
    await mbook.xlsx.load(matrixXlsx.raw as unknown as ArrayBuffer);
    const bsheet = mbook.getWorksheet('Users x buckets');
    expect(m.users.map((_, i) => ((bsheet?.getRow(i + 2).values ?? []) as unknown[]).slice(4))).toEqual(m.bucketCells);

    const audit = expectStatus(await t.api.audit.list({ as: w.users.ada.token }), 200).items.filter((e) => e.action === 'access_review.export');
    expect(audit.map((e) => e.after)).toEqual([
      { kind: 'matrix', format: 'xlsx', rows: 4 }, { kind: 'matrix', format: 'csv', rows: 4 },
      { kind: 'user', format: 'xlsx', rows: 5 }, { kind: 'user', format: 'csv', rows: 5 },
    ]);
    expect(audit.every((e) => e.actorId === w.users.ada.id)).toBe(true);
  });
});
