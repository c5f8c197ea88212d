// "Shared with you": record shares, user grants and bucket shares count; owning, being admin and share-all do not;
// and the list scope's condition says the same as the per-contact answer.
import { describe, expect, it } from 'vitest';
import { evaluateCondition } from './condition.ts';
import type { ActorContext, ContactFacts, Grantee, OrgSettings, RecordShareFact } from './facts.ts';
import { policyCondition } from './filter.ts';
import { compileSharedWithActorFilter, isSharedWithActor } from './shared-with-actor.ts';

const NOW = 1_748_822_400_000;
const HOUR = 3_600_000;
const OFF: OrgSettings = { exportEnabled: false, shareAllContacts: false, membersCanArchiveDeleteShared: false };

function ctx(userId: string, o: Partial<Omit<ActorContext, 'actor'>> & { role?: 'admin' | 'member'; teamIds?: string[] } = {}): ActorContext {
  return {
    actor: { userId, orgId: 'org', role: o.role ?? 'member', status: 'active', teamIds: o.teamIds ?? [], exportChannels: [] },
    settings: o.settings ?? OFF, userGrants: o.userGrants ?? [], bucketShares: o.bucketShares ?? [], now: NOW,
  };
}
function contact(o: Partial<ContactFacts> = {}): ContactFacts {
  return { id: 'c1', orgId: 'org', ownerId: 'ann', state: 'active', shares: [], bucketIds: [], ...o };
}
function share(grantee: Grantee, expiresAt: number | null = null): RecordShareFact {
  return { id: 's1', contactId: 'c1', grantee, level: 'view', startsAt: null, expiresAt, grantedBy: 'ann', grantedAt: NOW - HOUR };
}
const open = { startsAt: null, expiresAt: null, grantedBy: 'ada', grantedAt: NOW - HOUR };

/** The per-contact answer and the list scope's condition (with its "owner is not" test) on one contact. */
function both(c: ActorContext, facts: ContactFacts): [boolean, boolean] {
  const scope = compileSharedWithActorFilter(c, [facts.state]);
  const listed = facts.ownerId !== scope.notOwnerId && evaluateCondition(policyCondition(c, scope.policy), facts);
  return [isSharedWithActor(c, facts), listed];
}

describe('shared with the actor', () => {
  it('an admin with nothing shared: no', () => {
    expect(both(ctx('ada', { role: 'admin' }), contact())).toEqual([false, false]);
  });
  it('share-all gives access but shares nothing', () => {
    expect(both(ctx('ben', { settings: { ...OFF, shareAllContacts: true } }), contact())).toEqual([false, false]);
  });
  it('a record share to the user or their team; not once expired; not when trashed', () => {
    expect(both(ctx('ben'), contact({ shares: [share({ userId: 'ben' })] }))).toEqual([true, true]);
    expect(both(ctx('ben', { teamIds: ['t1'] }), contact({ shares: [share({ teamId: 't1' })] }))).toEqual([true, true]);
    expect(both(ctx('ben'), contact({ shares: [share({ userId: 'ben' }, NOW)] }))).toEqual([false, false]);
    expect(both(ctx('ada', { role: 'admin' }), contact({ state: 'trashed', shares: [share({ userId: 'ada' })] }))).toEqual([false, false]);
  });
  it('a user grant on the owner, to the user or a team', () => {
    const grant = { id: 'g1', ownerId: 'ann', scope: 'contacts' as const, level: 'view' as const, ...open };
    expect(both(ctx('ben', { userGrants: [{ ...grant, grantee: { userId: 'ben' } }] }), contact())).toEqual([true, true]);
    expect(both(ctx('ben', { teamIds: ['t1'], userGrants: [{ ...grant, grantee: { teamId: 't1' } }] }), contact())).toEqual([true, true]);
    expect(both(ctx('ben', { userGrants: [{ ...grant, scope: 'calendar', grantee: { userId: 'ben' } }] }), contact())).toEqual([false, false]);
  });
  it('a bucket share, but never on the actor\'s own contact', () => {
    const bucketShares = [{ id: 'b1', bucketId: 'k1', grantee: { userId: 'ben' }, level: 'view' as const, ...open }];
    expect(both(ctx('ben', { bucketShares }), contact({ bucketIds: ['k1'] }))).toEqual([true, true]);
    expect(both(ctx('ben', { bucketShares }), contact({ ownerId: 'ben', bucketIds: ['k1'] }))).toEqual([false, false]);
  });
  it('another org\'s contact: no', () => {
    expect(both(ctx('ben'), contact({ orgId: 'other', shares: [share({ userId: 'ben' })] }))).toEqual([false, false]);
  });
});
