// Buckets (spec §6.2): a bucket gives its sharees access to every contact in it; owning one gives nothing by
// itself; adding needs edit on the bucket and on the contact; deleting keeps the contacts.
import { describe, expect, it } from 'vitest';
import { expectStatus, outcome } from './support/api-client.ts';
import { useTestApp } from './support/test-app.ts';

const t = useTestApp();
const { api } = t;

/** Acme: admin Ada, members Ben, Cat and Dan (Cat in team Sales); contacts and buckets are made through the API. */
async function world() {
  const w = await t.world({ users: { ben: {}, cat: {}, dan: {}, ada: { role: 'admin' } }, teams: { sales: { members: ['cat'] } } });
  const contact = async (as: string, name: string) => expectStatus(await api.contacts.create({ name }, { as }), 201).contact;
  const bucket = async (as: string, name: string) => expectStatus(await api.buckets.create({ name }, { as }), 201).bucket;
  return { ...w.users, orgId: w.orgId, teams: w.teams, contact, bucket };
}

describe('buckets', () => {
  it('create, get, rename: the Bucket shape with the caller\'s access', async () => {
    const { ben, bucket } = await world();
    const b = await bucket(ben.token, '  Key accounts ');
    expect(b).toEqual({ id: expect.any(String), name: 'Key accounts', ownerId: ben.id, contactCount: 0, access: { level: 'owner', canEdit: true, canManage: true } });
    expect(expectStatus(await api.buckets.rename(b.id, { name: 'VIP' }, { as: ben.token }), 200).bucket.name).toBe('VIP');
    expect(expectStatus(await api.buckets.get(b.id, { as: ben.token }), 200).bucket.name).toBe('VIP');
    expect((await api.buckets.rename(b.id, { name: '' }, { as: ben.token })).status).toBe(400);
  });

  it('a bucket share gives its level on every contact in it, however it got there, within its window', async () => {
    const { ben, cat, dan, contact, bucket } = await world();
    const b = await bucket(ben.token, 'Key accounts');
    const zoe = await contact(ben.token, 'Zoe');
    expectStatus(await api.buckets.addContacts(b.id, { contactIds: [zoe.id] }, { as: ben.token }), 200);
    // Dan may not put his own contact into Ben's bucket before Ben shares the bucket with him at edit.
    const dans = await contact(dan.token, 'Dans');
    expect((await api.buckets.addContacts(b.id, { contactIds: [dans.id] }, { as: dan.token })).status).toBe(404);
    expectStatus(await api.buckets.share(b.id, { grantee: { userId: dan.id }, level: 'edit' }, { as: ben.token }), 201);
    expectStatus(await api.buckets.addContacts(b.id, { contactIds: [dans.id] }, { as: dan.token }), 200);
    const share = expectStatus(await api.buckets.share(b.id, { grantee: { userId: cat.id }, level: 'collaborate', expiresAt: '2026-01-06T00:00:00Z' }, { as: ben.token }), 201).share;
    expect(share).toMatchObject({ bucketId: b.id, grantee: { userId: cat.id }, granteeName: 'Cat', level: 'collaborate', active: true });
    const catSees = expectStatus(await api.contacts.list({ as: cat.token }), 200).items;
    expect(catSees.map((c) => `${c.name}:${c.access.level}`)).toEqual(['Dans:collaborate', 'Zoe:collaborate']);
    expect(expectStatus(await api.buckets.get(b.id, { as: cat.token }), 200).bucket).toMatchObject({ contactCount: 2, access: { level: 'collaborate', canEdit: false, canManage: false } });
    t.clock.set('2026-01-06T00:00:00Z');
    expect(expectStatus(await api.contacts.list({ as: cat.token }), 200).items).toEqual([]);
    expect((await api.buckets.get(b.id, { as: cat.token })).status).toBe(404);
  });

  it('owning a bucket gives nothing by itself; adding a contact needs edit on it', async () => {
    const { ben, cat, dan, contact, bucket } = await world();
    const b = await bucket(ben.token, 'Mine');
    expectStatus(await api.buckets.share(b.id, { grantee: { userId: cat.id }, level: 'edit' }, { as: ben.token }), 201);
    const cats = await contact(cat.token, 'Cats');
    expectStatus(await api.buckets.addContacts(b.id, { contactIds: [cats.id] }, { as: cat.token }), 200);
    // Ben owns the bucket but not Cat's contact: he neither sees it nor can he remove it.
    expect((await api.contacts.get(cats.id, { as: ben.token })).status).toBe(404);
    expect(outcome(await api.buckets.removeContact(b.id, cats.id, { as: ben.token })).code).toBe('TANDEM_CONTACT_NOT_FOUND');
    // Viewing a contact is not enough to add it: edit is needed.
    const dans = await contact(dan.token, 'Dans');
    expectStatus(await api.shares.create(dans.id, { grantee: { userId: cat.id }, level: 'collaborate' }, { as: dan.token }), 201);
    const refused = await api.buckets.addContacts(b.id, { contactIds: [dans.id] }, { as: cat.token });
    expect(outcome(refused)).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expect(outcome(await api.buckets.addContacts(b.id, { contactIds: ['00000000-0000-4000-8000-000000000000'] }, { as: cat.token })).code).toBe('TANDEM_CONTACT_NOT_FOUND');
  });

  it('adding is all or nothing, and repeated adds are harmless', async () => {
    const { ben, cat, contact, bucket } = await world();
    const b = await bucket(ben.token, 'Mine');
    const one = await contact(ben.token, 'One');
    const cats = await contact(cat.token, 'Cats');
    expect((await api.buckets.addContacts(b.id, { contactIds: [one.id, cats.id] }, { as: ben.token })).status).toBe(404);
    expect(expectStatus(await api.buckets.get(b.id, { as: ben.token }), 200).bucket.contactCount).toBe(0);
    expectStatus(await api.buckets.addContacts(b.id, { contactIds: [one.id, one.id] }, { as: ben.token }), 200);
    expect(expectStatus(await api.buckets.addContacts(b.id, { contactIds: [one.id] }, { as: ben.token }), 200).bucket.contactCount).toBe(1);
    const trashed = await contact(ben.token, 'Trashed');
    expectStatus(await api.contacts.delete(trashed.id, { as: ben.token }), 204);
    expect((await api.buckets.addContacts(b.id, { contactIds: [trashed.id] }, { as: ben.token })).status).toBe(409);
  });

  it('deleting a bucket keeps its contacts and ends the access it gave; it is audited with its shares', async () => {
    const { orgId, ben, cat, ada, teams, contact, bucket } = await world();
    const b = await bucket(ben.token, 'Temp');
    const zoe = await contact(ben.token, 'Zoe');
    await api.buckets.addContacts(b.id, { contactIds: [zoe.id] }, { as: ben.token });
    const team = teams.sales;
    expectStatus(await api.buckets.share(b.id, { grantee: { teamId: team }, level: 'view' }, { as: ben.token }), 201);
    expect((await api.contacts.get(zoe.id, { as: cat.token })).status).toBe(200);
    expect((await api.buckets.delete(b.id, { as: cat.token })).status).toBe(403);
    expectStatus(await api.buckets.delete(b.id, { as: ada.token }), 204);
    expect((await api.contacts.get(zoe.id, { as: cat.token })).status).toBe(404);
    expect((await api.contacts.get(zoe.id, { as: ben.token })).status).toBe(200);
    expect(outcome(await api.buckets.get(b.id, { as: ben.token })).code).toBe('TANDEM_BUCKET_NOT_FOUND');
    const log = await t.db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId).orderBy('seq').execute();
    expect(log.map((e) => e.action)).toEqual(['contact.create', 'bucket.contacts.add', 'bucket.share.create', 'bucket.delete']);
    expect(log[3]?.before).toMatchObject({ name: 'Temp', ownerId: ben.id, contactCount: 1, shares: [{ grantee: { teamId: team }, level: 'view' }] });
  });

  it('shares: listed and revoked by the owner or an admin; revoking ends access at once', async () => {
    const { ben, cat, ada, contact, bucket } = await world();
    const b = await bucket(ben.token, 'B');
    const zoe = await contact(ben.token, 'Zoe');
    await api.buckets.addContacts(b.id, { contactIds: [zoe.id] }, { as: ben.token });
    const s = expectStatus(await api.buckets.share(b.id, { grantee: { userId: cat.id }, level: 'view' }, { as: ben.token }), 201).share;
    expect(expectStatus(await api.buckets.listShares(b.id, { as: ada.token }), 200).items.map((x) => x.id)).toEqual([s.id]);
    expect((await api.buckets.listShares(b.id, { as: cat.token })).status).toBe(403);
    expect(outcome(await api.buckets.revokeShare(b.id, 'nope', { as: ben.token })).code).toBe('TANDEM_SHARE_NOT_FOUND');
    expectStatus(await api.buckets.revokeShare(b.id, s.id, { as: ben.token }), 204);
    expect((await api.contacts.get(zoe.id, { as: cat.token })).status).toBe(404);
  });

  it('GET /buckets pages by name; GET /contacts?bucketId= narrows to one visible bucket', async () => {
    const { ben, cat, contact, bucket } = await world();
    for (const name of ['delta', 'Alpha', 'charlie', 'Bravo']) await bucket(ben.token, name);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = expectStatus(await api.buckets.list({ as: ben.token, query: { limit: 3, cursor } }), 200);
      seen.push(...page.items.map((b) => b.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['Alpha', 'Bravo', 'charlie', 'delta']);
    const b = await bucket(ben.token, 'Focus');
    const in1 = await contact(ben.token, 'In');
    await contact(ben.token, 'Out');
    await api.buckets.addContacts(b.id, { contactIds: [in1.id] }, { as: ben.token });
    expect(expectStatus(await api.contacts.list({ as: ben.token, query: { bucketId: b.id } }), 200).items.map((c) => c.name)).toEqual(['In']);
    expect(outcome(await api.contacts.list({ as: cat.token, query: { bucketId: b.id } })).code).toBe('TANDEM_BUCKET_NOT_FOUND');
  });
});
