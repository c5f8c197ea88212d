// Who may give what (spec §1.4, §6.1) and reassignment (spec §6.4).
import { describe, expect, it } from 'vitest';
import type { ActorContext, ContactFacts, Grantee, RecordShareFact, Role, UserGrantFact, UserStatus, Window } from './facts.ts';
import type { GrantLevel, ShareLevel } from './levels.ts';
import { decideReassign, decideShareChange, shareCeiling, type ReassignTarget } from './sharing.ts';

const NOW = 1_748_822_400_000;
const OPEN: Window = { startsAt: null, expiresAt: null };

function ctx(userId: string, o: { role?: Role; status?: UserStatus; teamIds?: string[]; userGrants?: UserGrantFact[]; archiveSwitch?: boolean } = {}): ActorContext {
  return {
    actor: { userId, orgId: 'org', role: o.role ?? 'member', status: o.status ?? 'active', teamIds: o.teamIds ?? [], exportChannels: [] },
    settings: { exportEnabled: false, shareAllContacts: false, membersCanArchiveDeleteShared: o.archiveSwitch ?? false },
    userGrants: o.userGrants ?? [], bucketShares: [], now: NOW,
  };
}
function contact(ownerId: string, shares: RecordShareFact[] = [], state: ContactFacts['state'] = 'active'): ContactFacts {
  return { id: 'c1', orgId: 'org', ownerId, state, shares, bucketIds: [] };
}
function share(userId: string, level: ShareLevel): RecordShareFact {
  return { id: `s-${userId}`, contactId: 'c1', grantee: { userId }, level, ...OPEN, grantedBy: 'ann', grantedAt: NOW - 1 };
}
function grant(ownerId: string, grantee: Grantee, level: GrantLevel, window: Window = OPEN): UserGrantFact {
  return { id: `g-${ownerId}`, ownerId, grantee, scope: 'contacts', level, ...window, grantedBy: 'ada', grantedAt: NOW - 1 };
}
const target = (userId: string, o: Partial<ReassignTarget> = {}): ReassignTarget => ({ userId, orgId: 'org', status: 'active', ...o });

describe('decideShareChange: nobody gives away more than they have (spec §6.1)', () => {
  const ALL: ShareLevel[] = ['view', 'collaborate', 'edit'];
  it.each([
    { who: 'owner', c: ctx('ann'), k: contact('ann') },
    { who: 'admin at profile', c: ctx('ada', { role: 'admin' }), k: contact('ann') },
    { who: 'admin who is also shared at view', c: ctx('ada', { role: 'admin' }), k: contact('ann', [share('ada', 'view')]) },
    { who: 'member with an edit share', c: ctx('bob'), k: contact('ann', [share('bob', 'edit')]) },
    { who: 'member with an edit user grant', c: ctx('bob', { userGrants: [grant('ann', { userId: 'bob' }, 'edit')] }), k: contact('ann') },
  ])('$who may give view, collaborate and edit', ({ c, k }) => {
    for (const l of ALL) expect(decideShareChange(c, k, [l]), l).toEqual({ allowed: true });
    expect(decideShareChange(c, k, ALL)).toEqual({ allowed: true });
  });

  it.each([
    { who: 'member with collaborate', share: 'collaborate' as const },
    { who: 'member with view', share: 'view' as const },
  ])('$who may not share at all, not even below their level (403)', ({ share: lvl }) => {
    for (const l of ALL) {
      expect(decideShareChange(ctx('bob'), contact('ann', [share('bob', lvl)]), [l])).toEqual({ allowed: false, reason: 'not_allowed', level: lvl });
    }
  });

  it('an invisible contact answers not_visible (404)', () => {
    expect(decideShareChange(ctx('bob'), contact('ann'), ['view'])).toEqual({ allowed: false, reason: 'not_visible', level: 'none' });
    expect(decideShareChange(ctx('ann', { status: 'deactivated' }), contact('ann'), ['view'])).toEqual({ allowed: false, reason: 'not_visible', level: 'none' });
  });

  it('a trashed contact cannot be shared, even by its owner', () => {
    expect(decideShareChange(ctx('ann'), contact('ann', [], 'trashed'), ['view'])).toEqual({ allowed: false, reason: 'not_allowed', level: 'owner' });
  });

  it('changing a share needs both its old and its new level; revoking needs its level', () => {
    const editor = ctx('bob');
    const k = contact('ann', [share('bob', 'edit')]);
    expect(decideShareChange(editor, k, ['edit', 'view'])).toEqual({ allowed: true });
    expect(decideShareChange(editor, k, ['edit'])).toEqual({ allowed: true });
  });

  it('the ceiling never exceeds the sharer\'s own level and never reaches owner', () => {
    expect(shareCeiling(ctx('ann'), 'owner')).toBe('edit');
    expect(shareCeiling(ctx('ada', { role: 'admin' }), 'profile')).toBe('edit');
    expect(shareCeiling(ctx('bob'), 'edit')).toBe('edit');
    expect(shareCeiling(ctx('bob'), 'collaborate')).toBe('collaborate');
    expect(shareCeiling(ctx('bob'), 'view')).toBe('view');
  });
});

describe('decideReassign (spec §6.4)', () => {
  const bob = { userId: 'bob' };
  it.each([
    { who: 'owner to themselves', c: ctx('ann'), to: 'ann', answer: { allowed: true } },
    { who: 'owner to someone without a grant on them', c: ctx('ann'), to: 'cid', answer: { allowed: false, reason: 'target_not_allowed' } },
    { who: 'owner to someone they hold an edit grant on', c: ctx('ann', { userGrants: [grant('cid', { userId: 'ann' }, 'edit')] }), to: 'cid', answer: { allowed: true } },
    { who: 'admin to anyone active', c: ctx('ada', { role: 'admin' }), to: 'cid', answer: { allowed: true } },
    { who: 'edit grantee on O, to themselves', c: ctx('bob', { userGrants: [grant('ann', bob, 'edit')] }), to: 'bob', answer: { allowed: true } },
    { who: 'edit grantee on O through a team, to themselves', c: ctx('bob', { teamIds: ['t'], userGrants: [grant('ann', { teamId: 't' }, 'edit')] }), to: 'bob', answer: { allowed: true } },
    { who: 'edit grantee on O, to N without a grant on N', c: ctx('bob', { userGrants: [grant('ann', bob, 'edit')] }), to: 'cid', answer: { allowed: false, reason: 'target_not_allowed' } },
    { who: 'edit grantee on O and on N', c: ctx('bob', { userGrants: [grant('ann', bob, 'edit'), grant('cid', bob, 'edit')] }), to: 'cid', answer: { allowed: true } },
    { who: 'edit grantee on O, view grantee on N', c: ctx('bob', { userGrants: [grant('ann', bob, 'edit'), grant('cid', bob, 'view')] }), to: 'cid', answer: { allowed: false, reason: 'target_not_allowed' } },
    { who: 'view grantee on O', c: ctx('bob', { userGrants: [grant('ann', bob, 'view')] }), to: 'bob', answer: { allowed: false, reason: 'not_allowed' } },
    { who: 'expired edit grantee on O', c: ctx('bob', { userGrants: [grant('ann', bob, 'edit', { startsAt: null, expiresAt: NOW })] }), to: 'bob', answer: { allowed: false, reason: 'not_visible' } },
    { who: 'stranger', c: ctx('bob'), to: 'bob', answer: { allowed: false, reason: 'not_visible' } },
  ])('$who: $answer', ({ c, to, answer }) => {
    expect(decideReassign(c, contact('ann'), target(to))).toEqual(answer);
  });

  it('an edit record share is not enough: reassigning needs an edit user grant on the owner', () => {
    expect(decideReassign(ctx('bob'), contact('ann', [share('bob', 'edit')]), target('bob'))).toEqual({ allowed: false, reason: 'not_allowed' });
  });

  it('N must be an active user of the same org', () => {
    const admin = ctx('ada', { role: 'admin' });
    expect(decideReassign(admin, contact('ann'), target('cid', { status: 'deactivated' }))).toEqual({ allowed: false, reason: 'target_invalid' });
    expect(decideReassign(admin, contact('ann'), target('cid', { orgId: 'other' }))).toEqual({ allowed: false, reason: 'target_invalid' });
  });

  it('a trashed contact is not reassigned (restore it first)', () => {
    expect(decideReassign(ctx('ada', { role: 'admin' }), contact('ann', [], 'trashed'), target('cid'))).toEqual({ allowed: false, reason: 'not_allowed' });
  });

  it('a deactivated admin may not reassign', () => {
    expect(decideReassign(ctx('ada', { role: 'admin', status: 'deactivated' }), contact('ann'), target('cid'))).toEqual({ allowed: false, reason: 'not_visible' });
  });
});
