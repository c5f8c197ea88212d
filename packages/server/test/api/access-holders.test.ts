// Issue 10, defect 4 and item 2, through the API: "Shared with me" is a server scope (GET /contacts?scope=sharedWithYou:
// record shares, user grants and bucket shares count; owning, being admin and share-all do not), and "who has access"
// is one call (GET /contacts/:id/access/holders: each holder's level and the sources GET /contacts/:id/access gives).
import { describe, expect, it } from 'vitest';
import { expectStatus, outcome } from './support/api-client.ts';
import { useTestApp } from './support/test-app.ts';

const t = useTestApp();
const { api } = t;

/** Acme: admin Ada, members Ben (the owner of Zoe, Yan and Xia), Cat, Dan and Eve (deactivated); team Sales = {Cat, Dan}. */
async function acme(opts: { shareAll?: boolean } = {}) {
  return t.world({
    orgs: { acme: { shareAllContacts: opts.shareAll ?? false }, other: {} },
    users: { ada: { role: 'admin' }, ben: {}, cat: {}, dan: {}, eve: { status: 'deactivated' }, oz: { org: 'other', role: 'admin' } },
    teams: { sales: { members: ['cat', 'dan'] } },
    contacts: { zoe: { owner: 'ben' }, yan: { owner: 'ben' }, xia: { owner: 'ben' }, own: { owner: 'ada' } },
    buckets: { key: { owner: 'ben', name: 'Key accounts', contacts: ['xia', 'own'] } },
  });
}

type Acme = Awaited<ReturnType<typeof acme>>;
const sharedNames = async (w: Acme, user: keyof Acme['users'], query: Record<string, string> = {}) => {
  const page = expectStatus(await api.contacts.list({ as: w.users[user], query: { scope: 'sharedWithYou', count: 'true', ...query } }), 200);
  expect(page.items.every((c) => c.access.sharedWithYou)).toBe(true);
  expect(page.total).toEqual({ count: page.items.length, capped: false });
  return page.items.map((c) => c.name);
};

describe('GET /contacts?scope=sharedWithYou', () => {
  it('an admin with nothing shared sees none, though she sees every contact', async () => {
    const w = await acme();
    expect(await sharedNames(w, 'ada')).toEqual([]);
    const all = expectStatus(await api.contacts.list({ as: w.users.ada, query: { scope: 'shared' } }), 200);
    expect(all.items.map((c) => c.name).sort()).toEqual(['Xia', 'Yan', 'Zoe']);
  });

  it('a record share, a team share, a user grant (to a user or a team) and a bucket share each count; expired ones and share-all do not', async () => {
    const w = await acme({ shareAll: true });
    // share-all gives Dan every live contact at profile, and shares none of them.
    expect(await sharedNames(w, 'dan')).toEqual([]);
    await w.add({ shares: [{ contact: 'zoe', user: 'ada', level: 'view' }, { contact: 'yan', team: 'sales', level: 'edit' }] });
    expect(await sharedNames(w, 'ada')).toEqual(['Zoe']);
    expect(await sharedNames(w, 'cat')).toEqual(['Yan']);
    await w.add({ grants: [{ owner: 'ben', user: 'dan', scope: 'contacts', level: 'view' }] });
    expect(await sharedNames(w, 'dan')).toEqual(['Xia', 'Yan', 'Zoe']);
    // A bucket share reaches the bucket's contacts, but never the caller's own (Ada owns "Own").
    await w.add({ bucketShares: [{ bucket: 'key', user: 'ada', level: 'view' }] });
    expect(await sharedNames(w, 'ada')).toEqual(['Xia', 'Zoe']);
    expect(await sharedNames(w, 'ada', { sort: 'created' })).toEqual(expect.arrayContaining(['Xia', 'Zoe']));
    // A user grant to a team reaches its members.
    await w.add({ grants: [{ owner: 'ada', team: 'sales', scope: 'contacts', level: 'view' }] });
    expect(await sharedNames(w, 'cat')).toEqual(['Own', 'Yan']);
    // A calendar grant shares no contact; an expired share ends at once.
    const now = t.clock.now();
    await w.add({ grants: [{ owner: 'ben', user: 'cat', scope: 'calendar', level: 'edit' }], shares: [{ contact: 'xia', user: 'cat', level: 'view', expiresAt: now + 1000 }] });
    expect(await sharedNames(w, 'cat')).toEqual(['Own', 'Xia', 'Yan']);
    t.clock.set(now + 1000);
    expect(await sharedNames(w, 'cat')).toEqual(['Own', 'Yan']);
    // The owner has nothing shared with himself, and another org sees nothing.
    expect(await sharedNames(w, 'ben')).toEqual([]);
    expect(await sharedNames(w, 'oz')).toEqual([]);
  });

  it('pages by keyset in every sort, with search and filters inside the scope', async () => {
    const w = await acme();
    await w.add({ grants: [{ owner: 'ben', user: 'cat', scope: 'contacts', level: 'view' }] });
    for (const sort of ['name', 'owner', 'activity', 'created']) {
      const seen: string[] = [];
      let cursor: string | null | undefined;
      do {
        const page = expectStatus(await api.contacts.list({ as: w.users.cat, query: { scope: 'sharedWithYou', sort, limit: 1, ...(cursor ? { cursor } : {}) } }), 200);
        seen.push(...page.items.map((c) => c.name));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen.sort(), sort).toEqual(['Xia', 'Yan', 'Zoe']);
    }
    expect(await sharedNames(w, 'cat', { q: 'zo' })).toEqual(['Zoe']);
    expect(await sharedNames(w, 'cat', { ownerId: w.users.ben.id })).toEqual(['Xia', 'Yan', 'Zoe']);
    expect(await sharedNames(w, 'cat', { ownerId: w.users.ada.id })).toEqual([]);
    expect(await sharedNames(w, 'cat', { archived: 'true' })).toEqual([]);
  });
});

describe('GET /contacts/:id/access/holders', () => {
  it('lists every user with access with the sources GET /access gives them, and the teams behind team sources', async () => {
    const w = await acme({ shareAll: true });
    await w.add({
      shares: [{ contact: 'xia', team: 'sales', level: 'collaborate', by: 'ben' }, { contact: 'xia', user: 'eve', level: 'edit' }],
      grants: [{ owner: 'ben', user: 'cat', scope: 'contacts', level: 'edit' }],
      bucketShares: [{ bucket: 'key', user: 'dan', level: 'view', by: 'ada' }],
    });
    const answer = expectStatus(await api.contacts.accessHolders(w.contacts.xia, { as: w.users.ben }), 200);
    expect(answer.contactId).toBe(w.contacts.xia);
    // Highest level first, then by name; Eve is deactivated and Oz is in another org.
    expect(answer.holders.map((h) => [h.name, h.level])).toEqual([['Ben', 'owner'], ['Cat', 'edit'], ['Dan', 'collaborate'], ['Ada', 'profile']]);
    for (const holder of answer.holders) {
      const one = expectStatus(await api.contacts.explain(w.contacts.xia, { as: w.users.ada, query: { userId: holder.userId } }), 200);
      expect(holder.sources, holder.name).toEqual(one.sources);
    }
    expect(answer.holders.find((h) => h.name === 'Ada')?.sources).toEqual([{ kind: 'admin', level: 'profile' }, { kind: 'share_all', level: 'profile' }]);
    expect(answer.teams).toEqual([{
      teamId: w.teams.sales, name: 'Sales', memberIds: [w.users.cat.id, w.users.dan.id],
      sources: [expect.objectContaining({ kind: 'record_share', level: 'collaborate', grantedByName: 'Ben' })],
    }]);
    expect(answer.teams[0]?.sources[0]).not.toHaveProperty('viaTeamId');
  });

  it('the owner and admins may ask; a collaborator gets 403; a stranger and another org 404', async () => {
    const w = await acme();
    await w.add({ shares: [{ contact: 'zoe', user: 'cat', level: 'collaborate' }] });
    expect(expectStatus(await api.contacts.accessHolders(w.contacts.zoe, { as: w.users.ben }), 200).holders.map((h) => h.name)).toEqual(['Ben', 'Cat', 'Ada']);
    expectStatus(await api.contacts.accessHolders(w.contacts.zoe, { as: w.users.ada }), 200);
    expect(outcome(await api.contacts.accessHolders(w.contacts.zoe, { as: w.users.cat }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    const missing = { status: 404, code: 'TANDEM_CONTACT_NOT_FOUND' };
    expect(outcome(await api.contacts.accessHolders(w.contacts.zoe, { as: w.users.dan }))).toEqual(missing);
    expect(outcome(await api.contacts.accessHolders(w.contacts.zoe, { as: w.users.oz }))).toEqual(missing);
    expect(outcome(await api.contacts.accessHolders('00000000-0000-4000-8000-000000000000', { as: w.users.ada }))).toEqual(missing);
    expect(outcome(await api.contacts.accessHolders('nope', { as: w.users.ada }))).toEqual(missing);
    expect(outcome(await api.contacts.accessHolders(w.contacts.zoe, {}))).toEqual({ status: 401, code: expect.any(String) });
  });

  it('a trashed contact: its owner and admins only, and shares give nothing', async () => {
    const w = await acme();
    await w.add({ shares: [{ contact: 'zoe', user: 'cat', level: 'edit' }] });
    expectStatus(await api.contacts.delete(w.contacts.zoe, { as: w.users.ben }), 204);
    expect(expectStatus(await api.contacts.accessHolders(w.contacts.zoe, { as: w.users.ada }), 200).holders.map((h) => h.name)).toEqual(['Ben', 'Ada']);
    expect(outcome(await api.contacts.accessHolders(w.contacts.zoe, { as: w.users.cat }))).toEqual({ status: 404, code: 'TANDEM_CONTACT_NOT_FOUND' });
  });
});
