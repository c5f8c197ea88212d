// Templates, pipelines and programs (spec §6.6): private to the owner until shared by hand at `view` (use) or `edit`
// (change); admins hold `view`; the owner or an admin manages. The compiled filter agrees with `decide` on random
// worlds, and nothing here gives any level on a contact.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HAND_SHARED, handSharedAction, type HandShared, type HandSharedVerb } from './actions.ts';
import { evaluateCondition } from './condition.ts';
import { computeLevel, decide } from './decide.ts';
import type { ActorContext, Grantee, HandSharedFacts, Role, ShareFact, UserStatus, Window } from './facts.ts';
import { compileFilter, policyCondition } from './filter.ts';
import { computeHandSharedAccess } from './hand-shared.ts';
import { GRANT_LEVELS, type GrantLevel } from './levels.ts';

const NOW = 1_748_822_400_000;
const OPEN: Window = { startsAt: null, expiresAt: null };
type Opts = { role?: Role; status?: UserStatus; teamIds?: string[]; orgId?: string };
function ctx(userId: string, o: Opts = {}): ActorContext {
  return {
    actor: { userId, orgId: o.orgId ?? 'org', role: o.role ?? 'member', status: o.status ?? 'active', teamIds: o.teamIds ?? [], exportChannels: [] },
    settings: { exportEnabled: false, shareAllContacts: true, membersCanArchiveDeleteShared: true },
    userGrants: [], bucketShares: [], now: NOW,
  };
}
function share(grantee: Grantee, level: GrantLevel, window: Window = OPEN): ShareFact {
  return { id: `s-${level}`, grantee, level, ...window, grantedBy: 'ben', grantedAt: NOW - 1 };
}
const item = (shares: ShareFact[] = [], orgId = 'org'): HandSharedFacts => ({ id: 'p1', orgId, ownerId: 'ben', shares });
const verbs = (resource: HandShared, c: ActorContext, record: HandSharedFacts) => computeHandSharedAccess(c, resource, record).actions;

describe.each(HAND_SHARED)('%s: shared by hand (spec §6.6)', (resource) => {
  it('is private to its owner until shared', () => {
    expect(computeHandSharedAccess(ctx('ben'), resource, item())).toMatchObject({ level: 'owner', actions: ['view', 'edit', 'manage'] });
    expect(computeHandSharedAccess(ctx('cat'), resource, item())).toEqual({ level: 'none', actions: [], sources: [] });
  });

  it('a view share lets the grantee use it, an edit share change it; neither manages it', () => {
    expect(verbs(resource, ctx('cat'), item([share({ userId: 'cat' }, 'view')]))).toEqual(['view']);
    expect(verbs(resource, ctx('cat'), item([share({ userId: 'cat' }, 'edit')]))).toEqual(['view', 'edit']);
    expect(verbs(resource, ctx('cat', { teamIds: ['t'] }), item([share({ teamId: 't' }, 'edit')]))).toEqual(['view', 'edit']);
  });

  it('the explain sources name the share, with its team', () => {
    const teamShare = share({ teamId: 't' }, 'edit');
    const access = computeHandSharedAccess(ctx('cat', { teamIds: ['t'] }), resource, item([teamShare]));
    expect(access.sources).toEqual([{
      kind: 'record_share', level: 'edit', id: teamShare.id, grantedBy: 'ben', grantedAt: NOW - 1, startsAt: null, expiresAt: null, viaTeamId: 't',
    }]);
  });

  it('an admin sees, uses and manages every one of the org, and changes it only through an edit share', () => {
    const admin = ctx('ada', { role: 'admin' });
    expect(computeHandSharedAccess(admin, resource, item())).toMatchObject({ level: 'view', actions: ['view', 'manage'], sources: [{ kind: 'admin', level: 'view' }] });
    expect(verbs(resource, admin, item([share({ userId: 'ada' }, 'edit')]))).toEqual(['view', 'edit', 'manage']);
    expect(computeHandSharedAccess(ctx('ada', { role: 'admin', orgId: 'other' }), resource, item()).level).toBe('none');
  });

  it('gives nothing outside its window, to a deactivated user, or across orgs', () => {
    expect(verbs(resource, ctx('cat'), item([share({ userId: 'cat' }, 'edit', { startsAt: null, expiresAt: NOW })]))).toEqual([]);
    expect(verbs(resource, ctx('cat'), item([share({ userId: 'cat' }, 'edit', { startsAt: NOW + 1, expiresAt: null })]))).toEqual([]);
    expect(verbs(resource, ctx('cat', { status: 'deactivated' }), item([share({ userId: 'cat' }, 'edit')]))).toEqual([]);
    expect(verbs(resource, ctx('ben'), item([], 'other'))).toEqual([]);
  });

  it('gives no level on a contact', () => {
    const c = ctx('cat');
    const contact = { id: 'c1', orgId: 'org', ownerId: 'ben', state: 'active' as const, shares: [], bucketIds: [] };
    const noShareAll = { ...c, settings: { ...c.settings, shareAllContacts: false } };
    expect(computeLevel(noShareAll, contact)).toBe('none');
  });
});

const arbWindow = fc.record({
  startsAt: fc.option(fc.constantFrom(NOW - 10, NOW, NOW + 10), { nil: null }),
  expiresAt: fc.option(fc.constantFrom(NOW - 10, NOW, NOW + 10), { nil: null }),
});
const arbGrantee = fc.oneof(fc.constantFrom('ben', 'cat', 'dan').map((userId): Grantee => ({ userId })), fc.constantFrom('t1', 't2').map((teamId): Grantee => ({ teamId })));
const arbShare = fc.record({ grantee: arbGrantee, level: fc.constantFrom(...GRANT_LEVELS), window: arbWindow })
  .map(({ grantee, level, window }) => share(grantee, level, window));

describe('the compiled filter agrees with decide on random worlds', () => {
  it('for every resource, actor and verb', () => {
    fc.assert(fc.property(
      fc.constantFrom(...HAND_SHARED),
      fc.constantFrom<HandSharedVerb>('view', 'edit', 'manage'),
      fc.record({ userId: fc.constantFrom('ben', 'cat', 'dan'), role: fc.constantFrom<Role>('admin', 'member'), status: fc.constantFrom<UserStatus>('active', 'active', 'deactivated'), teamIds: fc.subarray(['t1', 't2']) }),
      fc.array(fc.record({ ownerId: fc.constantFrom('ben', 'cat', 'dan'), orgId: fc.constantFrom('org', 'org', 'other'), shares: fc.array(arbShare, { maxLength: 3 }) }), { maxLength: 6 }),
      (resource, verb, who, rows) => {
        const c = ctx(who.userId, who);
        const action = handSharedAction(resource, verb);
        const condition = policyCondition(c, compileFilter(c, action));
        rows.forEach((row, i) => {
          const record: HandSharedFacts = { id: `r${i}`, ...row };
          expect(evaluateCondition(condition, record)).toBe(decide(c, action, record).allowed);
        });
      },
    ), { numRuns: 400 });
  });
});
