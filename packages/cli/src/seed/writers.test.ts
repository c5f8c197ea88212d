import { afterAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@tandem/server';
// The server's test databases (a fresh PGlite, or a fresh database on the test run's PostgreSQL) are test support,
// not part of @tandem/server's face: borrowed by path, as eslint.config.js allows for the CLI's tests only.
import { DATABASE_KINDS, freshDatabase } from '../../../server/test/support/databases.ts';
// Brings in the type of `inject('postgresUrl')` that the server's test setup declares.
import type {} from '../../../server/test/support/global-setup.ts';
import { arrayLiteral, batches, insertBatch } from './writers.ts';

describe('arrayLiteral', () => {
  it('quotes every element', () => {
    expect(arrayLiteral([])).toBe('{}');
    expect(arrayLiteral(['a', 'b "c"', 'd\\e'])).toBe('{"a","b \\"c\\"","d\\\\e"}');
  });
});

describe('batches', () => {
  it('cuts an iterable into fixed-size arrays', () => {
    expect([...batches([1, 2, 3, 4, 5], 2)]).toEqual([[1, 2], [3, 4], [5]]);
  });
});

describe.each(DATABASE_KINDS)('insertBatch on %s', (kind) => {
  const handles: DbHandle[] = [];
  afterAll(async () => {
    await Promise.all(handles.map((h) => h.close()));
  });

  it('writes rows through unnest, awkward text and arrays included', async () => {
    const handle = await freshDatabase(kind);
    handles.push(handle);
    const { db } = handle;
    const org = await db.insertInto('orgs').values({ name: 'W' }).returning('id').executeTakeFirstOrThrow();
    const user = { id: '00000000-0000-4000-8000-000000000001', name: "Seán O'Brien", email: `w-${kind}@w.example`, password_hash: 'h', role: 'member', created_at: '2026-01-01T00:00:00.000Z' };
    await insertBatch(db, org.id, 'users', [user]);
    const tricky = ['a,b', 'quote " here', 'back\\slash', '{braces}', 'NULL', ''];
    const contact = {
      id: '00000000-0000-4000-8000-000000000002', owner_id: user.id, name: "Zoë O'Hara, Jr.", sort_name: "zoë o'hara, jr.",
      company: null, title: 'CEO', emails: tricky, phones: [], tags: ['vip'], address: '1 "Main" St, Town',
      created_at: '2026-01-02T00:00:00.000Z', updated_at: '2026-01-02T00:00:00.000Z',
    };
    await insertBatch(db, org.id, 'contacts', [contact]);
    const row = await db.selectFrom('contacts').selectAll().where('org_id', '=', org.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: contact.name, company: null, emails: tricky, phones: [], tags: ['vip'], address: contact.address });
    expect(new Date(row.created_at).toISOString()).toBe(contact.created_at);
    const owner = await db.selectFrom('users').select('name').where('org_id', '=', org.id).executeTakeFirstOrThrow();
    expect(owner.name).toBe(user.name);
  });
});
