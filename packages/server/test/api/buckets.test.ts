// Buckets (spec §6.2): a bucket gives its sharees access to every contact in it; owning one gives nothing by
// itself; adding needs edit on the bucket and on the contact; deleting keeps the contacts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOrg, createTeam, createUser } from '../fixtures/org-fixture.ts';
import { buildTestApp, type TestApp } from '../support/harness.ts';
import { contactsClient, expectStatus, type ContactClient } from './support/contacts-client.ts';

let t: TestApp;
let client: ContactClient;
beforeAll(async () => {
  t = await buildTestApp();
  client = contactsClient(t.app);
});
afterAll(async () => t.close());
beforeEach(() => { t.clock.set('2026-01-05T09:00:00Z'); });

async function world() {
  const db = t.handle.db;
  const orgId = await createOrg(db, 'Acme');
  const mk = (name: string, role: 'admin' | 'member' = 'member') => createUser(db, orgId, { name, role });
  const [ben, cat, dan, ada] = await Promise.all([mk('Ben'), mk('Cat'), mk('Dan'), mk('Ada', 'admin')]);
  const contact = async (as: string, name: string) => expectStatus(await client.createContact({ as, body: { name } }), 201).contact;
  const bucket = async (as: string, name: string) => expectStatus(await client.createBucket({ as, name }), 201).bucket;
  return { orgId, ben, cat, dan, ada, contact, bucket };
}

describe('buckets', () => {
  it('create, get, rename: the Bucket shape with the caller\'s access', async () => {
    const { ben, bucket } = await world();
    const b = await bucket(ben.token, '  Key accounts ');
    expect(b).toEqual({ id: expect.any(String), name: 'Key accounts', ownerId: ben.id, contactCount: 0, access: { level: 'owner', canEdit: true, canManage: true } });
    expect(expectStatus(await client.renameBucket(b.id, { as: ben.token, name: 'VIP' }), 200).bucket.name).toBe('VIP');
    expect(expectStatus(await client.getBucket(b.id, { as: ben.token }), 200).bucket.name).toBe('VIP');
    expect((await client.renameBucket(b.id, { as: ben.token, name: '' })).status).toBe(400);
  });

  it('a bucket share gives its level on every contact in it, however it got there, within its window', async () => {
    const { ben, cat, dan, contact, bucket } = await world();
    const b = await bucket(ben.token, 'Key accounts');
    const zoe = await contact(ben.token, 'Zoe');
    expectStatus(await client.addToBucket(b.id, { as: ben.token, contactIds: [zoe.id] }), 200);
    // Dan may not put his own contact into Ben's bucket before Ben shares the bucket with him at edit.
    const dans = await contact(dan.token, 'Dans');
    expect((await client.addToBucket(b.id, { as: dan.token, contactIds: [dans.id] })).status).toBe(404);
    expectStatus(await client.shareBucket(b.id, { as: ben.token, body: { grantee: { userId: dan.id }, level: 'edit' } }), 201);
    expectStatus(await client.addToBucket(b.id, { as: dan.token, contactIds: [dans.id] }), 200);
    const share = expectStatus(await client.shareBucket(b.id, { as: ben.token, body: { grantee: { userId: cat.id }, level: 'collaborate', expiresAt: '2026-01-06T00:00:00Z' } }), 201).share;
    expect(share).toMatchObject({ bucketId: b.id, grantee: { userId: cat.id }, granteeName: 'Cat', level: 'collaborate', active: true });
    const catSees = expectStatus(await client.listContacts({ as: cat.token }), 200).items;
    expect(catSees.map((c: { name: string; access: { level: string } }) => `${c.name}:${c.access.level}`)).toEqual(['Dans:collaborate', 'Zoe:collaborate']);
    expect(expectStatus(await client.getBucket(b.id, { as: cat.token }), 200).bucket).toMatchObject({ contactCount: 2, access: { level: 'collaborate', canEdit: false, canManage: false } });
    t.clock.set('2026-01-06T00:00:00Z');
    expect(expectStatus(await client.listContacts({ as: cat.token }), 200).items).toEqual([]);
    expect((await client.getBucket(b.id, { as: cat.token })).status).toBe(404);
  });

  it('owning a bucket gives nothing by itself; adding a contact needs edit on it', async () => {
    const { ben, cat, dan, contact, bucket } = await world();
    const b = await bucket(ben.token, 'Mine');
    expectStatus(await client.shareBucket(b.id, { as: ben.token, body: { grantee: { userId: cat.id }, level: 'edit' } }), 201);
    const cats = await contact(cat.token, 'Cats');
    expectStatus(await client.addToBucket(b.id, { as: cat.token, contactIds: [cats.id] }), 200);
    // Ben owns the bucket but not Cat's contact: he neither sees it nor can he remove it.
    expect((await client.getContact(cats.id, { as: ben.token })).status).toBe(404);
    expect((await client.removeFromBucket(b.id, cats.id, { as: ben.token })).body.code).toBe('TANDEM_CONTACT_NOT_FOUND');
    // Viewing a contact is not enough to add it: edit is needed.
    const dans = await contact(dan.token, 'Dans');
    expectStatus(await client.createShare(dans.id, { as: dan.token, body: { grantee: { userId: cat.id }, level: 'collaborate' } }), 201);
    const refused = await client.addToBucket(b.id, { as: cat.token, contactIds: [dans.id] });
    expect(`${refused.status} ${refused.body.code}`).toBe('403 TANDEM_ACCESS_FORBIDDEN');
    expect((await client.addToBucket(b.id, { as: cat.token, contactIds: ['00000000-0000-4000-8000-000000000000'] })).body.code).toBe('TANDEM_CONTACT_NOT_FOUND');
  });

  it('adding is all or nothing, and repeated adds are harmless', async () => {
    const { ben, cat, contact, bucket } = await world();
    const b = await bucket(ben.token, 'Mine');
    const one = await contact(ben.token, 'One');
    const cats = await contact(cat.token, 'Cats');
    expect((await client.addToBucket(b.id, { as: ben.token, contactIds: [one.id, cats.id] })).status).toBe(404);
    expect(expectStatus(await client.getBucket(b.id, { as: ben.token }), 200).bucket.contactCount).toBe(0);
    expectStatus(await client.addToBucket(b.id, { as: ben.token, contactIds: [one.id, one.id] }), 200);
    expect(expectStatus(await client.addToBucket(b.id, { as: ben.token, contactIds: [one.id] }), 200).bucket.contactCount).toBe(1);
    const trashed = await contact(ben.token, 'Trashed');
    expectStatus(await client.deleteContact(trashed.id, { as: ben.token }), 204);
    expect((await client.addToBucket(b.id, { as: ben.token, contactIds: [trashed.id] })).status).toBe(409);
  });

  it('deleting a bucket keeps its contacts and ends the access it gave; it is audited with its shares', async () => {
    const { orgId, ben, cat, ada, contact, bucket } = await world();
    const b = await bucket(ben.token, 'Temp');
    const zoe = await contact(ben.token, 'Zoe');
    await client.addToBucket(b.id, { as: ben.token, contactIds: [zoe.id] });
    const team = await createTeam(t.handle.db, orgId, 'Sales', [cat.id]);
    expectStatus(await client.shareBucket(b.id, { as: ben.token, body: { grantee: { teamId: team }, level: 'view' } }), 201);
    expect((await client.getContact(zoe.id, { as: cat.token })).status).toBe(200);
    expect((await client.deleteBucket(b.id, { as: cat.token })).status).toBe(403);
    expectStatus(await client.deleteBucket(b.id, { as: ada.token }), 204);
    expect((await client.getContact(zoe.id, { as: cat.token })).status).toBe(404);
    expect((await client.getContact(zoe.id, { as: ben.token })).status).toBe(200);
    expect((await client.getBucket(b.id, { as: ben.token })).body.code).toBe('TANDEM_BUCKET_NOT_FOUND');
    const log = await t.handle.db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId).orderBy('seq').execute();
    expect(log.map((e) => e.action)).toEqual(['contact.create', 'bucket.contacts.add', 'bucket.share.create', 'bucket.delete']);
    expect(log[3]?.before).toMatchObject({ name: 'Temp', ownerId: ben.id, contactCount: 1, shares: [{ grantee: { teamId: team }, level: 'view' }] });
  });

  it('shares: listed and revoked by the owner or an admin; revoking ends access at once', async () => {
    const { ben, cat, ada, contact, bucket } = await world();
    const b = await bucket(ben.token, 'B');
    const zoe = await contact(ben.token, 'Zoe');
    await client.addToBucket(b.id, { as: ben.token, contactIds: [zoe.id] });
    const s = expectStatus(await client.shareBucket(b.id, { as: ben.token, body: { grantee: { userId: cat.id }, level: 'view' } }), 201).share;
    expect(expectStatus(await client.listBucketShares(b.id, { as: ada.token }), 200).items.map((x: { id: string }) => x.id)).toEqual([s.id]);
    expect((await client.listBucketShares(b.id, { as: cat.token })).status).toBe(403);
    expect((await client.revokeBucketShare(b.id, 'nope', { as: ben.token })).body.code).toBe('TANDEM_SHARE_NOT_FOUND');
    expectStatus(await client.revokeBucketShare(b.id, s.id, { as: ben.token }), 204);
    expect((await client.getContact(zoe.id, { as: cat.token })).status).toBe(404);
  });

  it('GET /buckets pages by name; GET /contacts?bucketId= narrows to one visible bucket', async () => {
    const { ben, cat, contact, bucket } = await world();
    for (const name of ['delta', 'Alpha', 'charlie', 'Bravo']) await bucket(ben.token, name);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = expectStatus(await client.listBuckets({ as: ben.token, query: { limit: 3, cursor } }), 200);
      seen.push(...page.items.map((b: { name: string }) => b.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['Alpha', 'Bravo', 'charlie', 'delta']);
    const b = await bucket(ben.token, 'Focus');
    const in1 = await contact(ben.token, 'In');
    await contact(ben.token, 'Out');
    await client.addToBucket(b.id, { as: ben.token, contactIds: [in1.id] });
    expect(expectStatus(await client.listContacts({ as: ben.token, query: { bucketId: b.id } }), 200).items.map((c: { name: string }) => c.name)).toEqual(['In']);
    expect((await client.listContacts({ as: cat.token, query: { bucketId: b.id } })).body.code).toBe('TANDEM_BUCKET_NOT_FOUND');
  });
});
