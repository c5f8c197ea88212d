// The two interpreters agree: `decide` on one record and the compiled filter evaluated on it (style.md, core rule 2).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTACT_ACTIONS } from './actions.ts';
import { evaluateCondition } from './condition.ts';
import { allowedActions, allowedSubset, decide, decideMany } from './decide.ts';
import {
  CONTACT_STATES, type ActorContext, type BucketShareFact, type ContactFacts, type Grantee, type RecordShareFact,
  type UserGrantFact, type Window,
} from './facts.ts';
import { compileFilter, policyCondition } from './filter.ts';
import { GRANT_LEVELS, SHARE_LEVELS } from './levels.ts';

const NOW = 1_748_822_400_000;
const USERS = ['u0', 'u1', 'u2', 'u3'];
const TEAMS = ['t0', 't1'];
const BUCKETS = ['b0', 'b1', 'b2'];

const bound = fc.constantFrom(null, NOW - 86_400_000, NOW - 1, NOW, NOW + 1, NOW + 86_400_000);
const windowArb: fc.Arbitrary<Window> = fc.record({ startsAt: bound, expiresAt: bound });
const granteeArb: fc.Arbitrary<Grantee> = fc.oneof(
  fc.constantFrom(...USERS).map((userId) => ({ userId })),
  fc.constantFrom(...TEAMS).map((teamId) => ({ teamId })),
);
const provenance = { grantedBy: 'u0', grantedAt: NOW - 1_000 };

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
  orgId: fc.constantFrom('o0', 'o0', 'o1'),
  role: fc.constantFrom('admin' as const, 'member' as const, 'member' as const),
  status: fc.constantFrom('active' as const, 'active' as const, 'deactivated' as const),
  teamIds: fc.subarray(TEAMS),
  settings: fc.record({ exportEnabled: fc.boolean(), shareAllContacts: fc.boolean(), membersCanArchiveDeleteShared: fc.boolean() }),
  userGrants: fc.array(userGrantArb, { maxLength: 4 }),
  bucketShares: fc.array(bucketShareArb, { maxLength: 3 }),
}).map(({ userId, orgId, role, status, teamIds, settings, userGrants, bucketShares }) => ({
  actor: { userId, orgId, role, status, teamIds, exportChannels: [] }, settings, userGrants, bucketShares, now: NOW,
}));

const contactArb: fc.Arbitrary<ContactFacts> = fc.record({
  id: fc.constant('c'), orgId: fc.constantFrom('o0', 'o0', 'o1'), ownerId: fc.constantFrom(...USERS), state: fc.constantFrom(...CONTACT_STATES),
  shares: fc.array(recordShareArb, { maxLength: 4 }), bucketIds: fc.subarray(BUCKETS),
});

describe('compileFilter agrees with decide', () => {
  it('for random worlds, decide(ctx, a, c).allowed === evaluateCondition(policyCondition(ctx, compileFilter(ctx, a)), c), for every action', () => {
    fc.assert(fc.property(ctxArb, fc.array(contactArb, { minLength: 1, maxLength: 6 }), (ctx, contacts) => {
      for (const action of CONTACT_ACTIONS) {
        const policy = compileFilter(ctx, action);
        for (const contact of contacts) {
          expect(evaluateCondition(policyCondition(ctx, policy), contact), action).toBe(decide(ctx, action, contact).allowed);
        }
      }
    }), { numRuns: 1_000 });
  });

  it('narrowed to a state, the filter keeps exactly the allowed contacts in that state', () => {
    fc.assert(fc.property(ctxArb, contactArb, (ctx, contact) => {
      for (const action of CONTACT_ACTIONS) {
        const allowed = decide(ctx, action, contact).allowed;
        for (const state of CONTACT_STATES) {
          expect(evaluateCondition(policyCondition(ctx, compileFilter(ctx, action, [state])), contact)).toBe(allowed && contact.state === state);
        }
      }
    }), { numRuns: 500 });
  });

  it('a denied policy allows nothing; an open policy allows every contact of the org', () => {
    fc.assert(fc.property(ctxArb, fc.array(contactArb, { minLength: 1, maxLength: 6 }), (ctx, contacts) => {
      for (const action of CONTACT_ACTIONS) {
        const policy = compileFilter(ctx, action);
        for (const contact of contacts) {
          const allowed = decide(ctx, action, contact).allowed;
          if (policy.kind === 'denied') expect(allowed).toBe(false);
          if (policy.kind === 'open') expect(allowed).toBe(contact.orgId === ctx.actor.orgId);
        }
      }
    }), { numRuns: 500 });
  });

  it('decideMany, allowedSubset and allowedActions agree with decide; nothing is allowed on an invisible contact', () => {
    fc.assert(fc.property(ctxArb, fc.array(contactArb, { minLength: 1, maxLength: 4 }), (ctx, contacts) => {
      const unique = contacts.map((c, i) => ({ ...c, id: `c${i}` }));
      for (const action of CONTACT_ACTIONS) {
        const many = decideMany(ctx, action, unique);
        const subset = allowedSubset(ctx, action, unique);
        for (const contact of unique) {
          const one = decide(ctx, action, contact);
          expect(many.get(contact.id)).toEqual(one);
          expect(subset.has(contact.id)).toBe(one.allowed);
          expect(allowedActions(ctx, contact).includes(action)).toBe(one.allowed);
          if (!one.visible) expect(one.allowed).toBe(false);
          expect(one.visible).toBe(one.level !== 'none');
        }
      }
    }), { numRuns: 300 });
  });
});

describe('compileFilter policy kinds (fail closed)', () => {
  const base: ActorContext = {
    actor: { userId: 'u0', orgId: 'o0', role: 'member', status: 'active', teamIds: [], exportChannels: [] },
    settings: { exportEnabled: false, shareAllContacts: false, membersCanArchiveDeleteShared: false },
    userGrants: [], bucketShares: [], now: NOW,
  };
  it('a deactivated actor is denied everything', () => {
    const ctx = { ...base, actor: { ...base.actor, status: 'deactivated' as const } };
    for (const action of CONTACT_ACTIONS) expect(compileFilter(ctx, action)).toEqual({ kind: 'denied' });
  });
  it('an admin listing contacts to view is open over the org alone (open carries no condition)', () => {
    const ctx = { ...base, actor: { ...base.actor, role: 'admin' as const } };
    expect(compileFilter(ctx, 'contact.view')).toEqual({ kind: 'open' });
    expect(policyCondition(ctx, compileFilter(ctx, 'contact.view'))).toEqual({ op: 'orgIs', orgId: 'o0' });
  });
  it('a member is gated, and the org condition is always part of it', () => {
    const policy = compileFilter(base, 'contact.view');
    if (policy.kind !== 'gated') throw new Error(`expected gated, got ${policy.kind}`);
    expect(policy.condition.op === 'and' && policy.condition.args).toContainEqual({ op: 'orgIs', orgId: 'o0' });
  });
});
