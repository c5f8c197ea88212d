// The CASL peer (@casl/ability, in process): one ability per user built from the same rows, one rule per source;
// checks with `can`, lists by walking the contacts in name order and keeping those `can('view')` lets through
// (CASL filters in memory; it has no index). Time windows are read when the ability is built: a share that ends
// later needs the ability rebuilt, which is what an app caching abilities would have to do.
import { AbilityBuilder, createMongoAbility, subject, type MongoAbility } from '@casl/ability';
import type { TestUser } from '../users.ts';
import { pageBy, viewOf, type PageSpec, type World } from '../world.ts';
import type { Peer } from './peer.ts';

type ContactSubject = { id: string; ownerId: string; trashed: boolean; bucketIds: string[] };

export function abilityFor(world: World, userId: string, now: number, shareAll: boolean): MongoAbility {
  const v = viewOf(world, userId, now, shareAll);
  const { can, build } = new AbilityBuilder(createMongoAbility);
  if (v.user.status !== 'active') return build();
  const both = ['view', 'readHistory'];
  can('view', 'Contact', { ownerId: userId });
  can('readHistory', 'Contact', { ownerId: userId, trashed: false });
  if (v.user.role === 'admin') can('view', 'Contact');
  if (shareAll) can('view', 'Contact', { trashed: false });
  if (v.grantOwners.size > 0) can(both, 'Contact', { ownerId: { $in: [...v.grantOwners.keys()] }, trashed: false });
  if (v.bucketLevels.size > 0) can(both, 'Contact', { bucketIds: { $in: [...v.bucketLevels.keys()] }, trashed: false });
  if (v.sharedLevels.size > 0) can(both, 'Contact', { id: { $in: [...v.sharedLevels.keys()] }, trashed: false });
  return build();
}

export function caslPeer(world: World, now: number): Peer {
  const started = performance.now();
  const subjects = world.contacts.map((c) => subject('Contact', { id: c.id, ownerId: c.ownerId, trashed: c.state === 'trashed', bucketIds: world.bucketsOf.get(c.id) ?? [] } as ContactSubject));
  const byId = new Map(subjects.map((s) => [s.id, s]));
  const abilities = new Map<string, MongoAbility>();
  const abilityOf = (user: TestUser) => {
    const key = `${user.id}:${user.shareAll}`;
    let ability = abilities.get(key);
    if (!ability) {
      ability = abilityFor(world, user.id, now, user.shareAll);
      abilities.set(key, ability);
    }
    return ability;
  };
  return {
    name: 'casl',
    floor: 'map',
    notes: [`@casl/ability, one ability per user (built once and cached), ${subjects.length} contact subjects in memory; lists filter in memory`],
    setupMs: performance.now() - started,
    check: async (user, contactId, historyOnly) => {
      const s = byId.get(contactId);
      if (!s) return { view: false, history: false };
      const ability = abilityOf(user);
      return { view: historyOnly ? false : ability.can('view', s), history: ability.can('readHistory', s) };
    },
    page: async (user, spec: PageSpec) => {
      const ability = abilityOf(user);
      return pageBy(world, spec, 50, (c) => ability.can('view', byId.get(c.id) as ContactSubject));
    },
    close: async () => {},
  };
}
