// The list's ways in (storage/list-branches.ts): for random actors, every contact action and list state, the
// branches of the compiled condition, their OR as one condition (what counts render) and the condition as compiled
// let exactly the same records through, judged in memory by the core's evaluateCondition. Then the shapes the list
// plan relies on: one owner set for all user grants, one bucket set for all bucket shares, the state test once,
// share-all and admin as one plain branch, the trash as the owner's branch alone.
import {
  CONTACT_ACTIONS, CONTACT_STATES, compileFilter, evaluateCondition, GRANT_LEVELS, policyCondition, SHARE_LEVELS,
  type ActorContext, type BucketShareFact, type Condition, type ContactFacts, type ContactState, type Grantee, type RecordShareFact,
  type UserGrantFact, type Window,
} from '@tandem/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { branchCondition, branchesCondition, conditionBranches, simplifyCondition, type Branch } from '../../src/storage/list-branches.ts';

const NOW = 1_748_822_400_000;
const USERS = ['u0', 'u1', 'u2', 'u3'];
const TEAMS = ['t0', 't1'];
const BUCKETS = ['b0', 'b1', 'b2'];
const provenance = { grantedBy: 'u0', grantedAt: NOW - 1_000 };

const bound = fc.constantFrom(null, NOW - 86_400_000, NOW, NOW + 1, NOW + 86_400_000);
const windowArb: fc.Arbitrary<Window> = fc.record({ startsAt: bound, expiresAt: bound });
const granteeArb: fc.Arbitrary<Grantee> = fc.oneof(
  fc.constantFrom(...USERS).map((userId) => ({ userId })),
  fc.constantFrom(...TEAMS).map((teamId) => ({ teamId })),
);
const userGrantArb: fc.Arbitrary<UserGrantFact> = fc.record({
  id: fc.constant('g'), ownerId: fc.constantFrom(...USERS), grantee: granteeArb, scope: fc.constantFrom('contacts' as const, 'calendar' as const),
  level: fc.constantFrom(...GRANT_LEVELS), window: windowArb,
}).map(({ window, ...g }) => ({ ...g, ...window, ...provenance }));
const bucketShareArb: fc.Arbitrary<BucketShareFact> = fc.record({
  id: fc.constant('bs'), bucketId: fc.constantFrom(...BUCKETS), grantee: granteeArb, level: fc.constantFrom(...SHARE_LEVELS), window: windowArb,
}).map(({ window, ...s }) => ({ ...s, ...window, ...provenance }));
const recordShareArb: fc.Arbitrary<RecordShareFact> = fc.record({
  id: fc.constant('s'), contactId: fc.constant('c'), grantee: granteeArb, level: fc.constantFrom(...SHARE_LEVELS), window: windowArb,
}).map(({ window, ...s }) => ({ ...s, ...window, ...provenance }));

const ctxArb: fc.Arbitrary<ActorContext> = fc.record({
  userId: fc.constantFrom(...USERS),
  role: fc.constantFrom('admin' as const, 'member' as const, 'member' as const),
  status: fc.constantFrom('active' as const, 'active' as const, 'active' as const, 'deactivated' as const),
  teamIds: fc.subarray(TEAMS),
  settings: fc.record({ exportEnabled: fc.boolean(), shareAllContacts: fc.boolean(), membersCanArchiveDeleteShared: fc.boolean() }),
  userGrants: fc.array(userGrantArb, { maxLength: 6 }),
  bucketShares: fc.array(bucketShareArb, { maxLength: 5 }),
}).map(({ userId, role, status, teamIds, settings, userGrants, bucketShares }) => ({
  actor: { userId, orgId: 'o0', role, status, teamIds, exportChannels: [] }, settings, userGrants, bucketShares, now: NOW,
}));

const contactArb: fc.Arbitrary<ContactFacts> = fc.record({
  id: fc.constant('c'), orgId: fc.constantFrom('o0', 'o0', 'o1'), ownerId: fc.constantFrom(...USERS), state: fc.constantFrom(...CONTACT_STATES),
  shares: fc.array(recordShareArb, { maxLength: 4 }), bucketIds: fc.subarray(BUCKETS),
});

/** The list's narrowing filters, ANDed in as contact-page.ts does. */
const narrowArb = fc.record({ owner: fc.option(fc.constantFrom(...USERS), { nil: undefined }), bucket: fc.option(fc.constantFrom(...BUCKETS), { nil: undefined }) });

const anyBranch = (branches: readonly Branch[], record: ContactFacts) => branches.some((b) => evaluateCondition(branchCondition(b), record));

describe('list branches', () => {
  it('the branches, their OR and the compiled condition pass the same records, for every action, state and filter', () => {
    fc.assert(fc.property(ctxArb, narrowArb, fc.array(contactArb, { minLength: 1, maxLength: 8 }), (ctx, narrow, contacts) => {
      for (const action of CONTACT_ACTIONS) {
        for (const states of [undefined, ...CONTACT_STATES.map((s) => [s])]) {
          const parts: Condition[] = [policyCondition(ctx, compileFilter(ctx, action, states))];
          if (narrow.owner) parts.push({ op: 'ownerIn', userIds: [narrow.owner] });
          if (narrow.bucket) parts.push({ op: 'inBuckets', bucketIds: [narrow.bucket] });
          const condition: Condition = { op: 'and', args: parts };
          const branches = conditionBranches(condition);
          expect(branches).not.toBeNull();
          const simplified = simplifyCondition(condition);
          for (const contact of contacts) {
            const expected = evaluateCondition(condition, contact);
            expect(anyBranch(branches ?? [], contact), `${action} ${String(states)} branches`).toBe(expected);
            expect(evaluateCondition(simplified, contact), `${action} ${String(states)} simplified`).toBe(expected);
          }
        }
      }
    }), { numRuns: 200 });
  });

  it('merges all owner-only branches into one, and all bucket-only branches into one', () => {
    fc.assert(fc.property(ctxArb, (ctx) => {
      for (const action of CONTACT_ACTIONS) {
        const branches = conditionBranches(policyCondition(ctx, compileFilter(ctx, action, ['active']))) ?? [];
        const withOwners = branches.filter((b) => b.owners !== null && b.shared.length === 0 && b.buckets.length === 0 && b.ids === null);
        expect(withOwners.length, action).toBeLessThanOrEqual(1);
        const withBuckets = branches.filter((b) => b.buckets.length === 1 && b.owners === null && b.shared.length === 0);
        expect(withBuckets.length, action).toBeLessThanOrEqual(1);
      }
    }), { numRuns: 300 });
  });
});

describe('list branches: the shapes a list page is planned from', () => {
  const base = (o: Partial<ActorContext> & { role?: 'admin' | 'member'; teamIds?: string[] } = {}): ActorContext => ({
    actor: { userId: 'u0', orgId: 'o0', role: o.role ?? 'member', status: 'active', teamIds: o.teamIds ?? [], exportChannels: [] },
    settings: o.settings ?? { exportEnabled: false, shareAllContacts: false, membersCanArchiveDeleteShared: false },
    userGrants: o.userGrants ?? [], bucketShares: o.bucketShares ?? [], now: NOW,
  });
  const open = { startsAt: null, expiresAt: null };
  const grant = (ownerId: string, level: UserGrantFact['level'] = 'view'): UserGrantFact =>
    ({ id: `g-${ownerId}`, ownerId, grantee: { userId: 'u0' }, scope: 'contacts', level, ...open, ...provenance });
  const share = (bucketId: string): BucketShareFact => ({ id: `s-${bucketId}`, bucketId, grantee: { userId: 'u0' }, level: 'view', ...open, ...provenance });
  const branchesOf = (ctx: ActorContext, states: ContactState[] = ['active']) => conditionBranches(policyCondition(ctx, compileFilter(ctx, 'contact.view', states)));

  it('an admin, and a member with share-all on, list from one plain branch: the org and the state', () => {
    for (const ctx of [base({ role: 'admin' }), base({ settings: { exportEnabled: false, shareAllContacts: true, membersCanArchiveDeleteShared: false }, userGrants: [grant('u1')] })]) {
      expect(branchesOf(ctx)).toEqual([{ org: 'o0', states: ['active'], owners: null, ids: null, shared: [], buckets: [] }]);
    }
  });

  it('own contacts and every user grant are one owner set; every bucket share one bucket set; the state once', () => {
    const ctx = base({ userGrants: [grant('u1'), grant('u2', 'edit'), grant('u3')], bucketShares: [share('b0'), share('b1')], teamIds: ['t0'] });
    const branches = branchesOf(ctx) ?? [];
    expect(branches.map((b) => ({ owners: b.owners, buckets: b.buckets, shared: b.shared.length, states: b.states }))).toEqual([
      { owners: ['u0', 'u1', 'u2', 'u3'], buckets: [], shared: 0, states: ['active'] },
      { owners: null, buckets: [['b0', 'b1']], shared: 0, states: ['active'] },
      { owners: null, buckets: [], shared: 1, states: ['active'] },
    ]);
    const simplified = branchesCondition(branches);
    expect(simplified.op).toBe('and');
    expect(simplified.op === 'and' && simplified.args.map((c) => c.op)).toEqual(['orgIs', 'stateIn', 'or']);
  });

  it('the trash is the owner\'s branch alone (no source but ownership reaches a trashed contact)', () => {
    const ctx = base({ userGrants: [grant('u1')], bucketShares: [share('b0')] });
    expect(branchesOf(ctx, ['trashed'])).toEqual([{ org: 'o0', states: ['trashed'], owners: ['u0'], ids: null, shared: [], buckets: [] }]);
  });

  // Merging is by grouping, linear in the number of rules; a quadratic merge would show in the benchmark's list
  // figures for a grantee of many owners, not here (no timed unit tests).
  it('hundreds of grants and bucket shares still merge into a few branches', () => {
    const owners = Array.from({ length: 300 }, (_, i) => `owner-${i}`);
    const buckets = Array.from({ length: 600 }, (_, i) => `bucket-${i}`);
    const ctx = base({ userGrants: owners.map((o) => grant(o)), bucketShares: buckets.map(share), teamIds: ['t0'] });
    const branches = branchesOf(ctx) ?? [];
    expect(branches.map((b) => [b.owners?.length ?? 0, b.buckets[0]?.length ?? 0, b.shared.length])).toEqual([[301, 0, 0], [0, 600, 0], [0, 0, 1]]);
  });

  it('a deactivated user has no branch', () => {
    const ctx = base();
    expect(branchesOf({ ...ctx, actor: { ...ctx.actor, status: 'deactivated' } })).toEqual([]);
  });
});
