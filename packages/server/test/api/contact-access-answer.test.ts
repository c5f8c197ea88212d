// What a contact's `access` tells the screens beyond level and actions (issue 10, defects 4 and 5):
//   - `sharedWithYou`: a record share, a user grant or a bucket share reaches the caller. Owning it, being an admin
//     and "share all contacts" do not count (`shared` stays "the caller is not the owner", as the spec defines it);
//   - `reassignTo`: whom the caller may make the owner (spec §6.4): anyone active for admins, otherwise themselves and
//     the owners of their `edit` user grants on contacts; nobody when they may not reassign at all.
import { describe, expect, it } from 'vitest';
import { expectStatus } from './support/api-client.ts';
import { useTestApp } from './support/test-app.ts';

const t = useTestApp();
const { api } = t;

async function world() {
  return t.world({
    orgs: { acme: { shareAllContacts: true } },
    users: { ada: { role: 'admin' }, ben: {}, cat: {}, dan: {}, eve: {}, fay: {}, gus: {} },
    teams: { sales: { members: ['eve'] } },
    contacts: { zoe: { owner: 'ben' }, yan: { owner: 'ben' }, old: { owner: 'ben', state: 'trashed' } },
    buckets: { key: { owner: 'ben', contacts: ['zoe'] } },
    grants: [
      { owner: 'ben', user: 'dan', scope: 'contacts', level: 'edit' },
      { owner: 'gus', user: 'dan', scope: 'contacts', level: 'edit' },
      { owner: 'ben', user: 'gus', scope: 'calendar', level: 'edit' },
    ],
    shares: [
      { contact: 'zoe', user: 'cat', level: 'view' },
      { contact: 'yan', team: 'sales', level: 'collaborate' },
      { contact: 'old', user: 'cat', level: 'edit' },
      { contact: 'yan', user: 'gus', level: 'edit', expiresAt: '2000-01-01T00:00:00Z' },
    ],
    bucketShares: [{ bucket: 'key', user: 'fay', level: 'view' }],
  });
}

describe("a contact's access: sharedWithYou", () => {
  it('is true through a record share, a team share, a user grant or a bucket share, and false for the owner, an admin and share-all', async () => {
    const w = await world();
    const { zoe, yan } = w.contacts;
    const flags = async (who: keyof typeof w.users, id: string) => {
      const { access } = expectStatus(await api.contacts.get(id, { as: w.users[who].token }), 200).contact;
      return { shared: access.shared, sharedWithYou: access.sharedWithYou };
    };
    expect(await flags('ben', zoe)).toEqual({ shared: false, sharedWithYou: false });
    expect(await flags('ada', zoe)).toEqual({ shared: true, sharedWithYou: false });
    expect(await flags('cat', zoe)).toEqual({ shared: true, sharedWithYou: true });
    expect(await flags('cat', yan)).toEqual({ shared: true, sharedWithYou: false });
    expect(await flags('eve', yan)).toEqual({ shared: true, sharedWithYou: true });
    expect(await flags('dan', yan)).toEqual({ shared: true, sharedWithYou: true });
    expect(await flags('fay', zoe)).toEqual({ shared: true, sharedWithYou: true });
    expect(await flags('fay', yan)).toEqual({ shared: true, sharedWithYou: false });
    expect(await flags('gus', yan), 'an expired share gives nothing').toEqual({ shared: true, sharedWithYou: false });
  });

  it('answers the same in lists, and a trashed contact is shared with nobody', async () => {
    const w = await world();
    const listed = async (who: keyof typeof w.users, query: Record<string, string> = {}) =>
      Object.fromEntries(expectStatus(await api.contacts.list({ as: w.users[who].token, query }), 200).items.map((c) => [c.name, c.access.sharedWithYou]));
    expect(await listed('ada')).toEqual({ Zoe: false, Yan: false });
    expect(await listed('cat')).toEqual({ Zoe: true, Yan: false });
    expect(await listed('ada', { trash: 'true' })).toEqual({ Old: false });
  });
});

describe("a contact's access: reassignTo", () => {
  it('names anyone for an admin, self and edit-grant owners for a member who may reassign, nobody otherwise', async () => {
    const w = await world();
    const { zoe } = w.contacts;
    const { ben, dan, gus } = w.users;
    const targets = async (who: keyof typeof w.users) => expectStatus(await api.contacts.get(zoe, { as: w.users[who].token }), 200).contact.access.reassignTo;
    expect(await targets('ada')).toEqual({ anyone: true, userIds: [] });
    expect(await targets('ben')).toEqual({ anyone: false, userIds: [ben.id] });
    expect(await targets('dan')).toEqual({ anyone: false, userIds: expect.arrayContaining([dan.id, ben.id, gus.id]) });
    expect((await targets('dan')).userIds).toHaveLength(3);
    expect(await targets('cat')).toEqual({ anyone: false, userIds: [] });
  });
});
