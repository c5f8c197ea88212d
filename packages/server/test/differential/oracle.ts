// A deliberately naive oracle, written from the wording of the permission spec (spec/permissions.md) and nothing
// else: it reads a plain world description and answers by walking lists, with no condition tree, no rule list and no
// action table shared with @tandem/core. Only type names come from the core. If the core and this file disagree,
// one of them misreads the spec.
// Where the spec is silent, the oracle takes the careful reading and says so: listing a contact's shares is for
// those who may share it; on a trashed contact the owner and admins may view, restore and ask "why" (§10: "contacts
// they can see"), and nothing else. For the bucket itself (§6.2), see oracleBucketActions.
import type { BucketAction, ContactAction, ExportChannel, Level } from '@tandem/core';
import type { World, WorldContact, WorldGrantee, WorldUser, WorldWindow } from '../fixtures/world.ts';

/** Spec §3, in order; each includes the ones before it. */
const ORDER: Level[] = ['none', 'profile', 'view', 'collaborate', 'edit', 'owner'];
const atLeast = (level: Level, min: Level) => ORDER.indexOf(level) >= ORDER.indexOf(min);
const highest = (levels: Level[]) => levels.reduce<Level>((best, l) => (atLeast(l, best) ? l : best), 'none');

/** Spec §4: "starts_at <= now < expires_at where either bound may be absent". */
function isActive(w: WorldWindow, now: number): boolean {
  const started = w.startsAt === null || w.startsAt <= now;
  const notExpired = w.expiresAt === null || now < w.expiresAt;
  return started && notExpired;
}

/** Spec §2: a share or grant may name a team; it then applies to each current member. */
function namesUser(world: World, grantee: WorldGrantee, user: WorldUser): boolean {
  if ('userId' in grantee) return grantee.userId === user.id;
  const team = world.teams.find((t) => t.id === grantee.teamId);
  return team !== undefined && team.orgId === user.orgId && team.memberIds.includes(user.id);
}

function userById(world: World, id: string): WorldUser | undefined {
  return world.users.find((u) => u.id === id);
}

function orgOf(world: World, orgId: string) {
  const org = world.orgs.find((o) => o.id === orgId);
  if (!org) throw new Error(`oracle: no org ${orgId}`);
  return org;
}

/** "U has an edit user grant on O's contacts" (spec §6.4), directly or through a team. */
function hasEditContactsGrant(world: World, user: WorldUser, ownerId: string): boolean {
  return world.grants.some((g) => g.orgId === user.orgId && g.scope === 'contacts' && g.ownerId === ownerId &&
    g.level === 'edit' && namesUser(world, g.grantee, user) && isActive(g, world.now));
}

/** The effective level of user U on contact C: the highest level any active source of spec §4 gives. */
export function oracleLevel(world: World, userId: string, contactId: string): Level {
  const user = userById(world, userId);
  const contact = world.contacts.find((c) => c.id === contactId);
  if (!user || !contact) return 'none';
  // §1.2 nothing crosses an organisation; §2 a deactivated user gets nothing.
  if (user.orgId !== contact.orgId || user.status !== 'active') return 'none';
  const isOwner = contact.ownerId === user.id;
  const isAdmin = user.role === 'admin';
  // §4 and §6.3: trashed contacts are reachable only by their owner and by admins (who see every contact at profile).
  if (contact.state === 'trashed') return isOwner ? 'owner' : isAdmin ? 'profile' : 'none';

  const found: Level[] = [];
  if (isOwner) found.push('owner');
  for (const share of world.shares) {
    if (share.contactId === contact.id && namesUser(world, share.grantee, user) && isActive(share, world.now)) found.push(share.level);
  }
  for (const grant of world.grants) {
    if (grant.orgId === user.orgId && grant.scope === 'contacts' && grant.ownerId === contact.ownerId &&
      namesUser(world, grant.grantee, user) && isActive(grant, world.now)) found.push(grant.level);
  }
  for (const bucket of world.buckets) {
    if (!bucket.contactIds.includes(contact.id)) continue;
    for (const share of world.bucketShares) {
      if (share.bucketId === bucket.id && share.orgId === user.orgId && namesUser(world, share.grantee, user) &&
        isActive(share, world.now)) found.push(share.level);
    }
  }
  if (orgOf(world, contact.orgId).shareAllContacts) found.push('profile');
  if (isAdmin) found.push('profile');
  return highest(found);
}

/** The actions of the spec (§3 levels, §5 switches, §6 actions, §8 admins, §10 explain) that U may take on C. */
export function oracleActions(world: World, userId: string, contactId: string): Set<ContactAction> {
  const level = oracleLevel(world, userId, contactId);
  const out = new Set<ContactAction>();
  if (level === 'none') return out;
  const user = userById(world, userId) as WorldUser;
  const contact = world.contacts.find((c) => c.id === contactId) as WorldContact;
  const org = orgOf(world, contact.orgId);
  const isOwner = contact.ownerId === user.id;
  const isAdmin = user.role === 'admin';
  const inTrash = contact.state === 'trashed';

  out.add('contact.view');
  if (isOwner || isAdmin) out.add('contact.explainOthers');
  if (inTrash) {
    if (isOwner || isAdmin) out.add('contact.restore');
    return out;
  }
  if (atLeast(level, 'view')) out.add('contact.readHistory').add('contact.export');
  if (atLeast(level, 'collaborate')) out.add('contact.message').add('contact.logNote').add('contact.createTask').add('contact.moveCard').add('contact.enroll');
  if (atLeast(level, 'edit')) out.add('contact.edit');
  if (isOwner || isAdmin || atLeast(level, 'edit')) out.add('contact.share').add('contact.listShares');
  if (isOwner || isAdmin || (org.membersCanArchiveDeleteShared && atLeast(level, 'edit'))) out.add('contact.archive').add('contact.delete');
  if (isOwner || isAdmin || hasEditContactsGrant(world, user, contact.ownerId)) out.add('contact.reassign');
  return out;
}

/** Spec §6.4: reassigning C from O to N needs U to act for O and for N; N is an active user of U's org. */
export function oracleMayReassign(world: World, userId: string, contactId: string, targetId: string): boolean {
  if (!oracleActions(world, userId, contactId).has('contact.reassign')) return false;
  const user = userById(world, userId) as WorldUser;
  const target = userById(world, targetId);
  if (!target || target.orgId !== user.orgId || target.status !== 'active') return false;
  return user.role === 'admin' || target.id === user.id || hasEditContactsGrant(world, user, target.id);
}

/** Spec §7: own calendar, or a calendar grant on its user; being admin gives nothing. */
export function oracleCalendar(world: World, userId: string, calendarUserId: string): 'none' | 'view' | 'edit' {
  const user = userById(world, userId);
  const owner = userById(world, calendarUserId);
  if (!user || !owner || user.status !== 'active' || owner.orgId !== user.orgId) return 'none';
  if (user.id === owner.id) return 'edit';
  const levels = world.grants
    .filter((g) => g.orgId === user.orgId && g.scope === 'calendar' && g.ownerId === owner.id && namesUser(world, g.grantee, user) && isActive(g, world.now))
    .map((g) => g.level);
  return levels.includes('edit') ? 'edit' : levels.includes('view') ? 'view' : 'none';
}

/** Spec §9: admins, or members when export is on and the channel is among their own. */
export function oracleMayUseChannel(world: World, userId: string, channel: ExportChannel): boolean {
  const user = userById(world, userId);
  if (!user || user.status !== 'active') return false;
  if (user.role === 'admin') return true;
  return orgOf(world, user.orgId).exportEnabled && user.exportChannels.includes(channel);
}

/**
 * Spec §6.2, read naively, for the bucket itself: which of view / edit / manage U holds on bucket B.
 * "A bucket has an owner and is private until shared": the owner sees it. "The owner or an admin may share it ...
 * Only the owner or an admin may delete a bucket": manage. "Users with edit on a bucket may rename it and add or
 * remove contacts": edit (the owner holds everything). "Users with view on a bucket see the bucket": any active share.
 * Admins manage every bucket of their org (§8: "bucket shares on any record"), so they see it too; being admin does
 * not give edit. Nothing crosses an org; a deactivated user holds nothing.
 */
export function oracleBucketActions(world: World, userId: string, bucketId: string): Set<BucketAction> {
  const out = new Set<BucketAction>();
  const user = userById(world, userId);
  const bucket = world.buckets.find((b) => b.id === bucketId);
  if (!user || !bucket || user.orgId !== bucket.orgId || user.status !== 'active') return out;
  const isOwner = bucket.ownerId === user.id;
  const isAdmin = user.role === 'admin';
  const shareLevels = world.bucketShares
    .filter((s) => s.bucketId === bucket.id && s.orgId === user.orgId && namesUser(world, s.grantee, user) && isActive(s, world.now))
    .map((s) => s.level);
  if (isOwner || isAdmin || shareLevels.length > 0) out.add('bucket.view');
  if (isOwner || shareLevels.includes('edit')) out.add('bucket.edit');
  if (isOwner || isAdmin) out.add('bucket.manage');
  return out;
}

/** The level shown for a bucket: owner, else the highest active share, else profile for an admin, else none. */
export function oracleBucketLevel(world: World, userId: string, bucketId: string): Level {
  const user = userById(world, userId);
  const bucket = world.buckets.find((b) => b.id === bucketId);
  if (!user || !bucket || user.orgId !== bucket.orgId || user.status !== 'active') return 'none';
  const found: Level[] = world.bucketShares
    .filter((s) => s.bucketId === bucket.id && s.orgId === user.orgId && namesUser(world, s.grantee, user) && isActive(s, world.now))
    .map((s) => s.level);
  if (bucket.ownerId === user.id) found.push('owner');
  if (user.role === 'admin') found.push('profile');
  return highest(found);
}
