// The fast paths of decisions are the slow ones, restated: levels tried from the top with every level's sources
// merged equal the highest matching source rule, and the merged set tests (with their Set lookups) evaluate as the
// disjunctions they replace.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateCondition, inBuckets, or, ownerIn, stateIn, type Condition } from './condition.ts';
import { computeLevel } from './decide.ts';
import type { ActorContext, BucketShareFact, ContactFacts, UserGrantFact } from './facts.ts';
import { maxLevel, SHARE_LEVELS, GRANT_LEVELS } from './levels.ts';
import { levelRulesOf, rulesOf } from './policy.ts';

const NOW = 1_700_000_000_000;
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const USERS = ids('u', 24);
const BUCKETS = ids('b', 40);
const OPEN = { startsAt: null, expiresAt: null };

const ctxArb: fc.Arbitrary<ActorContext> = fc.record({
  role: fc.constantFrom('admin' as const, 'member' as const),
  shareAll: fc.boolean(),
  grants: fc.array(fc.record({ ownerId: fc.constantFrom(...USERS), level: fc.constantFrom(...GRANT_LEVELS) }), { maxLength: 30 }),
  shares: fc.array(fc.record({ bucketId: fc.constantFrom(...BUCKETS), level: fc.constantFrom(...SHARE_LEVELS) }), { maxLength: 60 }),
}).map(({ role, shareAll, grants, shares }) => ({
  actor: { userId: 'u0', orgId: 'o', role, status: 'active', teamIds: [], exportChannels: [] },
  settings: { exportEnabled: false, shareAllContacts: shareAll, membersCanArchiveDeleteShared: false },
  userGrants: grants.map((g, i): UserGrantFact => ({
    ...OPEN, id: `g${i}`, grantee: { userId: 'u0' }, grantedBy: null, grantedAt: 0, scope: 'contacts', ...g,
  })),
  bucketShares: shares.map((s, i): BucketShareFact => ({ ...OPEN, id: `s${i}`, grantee: { userId: 'u0' }, grantedBy: null, grantedAt: 0, ...s })),
  now: NOW,
}));

const contactArb: fc.Arbitrary<ContactFacts> = fc.record({
  ownerId: fc.constantFrom(...USERS),
  state: fc.constantFrom('active' as const, 'archived' as const, 'trashed' as const),
  bucketIds: fc.subarray(BUCKETS, { maxLength: 20 }),
}).map((c) => ({ ...c, id: 'c', orgId: 'o', shares: [] }));

describe('levels from the top, sources merged', () => {
  it('computeLevel equals the highest level among the source rules that match (hundreds of sources)', () => {
    fc.assert(fc.property(ctxArb, fc.array(contactArb, { minLength: 1, maxLength: 8 }), (ctx, contacts) => {
      const sources = rulesOf(ctx, 'contact');
      for (const contact of contacts) {
        const expected = maxLevel(sources.filter((r) => evaluateCondition(r.when, contact)).map((r) => r.level));
        expect(computeLevel(ctx, contact)).toBe(expected);
      }
    }), { numRuns: 400 });
  });

  it('has at most one rule per level, highest first, and one bucket set test per level', () => {
    fc.assert(fc.property(ctxArb, (ctx) => {
      const levels = levelRulesOf(ctx, 'contact').map((r) => r.level);
      expect(new Set(levels).size).toBe(levels.length);
      const buckets = (c: Condition): number => (c.op === 'inBuckets' ? 1 : c.op === 'and' || c.op === 'or' ? c.args.reduce((n, a) => n + buckets(a), 0) : 0);
      for (const rule of levelRulesOf(ctx, 'contact')) expect(buckets(rule.when)).toBeLessThanOrEqual(1);
    }), { numRuns: 200 });
  });
});

describe('or merges same-shaped set tests', () => {
  const live = stateIn(['active', 'archived']);
  it('evaluates as the disjunction it replaces, small and large sets alike', () => {
    const setArb = fc.subarray(BUCKETS, { minLength: 1 });
    fc.assert(fc.property(fc.array(fc.tuple(fc.boolean(), setArb, fc.subarray(USERS, { minLength: 1 })), { minLength: 1, maxLength: 12 }), contactArb, (parts, contact) => {
      const disjuncts: Condition[] = parts.map(([gated, buckets, owners]) => (gated ? { op: 'and', args: [live, inBuckets(buckets)] } : ownerIn(owners)));
      const merged = or(...disjuncts);
      expect(evaluateCondition(merged, contact)).toBe(disjuncts.some((d) => evaluateCondition(d, contact)));
    }), { numRuns: 500 });
  });

  it('keeps different shapes apart and unions equal ones', () => {
    expect(or({ op: 'and', args: [live, inBuckets(['b1'])] }, ownerIn(['u1']), { op: 'and', args: [live, inBuckets(['b2', 'b1'])] })).toEqual({
      op: 'or', args: [{ op: 'and', args: [live, { op: 'inBuckets', bucketIds: ['b1', 'b2'] }] }, { op: 'ownerIn', userIds: ['u1'] }],
    });
  });
});

describe('or absorbs conjunctions that hold another disjunct', () => {
  const live = stateIn(['active', 'archived']);
  it('keeps X and drops X AND Y, evaluating the same', () => {
    const grant: Condition = { op: 'and', args: [live, ownerIn(['u1'])] };
    expect(or(grant, live, ownerIn(['u0']))).toEqual({ op: 'or', args: [live, { op: 'ownerIn', userIds: ['u0'] }] });
    fc.assert(fc.property(contactArb, (contact) => {
      expect(evaluateCondition(or(grant, live), contact)).toBe(evaluateCondition(grant, contact) || evaluateCondition(live, contact));
    }), { numRuns: 200 });
  });
});
