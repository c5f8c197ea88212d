// GET /contacts/:id/access (spec §10): the effective level and every active source, with names, for oneself and,
// for owners and admins, for anyone.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOrg, createTeam, createUser, createUserGrant } from '../fixtures/org-fixture.ts';
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

async function world(settings: Parameters<typeof createOrg>[2] = {}) {
  const db = t.handle.db;
  const orgId = await createOrg(db, 'Acme', settings);
  const mk = (name: string, role: 'admin' | 'member' = 'member') => createUser(db, orgId, { name, role });
  const [ben, cat, dan, ada] = await Promise.all([mk('Ben'), mk('Cat'), mk('Dan'), mk('Ada', 'admin')]);
  const zoe = expectStatus(await client.createContact({ as: ben.token, body: { name: 'Zoe' } }), 201).contact;
  return { orgId, ben, cat, dan, ada, zoe };
}

describe('explain', () => {
  it('lists every active source, highest first, with names resolved', async () => {
    const { orgId, ben, cat, ada, zoe } = await world({ share_all_contacts: true });
    const team = await createTeam(t.handle.db, orgId, 'Sales', [cat.id]);
    const grantId = await createUserGrant(t.handle.db, orgId, { ownerId: ben.id, grantee: { userId: cat.id }, scope: 'contacts', level: 'view' });
    const teamShare = expectStatus(await client.createShare(zoe.id, { as: ben.token, body: { grantee: { teamId: team }, level: 'edit', expiresAt: '2026-02-01T00:00:00Z' } }), 201).share;
    const bucket = expectStatus(await client.createBucket({ as: ben.token, name: 'Key accounts' }), 201).bucket;
    expectStatus(await client.addToBucket(bucket.id, { as: ben.token, contactIds: [zoe.id] }), 200);
    const bucketShare = expectStatus(await client.shareBucket(bucket.id, { as: ada.token, body: { grantee: { userId: cat.id }, level: 'collaborate' } }), 201).share;
    // An expired share is not a source.
    expectStatus(await client.createShare(zoe.id, { as: ben.token, body: { grantee: { userId: cat.id }, level: 'edit', expiresAt: '2026-01-05T10:00:00Z' } }), 201);
    t.clock.set('2026-01-05T11:00:00Z');
    const answer = expectStatus(await client.explain(zoe.id, { as: cat.token }), 200);
    expect(answer.userId).toBe(cat.id);
    expect(answer.level).toBe('edit');
    expect(answer.sources).toEqual([
      {
        kind: 'record_share', level: 'edit', id: teamShare.id, grantedBy: ben.id, grantedByName: 'Ben', grantedAt: '2026-01-05T09:00:00.000Z',
        startsAt: null, expiresAt: '2026-02-01T00:00:00.000Z', viaTeamId: team, viaTeamName: 'Sales',
      },
      {
        kind: 'bucket_share', level: 'collaborate', id: bucketShare.id, grantedBy: ada.id, grantedByName: 'Ada', grantedAt: '2026-01-05T09:00:00.000Z',
        startsAt: null, expiresAt: null, bucketId: bucket.id, bucketName: 'Key accounts',
      },
      {
        kind: 'user_grant', level: 'view', id: grantId, grantedBy: null, grantedByName: null, grantedAt: expect.any(String),
        startsAt: null, expiresAt: null, ownerId: ben.id,
      },
      { kind: 'share_all', level: 'profile' },
    ]);
  });

  it('the owner and admins may ask about anyone; others only about themselves', async () => {
    const { ben, cat, dan, ada, zoe } = await world();
    expectStatus(await client.createShare(zoe.id, { as: ben.token, body: { grantee: { userId: cat.id }, level: 'edit' } }), 201);
    expect(expectStatus(await client.explain(zoe.id, { as: ben.token, userId: cat.id }), 200).level).toBe('edit');
    const aboutDan = expectStatus(await client.explain(zoe.id, { as: ada.token, userId: dan.id }), 200);
    expect(aboutDan).toEqual({ userId: dan.id, level: 'none', sources: [] });
    expect(expectStatus(await client.explain(zoe.id, { as: ada.token }), 200)).toEqual({ userId: ada.id, level: 'profile', sources: [{ kind: 'admin', level: 'profile' }] });
    expect(expectStatus(await client.explain(zoe.id, { as: ben.token }), 200).sources).toEqual([{ kind: 'owner', level: 'owner' }]);
    const refused = await client.explain(zoe.id, { as: cat.token, userId: ben.id });
    expect(`${refused.status} ${refused.body.code}`).toBe('403 TANDEM_ACCESS_FORBIDDEN');
    expect(expectStatus(await client.explain(zoe.id, { as: cat.token, userId: cat.id }), 200).level).toBe('edit');
  });

  it('a deactivated user has no level; an unknown or other-org user is 404', async () => {
    const { ben, cat, zoe, orgId } = await world();
    expectStatus(await client.createShare(zoe.id, { as: ben.token, body: { grantee: { userId: cat.id }, level: 'edit' } }), 201);
    await t.handle.db.updateTable('users').set({ status: 'deactivated' }).where('org_id', '=', orgId).where('id', '=', cat.id).execute();
    expect(expectStatus(await client.explain(zoe.id, { as: ben.token, userId: cat.id }), 200)).toEqual({ userId: cat.id, level: 'none', sources: [] });
    const other = await world();
    for (const userId of [other.ben.id, 'nope', '00000000-0000-4000-8000-000000000000']) {
      const res = await client.explain(zoe.id, { as: ben.token, userId });
      expect(`${res.status} ${res.body.code}`).toBe('404 TANDEM_USER_NOT_FOUND');
    }
  });

  it('on a trashed contact, shares are not sources', async () => {
    const { ben, cat, zoe } = await world();
    expectStatus(await client.createShare(zoe.id, { as: ben.token, body: { grantee: { userId: cat.id }, level: 'edit' } }), 201);
    expectStatus(await client.deleteContact(zoe.id, { as: ben.token }), 204);
    expect(expectStatus(await client.explain(zoe.id, { as: ben.token, userId: cat.id }), 200)).toEqual({ userId: cat.id, level: 'none', sources: [] });
    expect((await client.explain(zoe.id, { as: cat.token })).status).toBe(404);
  });
});
