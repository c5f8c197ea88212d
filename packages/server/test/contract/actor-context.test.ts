// Storage contract: loadActorContext and loadContacts bring exactly the facts the core decides from, on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/storage/connect.ts';
import { loadContacts } from '../../src/storage/contact-queries.ts';
import { loadActorContext } from '../../src/storage/load-actor-context.ts';
import { BUCKET, C, contractWorld, NOW, ORG, TEAM, USER } from '../fixtures/world-contract.ts';
import { ID_KIND, insertWorld, worldId } from '../fixtures/world.ts';
import { DATABASE_KINDS, freshDatabase } from '../support/databases.ts';

const HOUR = 3_600_000;
/** insertWorld stamps every share and grant as created a day before `now`. */
const CREATED = NOW - 24 * HOUR;
const byId = <T extends { id: string }>(items: readonly T[]) => [...items].sort((a, b) => a.id.localeCompare(b.id));

describe.each(DATABASE_KINDS)('storage contract on %s: actor context and contact facts', (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await freshDatabase(kind);
    await insertWorld(handle.db, contractWorld());
  });
  afterAll(async () => handle.close());
  const load = (orgId: string, userId: string) => loadActorContext(handle.db, orgId, userId, NOW);

  describe('loadActorContext', () => {
    it('loads the actor, their teams, the org switches, and the grants and bucket shares naming them or their teams', async () => {
      const ctx = await load(ORG.acme, USER.cat);
      expect(ctx).not.toBeNull();
      expect(ctx?.actor).toEqual({ userId: USER.cat, orgId: ORG.acme, role: 'member', status: 'active', teamIds: [TEAM.sales], exportChannels: [] });
      expect(ctx?.settings).toEqual({ exportEnabled: true, shareAllContacts: false, membersCanArchiveDeleteShared: false });
      expect(ctx?.now).toBe(NOW);
      expect(byId(ctx?.userGrants ?? [])).toEqual([
        { id: worldId(ID_KIND.grant, 0), ownerId: USER.eve, grantee: { teamId: TEAM.sales }, scope: 'contacts', level: 'view',
          startsAt: null, expiresAt: null, grantedBy: USER.ada, grantedAt: CREATED },
        { id: worldId(ID_KIND.grant, 1), ownerId: USER.ben, grantee: { userId: USER.cat }, scope: 'calendar', level: 'edit',
          startsAt: null, expiresAt: null, grantedBy: USER.ada, grantedAt: CREATED },
      ]);
      expect(ctx?.bucketShares).toEqual([
        { id: worldId(ID_KIND.bucketShare, 0), bucketId: BUCKET.shared, grantee: { teamId: TEAM.sales }, level: 'view',
          startsAt: NOW - HOUR, expiresAt: null, grantedBy: USER.ada, grantedAt: CREATED },
      ]);
    });

    it('brings direct and team grants together, and the export channels', async () => {
      const ctx = await load(ORG.acme, USER.ben);
      expect(ctx?.actor.exportChannels).toEqual(['csv', 'vcard']);
      expect(byId(ctx?.userGrants ?? []).map((g) => g.id)).toEqual([worldId(ID_KIND.grant, 0), worldId(ID_KIND.grant, 3)]);
    });

    it('loads expired grants too, with their window, for the core to judge (expiry is enforced on evaluation)', async () => {
      const ctx = await load(ORG.acme, USER.eve);
      expect(ctx?.actor.teamIds).toEqual([]);
      expect(ctx?.userGrants).toEqual([expect.objectContaining({ id: worldId(ID_KIND.grant, 2), startsAt: null, expiresAt: NOW - HOUR })]);
      expect(ctx?.bucketShares).toEqual([]);
    });

    it('loads a deactivated user as deactivated (the core then gives nothing)', async () => {
      expect((await load(ORG.acme, USER.dan))?.actor.status).toBe('deactivated');
    });

    it('loads each org\'s own switches and teams', async () => {
      const ctx = await load(ORG.globex, USER.gil);
      expect(ctx?.settings).toEqual({ exportEnabled: false, shareAllContacts: true, membersCanArchiveDeleteShared: false });
      expect(ctx?.actor.teamIds).toEqual([TEAM.globexTeam]);
      expect(ctx?.userGrants).toEqual([]);
    });

    it('answers null for an unknown user, or a user asked for under another org', async () => {
      expect(await load(ORG.acme, worldId(ID_KIND.user, 99))).toBeNull();
      expect(await load(ORG.globex, USER.ben)).toBeNull();
      expect(await load(ORG.acme, USER.gil)).toBeNull();
      expect(await load(worldId(ID_KIND.org, 99), USER.ben)).toBeNull();
    });
  });

  describe('loadContacts', () => {
    it('finds contacts of the actor\'s org only; other orgs\', unknown and malformed ids are absent', async () => {
      const ctx = await load(ORG.acme, USER.cat);
      if (!ctx) throw new Error('no context');
      const asked = [...Array.from({ length: 17 }, (_, n) => C(n)), worldId(ID_KIND.contact, 99), 'not-a-uuid', "'; DROP TABLE contacts; --", ''];
      const found = await loadContacts(handle.db, ctx, asked);
      expect([...found.keys()].sort()).toEqual(Array.from({ length: 17 }, (_, n) => C(n)).filter((id) => id !== C(14)).sort());
      const gil = await load(ORG.globex, USER.gil);
      if (!gil) throw new Error('no context');
      expect([...(await loadContacts(handle.db, gil, [C(3), C(14)])).keys()]).toEqual([C(14)]);
    });

    it('answers an empty map for no ids, and keys by the canonical id whatever case was asked', async () => {
      const ctx = await load(ORG.acme, USER.cat);
      if (!ctx) throw new Error('no context');
      expect((await loadContacts(handle.db, ctx, [])).size).toBe(0);
      expect((await loadContacts(handle.db, ctx, ['nope'])).size).toBe(0);
      expect([...(await loadContacts(handle.db, ctx, [C(5).toUpperCase(), C(5)])).keys()]).toEqual([C(5)]);
    });

    it('maps state: archived, trashed, and trashed after being archived', async () => {
      const ctx = await load(ORG.acme, USER.ben);
      if (!ctx) throw new Error('no context');
      const found = await loadContacts(handle.db, ctx, [C(0), C(2), C(10), C(11)]);
      expect([C(0), C(2), C(10), C(11)].map((id) => found.get(id)?.facts.state)).toEqual(['active', 'archived', 'trashed', 'trashed']);
      expect(found.get(C(0))?.facts).toMatchObject({ id: C(0), orgId: ORG.acme, ownerId: USER.ben });
      expect(found.get(C(0))?.row).toMatchObject({ name: 'Zoe', sort_name: 'zoe', emails: ['zoe@example.test'] });
    });

    it('brings the shares naming the actor or their teams, with window and provenance, and no others', async () => {
      const ctx = await load(ORG.acme, USER.cat);
      if (!ctx) throw new Error('no context');
      const found = await loadContacts(handle.db, ctx, [C(0), C(4), C(13)]);
      expect(found.get(C(13))?.facts.shares).toEqual([{
        id: worldId(ID_KIND.share, 1), contactId: C(13), grantee: { teamId: TEAM.sales }, level: 'collaborate',
        startsAt: NOW - HOUR, expiresAt: NOW + HOUR, grantedBy: USER.eve, grantedAt: CREATED,
      }]);
      expect(found.get(C(4))?.facts.shares).toEqual([expect.objectContaining({ id: worldId(ID_KIND.share, 4), level: 'edit', expiresAt: NOW })]);
      expect(found.get(C(0))?.facts.shares).toEqual([]);
    });

    it('brings bucket memberships only for buckets the actor holds a share of', async () => {
      const cat = await load(ORG.acme, USER.cat);
      const eve = await load(ORG.acme, USER.eve);
      if (!cat || !eve) throw new Error('no context');
      const forCat = await loadContacts(handle.db, cat, [C(5), C(6), C(13)]);
      expect([C(5), C(6), C(13)].map((id) => forCat.get(id)?.facts.bucketIds)).toEqual([[BUCKET.shared], [BUCKET.shared], []]);
      const forEve = await loadContacts(handle.db, eve, [C(5), C(13)]);
      expect([C(5), C(13)].map((id) => forEve.get(id)?.facts.bucketIds)).toEqual([[], []]);
    });
  });
});
