// Bucket access (spec §6.2): owner, active bucket shares, admins manage but do not edit; other orgs see nothing.
import { describe, expect, it } from 'vitest';
import { computeBucketAccess, sharedBucketIds } from './buckets.ts';
import type { ActorContext, BucketShareFact, Grantee, Role, UserStatus, Window } from './facts.ts';
import type { ShareLevel } from './levels.ts';

const NOW = 1_748_822_400_000;
const OPEN: Window = { startsAt: null, expiresAt: null };
const BUCKET = { id: 'key-accounts', orgId: 'org', ownerId: 'ben' };

function share(grantee: Grantee, level: ShareLevel, window: Window = OPEN, bucketId = BUCKET.id): BucketShareFact {
  return { id: `bs-${level}-${bucketId}`, bucketId, grantee, level, ...window, grantedBy: 'ben', grantedAt: NOW - 1 };
}
function ctx(userId: string, shares: BucketShareFact[] = [], o: { role?: Role; status?: UserStatus; teamIds?: string[]; orgId?: string } = {}): ActorContext {
  return {
    actor: { userId, orgId: o.orgId ?? 'org', role: o.role ?? 'member', status: o.status ?? 'active', teamIds: o.teamIds ?? [], exportChannels: [] },
    settings: { exportEnabled: false, shareAllContacts: false, membersCanArchiveDeleteShared: false }, userGrants: [], bucketShares: shares, now: NOW,
  };
}
const cat = { userId: 'cat' };

describe('bucket access', () => {
  it.each([
    { who: 'the owner', c: ctx('ben'), level: 'owner', canEdit: true, canManage: true },
    { who: 'a stranger', c: ctx('dan'), level: 'none', canEdit: false, canManage: false },
    { who: 'an admin', c: ctx('ada', [], { role: 'admin' }), level: 'profile', canEdit: false, canManage: true },
    { who: 'a view sharee', c: ctx('cat', [share(cat, 'view')]), level: 'view', canEdit: false, canManage: false },
    { who: 'a collaborate sharee', c: ctx('cat', [share(cat, 'collaborate')]), level: 'collaborate', canEdit: false, canManage: false },
    { who: 'an edit sharee', c: ctx('cat', [share(cat, 'edit')]), level: 'edit', canEdit: true, canManage: false },
    { who: 'a team sharee', c: ctx('cat', [share({ teamId: 'sales' }, 'edit')], { teamIds: ['sales'] }), level: 'edit', canEdit: true, canManage: false },
    { who: 'outside the shared team', c: ctx('cat', [share({ teamId: 'sales' }, 'edit')]), level: 'none', canEdit: false, canManage: false },
    { who: 'a sharee whose share expired exactly now', c: ctx('cat', [share(cat, 'edit', { startsAt: null, expiresAt: NOW })]), level: 'none', canEdit: false, canManage: false },
    { who: 'a sharee of another bucket', c: ctx('cat', [share(cat, 'edit', OPEN, 'other')]), level: 'none', canEdit: false, canManage: false },
    { who: 'a deactivated owner', c: ctx('ben', [], { status: 'deactivated' }), level: 'none', canEdit: false, canManage: false },
    { who: 'an admin of another org', c: ctx('oz', [], { role: 'admin', orgId: 'globex' }), level: 'none', canEdit: false, canManage: false },
  ])('$who → $level', ({ c, level, canEdit, canManage }) => {
    expect(computeBucketAccess(c, BUCKET)).toEqual({ level, canEdit, canManage });
  });

  it('lists only buckets with an active share naming the caller', () => {
    const c = ctx('cat', [share(cat, 'view'), share(cat, 'edit', { startsAt: NOW + 1, expiresAt: null }, 'later'), share({ teamId: 'x' }, 'view', OPEN, 'team-x')]);
    expect(sharedBucketIds(c)).toEqual(['key-accounts']);
  });
});
