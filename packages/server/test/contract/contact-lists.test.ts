// Storage contract: listContacts (keyset pages sorted by name, search by words of names and e-mails, scopes, actions)
// and countContacts, on both databases.
import type { ActorContext, ContactAction } from '@tandem/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/storage/connect.ts';
import { countContacts, listContacts, loadContacts, type Cursor, type ListQuery } from '../../src/storage/contact-queries.ts';
import { loadActorContext } from '../../src/storage/load-actor-context.ts';
import { BUCKET, C, contractWorld, NOW, ORG, USER } from '../fixtures/world-contract.ts';
import { insertWorld } from '../fixtures/world.ts';
import { DATABASE_KINDS, freshDatabase } from '../support/databases.ts';

/**
 * Ada (admin) sees every active Acme contact, in the ICU root order of the lower-cased name (punctuation before
 * letters, `_` before `%`, accents with their letters), ties by id.
 */
const ACTIVE_BY_NAME = [C(6), C(8), C(7), C(3), C(4), C(9), C(13), C(5), C(15), C(0), C(1), C(16)];

describe.each(DATABASE_KINDS)('storage contract on %s: contact lists', (kind) => {
  let handle: DbHandle;
  const ctxs = new Map<string, ActorContext>();
  beforeAll(async () => {
    handle = await freshDatabase(kind);
    await insertWorld(handle.db, contractWorld());
    for (const [name, id] of Object.entries(USER)) {
      const ctx = await loadActorContext(handle.db, name === 'gil' ? ORG.globex : ORG.acme, id, NOW);
      if (!ctx) throw new Error(`no context for ${name}`);
      ctxs.set(name, ctx);
    }
  });
  afterAll(async () => handle.close());

  const as = (name: keyof typeof USER): ActorContext => {
    const ctx = ctxs.get(name);
    if (!ctx) throw new Error(`no context for ${name}`);
    return ctx;
  };
  const ids = async (name: keyof typeof USER, query: Partial<ListQuery> = {}) =>
    (await listContacts(handle.db, as(name), { scope: 'active', limit: 100, ...query })).map((r) => r.row.id);

  /** Walks every page the way a client does: `limit` rows shown, the last one is the next cursor. */
  async function walk(name: keyof typeof USER, limit: number, query: Partial<ListQuery> = {}): Promise<string[]> {
    const seen: string[] = [];
    let after: Cursor | undefined;
    for (let page = 0; page < 50; page += 1) {
      const rows = await listContacts(handle.db, as(name), { scope: 'active', ...query, limit, ...(after ? { after } : {}) });
      expect(rows.length).toBeLessThanOrEqual(limit + 1);
      const shown = rows.slice(0, limit);
      seen.push(...shown.map((r) => r.row.id));
      const last = shown[shown.length - 1];
      if (rows.length <= limit || !last) return seen;
      after = { sortName: last.row.sort_name, id: last.row.id };
    }
    throw new Error('pagination does not end');
  }

  describe('listContacts', () => {
    it('sorts by lower-cased name in the ICU root order, ties by id', async () => {
      expect(await ids('ada')).toEqual(ACTIVE_BY_NAME);
    });

    it('returns limit + 1 rows at most, so the caller knows a next page exists', async () => {
      expect(await ids('ada', { limit: 5 })).toEqual(ACTIVE_BY_NAME.slice(0, 6));
      expect(await ids('ada', { limit: 12 })).toEqual(ACTIVE_BY_NAME);
    });

    it.each([1, 2, 3, 4, 5, 11, 12, 13])('pages of %i: every contact once, in order, no duplicates, no gaps', async (limit) => {
      expect(await walk('ada', limit)).toEqual(ACTIVE_BY_NAME);
    });

    it('pages through a tie of equal names and through a search', async () => {
      expect(await walk('ada', 1, { q: 'zo' })).toEqual([C(0), C(1), C(16)]);
      expect(await walk('ada', 2, { q: 'al' })).toEqual([C(6), C(8), C(7)]);
    });

    it('a cursor need not name a visible contact', async () => {
      const after = { sortName: 'b', id: '00000000-0000-0000-0000-000000000000' };
      expect(await ids('ada', { after })).toEqual(ACTIVE_BY_NAME.slice(5));
      expect(await ids('cat', { after })).toEqual([C(13), C(5), C(15), C(16)]);
    });

    it.each([
      { q: 'zo', found: [0, 1, 16], why: 'a word start, any case' },
      { q: 'ZO', found: [0, 1, 16], why: 'the query\'s case does not matter' },
      { q: 'an', found: [3, 4], why: 'two letters: a word start, not inside a word (Joanne is not found)' },
      { q: 'oann', found: [5], why: 'three letters or more: anywhere in a word' },
      { q: 'al_', found: [6], why: '_ is a character, not a LIKE wildcard' },
      { q: 'al%', found: [8], why: '% is a character, not a LIKE wildcard' },
      { q: 'É', found: [9, 13], why: 'accents and case fold: É finds Émile and Eve' },
      { q: 'zoe@example.test', found: [0], why: 'an exact e-mail, in this org only' },
      { q: 'ZOE@Example.TEST', found: [0], why: 'e-mails are matched case-insensitively' },
      { q: 'zoe@example', found: [0], why: 'part of an e-mail matches' },
      { q: 'x', found: [], why: 'nothing starts with x' },
    ])('search "$q": $why', async ({ q, found }) => {
      expect(await ids('ada', { q })).toEqual(found.map(C));
    });

    it('lists only what the actor may see, through each kind of source', async () => {
      expect(await ids('cat')).toEqual([C(6), C(13), C(5), C(15), C(16)]);
      expect(await ids('eve')).toEqual([C(13), C(15), C(1), C(16)]);
      expect(await ids('gil')).toEqual([C(14)]);
      expect(await ids('dan')).toEqual([]);
    });

    it('lists what the actor may take the given action on', async () => {
      expect(await ids('cat', { action: 'contact.message' })).toEqual([C(13)]);
      expect(await ids('cat', { action: 'contact.edit' })).toEqual([]);
      expect(await ids('eve', { action: 'contact.edit' })).toEqual([C(13), C(15), C(1), C(16)]);
      expect(await ids('ada', { action: 'contact.readHistory' })).toEqual([]);
    });

    it('scopes active, archived and trashed partition the contacts; a trashed contact that was archived is trashed', async () => {
      expect(await ids('ada', { scope: 'archived' })).toEqual([C(12), C(2)]);
      expect(await ids('ada', { scope: 'trashed' })).toEqual([C(10), C(11)]);
      expect(await ids('ben', { scope: 'trashed' })).toEqual([C(10), C(11)]);
      expect(await ids('cat', { scope: 'trashed' })).toEqual([]);
      expect(await ids('ben', { scope: 'trashed', action: 'contact.restore' })).toEqual([C(10), C(11)]);
      expect(await ids('ben', { scope: 'active', action: 'contact.restore' })).toEqual([]);
    });

    it('filters by owner', async () => {
      expect(await ids('ada', { ownerId: USER.eve })).toEqual([C(13), C(15), C(16)]);
      expect(await ids('cat', { ownerId: USER.ben })).toEqual([C(6), C(5)]);
    });

    it('leaves out the contacts a given user owns ("shared with me")', async () => {
      expect(await ids('eve', { notOwnerId: USER.eve })).toEqual([C(1)]);
      expect(await ids('cat', { notOwnerId: USER.cat })).toEqual(await ids('cat'));
      expect(await ids('ada', { notOwnerId: USER.ben })).toEqual([C(13), C(15), C(16)]);
    });

    it('narrows to a bucket without widening: its contacts the actor can see anyway', async () => {
      expect(await ids('ada', { bucketId: BUCKET.shared })).toEqual([C(6), C(5)]);
      expect(await ids('cat', { bucketId: BUCKET.private })).toEqual([C(13), C(5)]);
      expect(await ids('eve', { bucketId: BUCKET.shared })).toEqual([]);
      expect(await ids('gil', { bucketId: BUCKET.shared })).toEqual([]);
    });

    it('brings with each row the same facts loadContacts brings', async () => {
      const rows = await listContacts(handle.db, as('cat'), { scope: 'active', limit: 100 });
      const loaded = await loadContacts(handle.db, as('cat'), rows.map((r) => r.row.id));
      for (const row of rows) expect(row.facts).toEqual(loaded.get(row.row.id)?.facts);
    });
  });

  describe('countContacts', () => {
    it.each([
      { who: 'ada', action: 'contact.view', counts: [12, 2, 2] },
      { who: 'ben', action: 'contact.view', counts: [12, 2, 2] },
      { who: 'ben', action: 'contact.restore', counts: [0, 0, 2] },
      { who: 'cat', action: 'contact.view', counts: [5, 0, 0] },
      { who: 'cat', action: 'contact.message', counts: [1, 0, 0] },
      { who: 'dan', action: 'contact.view', counts: [0, 0, 0] },
      { who: 'gil', action: 'contact.view', counts: [1, 0, 0] },
    ] as { who: keyof typeof USER; action: ContactAction; counts: number[] }[])('$who, $action: active, archived, trashed = $counts', async ({ who, action, counts }) => {
      const got = [];
      for (const scope of ['active', 'archived', 'trashed'] as const) {
        const n = await countContacts(handle.db, as(who), action, scope);
        expect(n).toBe((await ids(who, { action, scope })).length);
        got.push(n);
      }
      expect(got).toEqual(counts);
    });
  });
});
