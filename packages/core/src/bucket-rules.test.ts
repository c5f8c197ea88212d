// Buckets as a resource (spec §6.2): a world in, the level, the allowed bucket actions and the sources out; the
// compiled bucket filter agrees with `decide` on random worlds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUCKET_ACTIONS, type BucketAction } from './actions.ts';
import { computeBucketAccess } from './buckets.ts';
import { evaluateCondition } from './condition.ts';
import { allowedActionsOn, allowedSubset, computeLevelOn, decide } from './decide.ts';
import { explainBucket, type ExplainedSource } from './explain.ts';
import type { ActorContext, BucketFacts, BucketShareFact, Grantee, Role, UserStatus, Window } from './facts.ts';
import { compileFilter, policyCondition } from './filter.ts';
import { isAtLeast, maxLevel, SHARE_LEVELS, type Level, type ShareLevel } from './levels.ts';

const NOW = 1_748_822_400_000;
const OPEN: Window = { startsAt: null, expiresAt: null };
const BUCKET: BucketFacts = { id: 'key-accounts', orgId: 'org', ownerId: 'ben' };

function share(grantee: Grantee, level: ShareLevel, window: Window = OPEN, bucketId = BUCKET.id): BucketShareFact {
  return { id: `bs-${level}-${bucketId}`, bucketId, grantee, level, ...window, grantedBy: 'ben', grantedAt: NOW - 1 };
}
type Opts = { role?: Role; status?: UserStatus; teamIds?: string[]; orgId?: string; shareAll?: boolean };
function ctx(userId: string, shares: BucketShareFact[] = [], o: Opts = {}): ActorContext {
  return {
    actor: { userId, orgId: o.orgId ?? 'org', role: o.role ?? 'member', status: o.status ?? 'active', teamIds: o.teamIds ?? [], exportChannels: [] },
    settings: { exportEnabled: false, shareAllContacts: o.shareAll ?? false, membersCanArchiveDeleteShared: false },
    userGrants: [], bucketShares: shares, now: NOW,
  };
}
const cat = { userId: 'cat' };
function withGrant(c: ActorContext): ActorContext {
  const grant = { id: 'g1', ownerId: BUCKET.ownerId, grantee: { userId: c.actor.userId }, level: 'edit' as const, ...OPEN, grantedBy: 'ada', grantedAt: NOW - 1 };
  return { ...c, userGrants: [{ ...grant, scope: 'contacts' }, { ...grant, id: 'g2', scope: 'calendar' }] };
}
const source = (kind: ExplainedSource['kind'], level: Level, s?: BucketShareFact): ExplainedSource => (s
  ? { kind, level, id: s.id, grantedBy: s.grantedBy, grantedAt: s.grantedAt, startsAt: s.startsAt, expiresAt: s.expiresAt, bucketId: s.bucketId, ...('teamId' in s.grantee ? { viaTeamId: s.grantee.teamId } : {}) }
  : { kind, level });

describe('bucket rules: level, actions and sources (spec §6.2)', () => {
  const viewShare = share(cat, 'view');
  const editShare = share(cat, 'edit');
  const teamShare = share({ teamId: 'sales' }, 'collaborate');
  const adminEdit = share({ userId: 'ada' }, 'edit');
  it.each([
    { who: 'the owner', c: ctx('ben'), level: 'owner', actions: ['bucket.view', 'bucket.edit', 'bucket.manage'], sources: [source('owner', 'owner')] },
    { who: 'a stranger', c: ctx('dan'), level: 'none', actions: [], sources: [] },
    { who: 'a member under share all (it gives nothing on buckets)', c: ctx('dan', [], { shareAll: true }), level: 'none', actions: [], sources: [] },
    { who: 'an edit user grantee on the owner (grants are about contacts)', c: withGrant(ctx('dan')), level: 'none', actions: [], sources: [] },
    { who: 'an admin', c: ctx('ada', [], { role: 'admin' }), level: 'profile', actions: ['bucket.view', 'bucket.manage'], sources: [source('admin', 'profile')] },
    { who: 'an admin with an edit share', c: ctx('ada', [adminEdit], { role: 'admin' }), level: 'edit', actions: ['bucket.view', 'bucket.edit', 'bucket.manage'], sources: [source('bucket_share', 'edit', adminEdit), source('admin', 'profile')] },
    { who: 'a view sharee', c: ctx('cat', [viewShare]), level: 'view', actions: ['bucket.view'], sources: [source('bucket_share', 'view', viewShare)] },
    { who: 'an edit sharee', c: ctx('cat', [editShare]), level: 'edit', actions: ['bucket.view', 'bucket.edit'], sources: [source('bucket_share', 'edit', editShare)] },
    { who: 'a team sharee', c: ctx('cat', [teamShare], { teamIds: ['sales'] }), level: 'collaborate', actions: ['bucket.view'], sources: [source('bucket_share', 'collaborate', teamShare)] },
    { who: 'a sharee with two shares', c: ctx('cat', [viewShare, editShare]), level: 'edit', actions: ['bucket.view', 'bucket.edit'], sources: [source('bucket_share', 'edit', editShare), source('bucket_share', 'view', viewShare)] },
    { who: 'a sharee whose share starts in a millisecond', c: ctx('cat', [share(cat, 'edit', { startsAt: NOW + 1, expiresAt: null })]), level: 'none', actions: [], sources: [] },
    { who: 'a deactivated owner', c: ctx('ben', [], { status: 'deactivated' }), level: 'none', actions: [], sources: [] },
    { who: 'an admin of another org', c: ctx('oz', [], { role: 'admin', orgId: 'globex' }), level: 'none', actions: [], sources: [] },
  ] as { who: string; c: ActorContext; level: Level; actions: BucketAction[]; sources: ExplainedSource[] }[])('$who → $level, $actions', ({ c, level, actions, sources }) => {
    expect(computeLevelOn(c, 'bucket', BUCKET)).toBe(level);
    expect(allowedActionsOn(c, 'bucket', BUCKET)).toEqual(actions);
    expect(explainBucket(c, BUCKET)).toEqual({ level, sources });
    for (const action of BUCKET_ACTIONS) {
      expect(decide(c, action, BUCKET), action).toEqual({ allowed: actions.includes(action), level, visible: level !== 'none' });
    }
    const access = computeBucketAccess(c, BUCKET);
    expect(access).toEqual({ level, canEdit: actions.includes('bucket.edit'), canManage: actions.includes('bucket.manage') });
  });

  it('the bucket list: open for admins; owner or shared bucket ids for members; denied for the deactivated', () => {
    expect(compileFilter(ctx('ada', [], { role: 'admin' }), 'bucket.view')).toEqual({ kind: 'open' });
    expect(compileFilter(ctx('ada', [], { role: 'admin' }), 'bucket.manage')).toEqual({ kind: 'open' });
    expect(compileFilter(ctx('ben', [], { status: 'deactivated' }), 'bucket.view')).toEqual({ kind: 'denied' });
    expect(compileFilter(ctx('cat', [share(cat, 'view'), share(cat, 'edit', OPEN, 'b2'), share({ teamId: 'x' }, 'edit', OPEN, 'b3')]), 'bucket.view')).toEqual({
      kind: 'gated',
      condition: { op: 'and', args: [{ op: 'orgIs', orgId: 'org' }, { op: 'or', args: [
        // The two bucket shares (view and edit) are one set test: `or` merges same-shaped disjuncts.
        { op: 'ownerIn', userIds: ['cat'] }, { op: 'idIn', ids: ['key-accounts', 'b2'] },
      ] }] },
    });
    expect(compileFilter(ctx('cat', [share(cat, 'view'), share(cat, 'edit', OPEN, 'b2')]), 'bucket.edit')).toEqual({
      kind: 'gated',
      condition: { op: 'and', args: [{ op: 'orgIs', orgId: 'org' }, { op: 'or', args: [{ op: 'ownerIn', userIds: ['cat'] }, { op: 'idIn', ids: ['b2'] }] }] },
    });
  });
});

const USERS = ['u0', 'u1', 'u2'];
const bound = fc.constantFrom(null, NOW - 1, NOW, NOW + 1);
const shareArb: fc.Arbitrary<BucketShareFact> = fc.record({
  bucketId: fc.constantFrom('b0', 'b1', 'b2'), grantee: fc.oneof(fc.constantFrom(...USERS).map((userId) => ({ userId })), fc.constant({ teamId: 't0' })),
  level: fc.constantFrom(...SHARE_LEVELS), startsAt: bound, expiresAt: bound,
}).map((s) => ({ ...s, id: `bs-${s.bucketId}`, grantedBy: 'u0', grantedAt: NOW - 10 }));
const ctxArb = fc.record({
  userId: fc.constantFrom(...USERS), role: fc.constantFrom<Role>('admin', 'member', 'member'), status: fc.constantFrom<UserStatus>('active', 'active', 'deactivated'),
  inTeam: fc.boolean(), orgId: fc.constantFrom('o0', 'o0', 'o1'), shares: fc.array(shareArb, { maxLength: 4 }),
}).map(({ userId, role, status, inTeam, orgId, shares }) => ctx(userId, shares, { role, status, orgId, teamIds: inTeam ? ['t0'] : [] }));
const bucketsArb = fc.array(fc.record({ orgId: fc.constantFrom('o0', 'o1'), ownerId: fc.constantFrom(...USERS) }), { minLength: 1, maxLength: 4 })
  .map((bs): BucketFacts[] => bs.map((b, i) => ({ ...b, id: `b${i}` })));

/** computeBucketAccess as it was before buckets became a resource of rules, kept to prove the rules reproduce it. */
function formerBucketAccess(c: ActorContext, bucket: BucketFacts) {
  const { actor } = c;
  if (bucket.orgId !== actor.orgId || actor.status !== 'active') return { level: 'none', canEdit: false, canManage: false };
  const active = c.bucketShares.filter((s) => ('userId' in s.grantee ? s.grantee.userId === actor.userId : actor.teamIds.includes(s.grantee.teamId))
    && (s.startsAt === null || s.startsAt <= c.now) && (s.expiresAt === null || c.now < s.expiresAt));
  const levels: Level[] = active.filter((s) => s.bucketId === bucket.id).map((s) => s.level);
  const isOwner = bucket.ownerId === actor.userId;
  if (isOwner) levels.push('owner');
  if (actor.role === 'admin') levels.push('profile');
  const level = maxLevel(levels);
  return { level, canEdit: isAtLeast(level, 'edit'), canManage: isOwner || actor.role === 'admin' };
}

describe('the bucket filter agrees with decide (the two interpreters, bucket resource)', () => {
  it('for random worlds and every bucket action: filter, decide, allowedSubset agree; the access summary is what it was', () => {
    fc.assert(fc.property(ctxArb, bucketsArb, (c, buckets) => {
      for (const action of BUCKET_ACTIONS) {
        const condition = policyCondition(c, compileFilter(c, action));
        const subset = allowedSubset(c, action, buckets);
        for (const bucket of buckets) {
          const one = decide(c, action, bucket);
          expect(evaluateCondition(condition, bucket), action).toBe(one.allowed);
          expect(subset.has(bucket.id), action).toBe(one.allowed);
          if (one.allowed) expect(one.visible).toBe(true);
        }
      }
      for (const bucket of buckets) {
        const access = computeBucketAccess(c, bucket);
        expect(access).toEqual(formerBucketAccess(c, bucket));
        expect(access.level).toBe(explainBucket(c, bucket).level);
      }
    }), { numRuns: 1_000 });
  });
});
