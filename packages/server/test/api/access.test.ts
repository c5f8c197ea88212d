// GET /contacts/:id/access (spec §10): the effective level and every active source, with names, for oneself and,
// for owners and admins, for anyone.
import { describe, expect, it } from 'vitest';
import { expectStatus, outcome } from './support/api-client.ts';
import { useTestApp } from './support/test-app.ts';

const t = useTestApp();
const { api } = t;

/** Acme: admin Ada, members Ben, Cat and Dan; Ben creates Zoe through the API. */
async function world() {
  const w = await t.world({ users: { ben: {}, cat: {}, dan: {}, ada: { role: 'admin' } } });
  const zoe = expectStatus(await api.contacts.create({ name: 'Zoe' }, { as: w.users.ben.token }), 201).contact;
  return { ...w.users, orgId: w.orgId, zoe };
}

describe('explain', () => {
  it('lists every active source, highest first, with names resolved', async () => {
    const w = await t.world({
      orgs: { acme: { shareAllContacts: true } }, users: { ben: {}, cat: {}, ada: { role: 'admin' } },
      teams: { sales: { members: ['cat'] } }, grants: [{ owner: 'ben', user: 'cat', scope: 'contacts', level: 'view' }],
    });
    const { ben, cat, ada } = w.users;
    const zoe = expectStatus(await api.contacts.create({ name: 'Zoe' }, { as: ben.token }), 201).contact;
    const team = w.teams.sales;
    const [grantId] = w.grants;
    const teamShare = expectStatus(await api.shares.create(zoe.id, { grantee: { teamId: team }, level: 'edit', expiresAt: '2026-02-01T00:00:00Z' }, { as: ben.token }), 201).share;
    const bucket = expectStatus(await api.buckets.create({ name: 'Key accounts' }, { as: ben.token }), 201).bucket;
    expectStatus(await api.buckets.addContacts(bucket.id, { contactIds: [zoe.id] }, { as: ben.token }), 200);
    const bucketShare = expectStatus(await api.buckets.share(bucket.id, { grantee: { userId: cat.id }, level: 'collaborate' }, { as: ada.token }), 201).share;
    // An expired share is not a source.
    expectStatus(await api.shares.create(zoe.id, { grantee: { userId: cat.id }, level: 'edit', expiresAt: '2026-01-05T10:00:00Z' }, { as: ben.token }), 201);
    t.clock.set('2026-01-05T11:00:00Z');
    const answer = expectStatus(await api.contacts.explain(zoe.id, { as: cat.token }), 200);
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
    expectStatus(await api.shares.create(zoe.id, { grantee: { userId: cat.id }, level: 'edit' }, { as: ben.token }), 201);
    expect(expectStatus(await api.contacts.explain(zoe.id, { as: ben.token, query: { userId: cat.id } }), 200).level).toBe('edit');
    const aboutDan = expectStatus(await api.contacts.explain(zoe.id, { as: ada.token, query: { userId: dan.id } }), 200);
    expect(aboutDan).toEqual({ userId: dan.id, level: 'none', sources: [] });
    expect(expectStatus(await api.contacts.explain(zoe.id, { as: ada.token }), 200)).toEqual({ userId: ada.id, level: 'profile', sources: [{ kind: 'admin', level: 'profile' }] });
    expect(expectStatus(await api.contacts.explain(zoe.id, { as: ben.token }), 200).sources).toEqual([{ kind: 'owner', level: 'owner' }]);
    const refused = await api.contacts.explain(zoe.id, { as: cat.token, query: { userId: ben.id } });
    expect(outcome(refused)).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expect(expectStatus(await api.contacts.explain(zoe.id, { as: cat.token, query: { userId: cat.id } }), 200).level).toBe('edit');
  });

  it('a deactivated user has no level; an unknown or other-org user is 404', async () => {
    const { ben, cat, zoe, orgId } = await world();
    expectStatus(await api.shares.create(zoe.id, { grantee: { userId: cat.id }, level: 'edit' }, { as: ben.token }), 201);
    await t.db.updateTable('users').set({ status: 'deactivated' }).where('org_id', '=', orgId).where('id', '=', cat.id).execute();
    expect(expectStatus(await api.contacts.explain(zoe.id, { as: ben.token, query: { userId: cat.id } }), 200)).toEqual({ userId: cat.id, level: 'none', sources: [] });
    const other = await world();
    for (const userId of [other.ben.id, 'nope', '00000000-0000-4000-8000-000000000000']) {
      const res = await api.contacts.explain(zoe.id, { as: ben.token, query: { userId } });
      expect(outcome(res)).toEqual({ status: 404, code: 'TANDEM_USER_NOT_FOUND' });
    }
  });

  it('on a trashed contact, shares are not sources', async () => {
    const { ben, cat, zoe } = await world();
    expectStatus(await api.shares.create(zoe.id, { grantee: { userId: cat.id }, level: 'edit' }, { as: ben.token }), 201);
    expectStatus(await api.contacts.delete(zoe.id, { as: ben.token }), 204);
    expect(expectStatus(await api.contacts.explain(zoe.id, { as: ben.token, query: { userId: cat.id } }), 200)).toEqual({ userId: cat.id, level: 'none', sources: [] });
    expect((await api.contacts.explain(zoe.id, { as: cat.token })).status).toBe(404);
  });
});
