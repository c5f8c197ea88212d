// Calendars (spec §7): self, or a calendar grant; being admin gives nothing by itself.
import { describe, expect, it } from 'vitest';
import { canOnCalendar, computeCalendarLevel } from './calendar.ts';
import type { ActorContext, Grantee, Role, UserGrantFact, UserStatus, Window } from './facts.ts';
import type { GrantLevel } from './levels.ts';

const NOW = 1_748_822_400_000;
const OPEN: Window = { startsAt: null, expiresAt: null };

function ctx(userId: string, grants: UserGrantFact[] = [], o: { role?: Role; status?: UserStatus; teamIds?: string[] } = {}): ActorContext {
  return {
    actor: { userId, orgId: 'org', role: o.role ?? 'member', status: o.status ?? 'active', teamIds: o.teamIds ?? [], exportChannels: [] },
    settings: { exportEnabled: true, shareAllContacts: true, membersCanArchiveDeleteShared: true }, userGrants: grants, bucketShares: [], now: NOW,
  };
}
function grant(ownerId: string, grantee: Grantee, level: GrantLevel, window: Window = OPEN, scope: 'contacts' | 'calendar' = 'calendar'): UserGrantFact {
  return { id: `g-${ownerId}-${level}`, ownerId, grantee, scope, level, ...window, grantedBy: 'ada', grantedAt: NOW - 1 };
}
const dan = { userId: 'dan' };

describe('calendar access', () => {
  it.each([
    { who: 'the calendar\'s own user', c: ctx('ben'), level: 'edit' },
    { who: 'a stranger', c: ctx('dan'), level: 'none' },
    { who: 'an admin with no grant', c: ctx('ada', [], { role: 'admin' }), level: 'none' },
    { who: 'a view grantee', c: ctx('dan', [grant('ben', dan, 'view')]), level: 'view' },
    { who: 'an edit grantee', c: ctx('dan', [grant('ben', dan, 'edit')]), level: 'edit' },
    { who: 'view and edit grantee', c: ctx('dan', [grant('ben', dan, 'view'), grant('ben', dan, 'edit')]), level: 'edit' },
    { who: 'a team grantee', c: ctx('dan', [grant('ben', { teamId: 'sales' }, 'edit')], { teamIds: ['sales'] }), level: 'edit' },
    { who: 'not in the granted team', c: ctx('dan', [grant('ben', { teamId: 'sales' }, 'edit')]), level: 'none' },
    { who: 'a grantee on another calendar', c: ctx('dan', [grant('cat', dan, 'edit')]), level: 'none' },
    { who: 'a contacts grantee', c: ctx('dan', [grant('ben', dan, 'edit', OPEN, 'contacts')]), level: 'none' },
    { who: 'a grantee whose grant expired exactly now', c: ctx('dan', [grant('ben', dan, 'edit', { startsAt: null, expiresAt: NOW })]), level: 'none' },
    { who: 'a grantee whose grant starts later', c: ctx('dan', [grant('ben', dan, 'edit', { startsAt: NOW + 1, expiresAt: null })]), level: 'none' },
    { who: 'a deactivated grantee', c: ctx('dan', [grant('ben', dan, 'edit')], { status: 'deactivated' }), level: 'none' },
    { who: 'a deactivated user on their own calendar', c: ctx('ben', [], { status: 'deactivated' }), level: 'none' },
  ])('$who → $level', ({ c, level }) => {
    expect(computeCalendarLevel(c, 'ben')).toBe(level);
    expect(canOnCalendar(c, 'calendar.view', 'ben')).toBe(level !== 'none');
    expect(canOnCalendar(c, 'calendar.write', 'ben')).toBe(level === 'edit');
  });

  it('moving an item from V to W needs write on both', () => {
    const c = ctx('dan', [grant('ben', dan, 'edit'), grant('cat', dan, 'view')]);
    const mayMove = (from: string, to: string) => canOnCalendar(c, 'calendar.write', from) && canOnCalendar(c, 'calendar.write', to);
    expect(mayMove('ben', 'dan')).toBe(true);
    expect(mayMove('ben', 'cat')).toBe(false);
  });
});
