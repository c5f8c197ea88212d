// Calendar items as a resource (spec §7): levels and actions from calendarItemRules, the compiled filter, explain,
// the calendar-wide questions (read, write, move, readable calendars) and the two contact-link rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALENDAR_ITEM_ACTIONS, parseAction } from './actions.ts';
import {
  canLinkContact, canMoveCalendarItem, canOnCalendar, canSeeLinkedContact, computeCalendarItemLevel, readableCalendars,
} from './calendar.ts';
import { evaluateCondition } from './condition.ts';
import { allowedActionsOn, allowedSubset, computeLevelOn, decide } from './decide.ts';
import { explainOn } from './explain.ts';
import type { ActorContext, CalendarItemFacts, ContactFacts, Grantee, Role, UserGrantFact, UserStatus, Window } from './facts.ts';
import { compileFilter, policyCondition } from './filter.ts';
import type { GrantLevel } from './levels.ts';

const NOW = 1_748_822_400_000;
const OPEN: Window = { startsAt: null, expiresAt: null };
type Opts = { role?: Role; status?: UserStatus; teamIds?: string[]; shareAll?: boolean; orgId?: string };

function ctx(userId: string, grants: UserGrantFact[] = [], o: Opts = {}): ActorContext {
  return {
    actor: { userId, orgId: o.orgId ?? 'org', role: o.role ?? 'member', status: o.status ?? 'active', teamIds: o.teamIds ?? [], exportChannels: [] },
    settings: { exportEnabled: true, shareAllContacts: o.shareAll ?? false, membersCanArchiveDeleteShared: true },
    userGrants: grants, bucketShares: [], now: NOW,
  };
}
let n = 0;
function grant(ownerId: string, grantee: Grantee, level: GrantLevel, o: { window?: Window; scope?: 'contacts' | 'calendar' } = {}): UserGrantFact {
  n += 1;
  return { id: `g${n}`, ownerId, grantee, scope: o.scope ?? 'calendar', level, ...(o.window ?? OPEN), grantedBy: 'ada', grantedAt: NOW - 1 };
}
const item = (ownerId: string, o: Partial<CalendarItemFacts> = {}): CalendarItemFacts => ({ id: `i-${ownerId}`, orgId: 'org', ownerId, ...o });
const contact = (ownerId: string, o: Partial<ContactFacts> = {}): ContactFacts => ({ id: 'zoe', orgId: 'org', ownerId, state: 'active', shares: [], bucketIds: [], ...o });
const dan = { userId: 'dan' };

describe('calendar item rules (spec §7)', () => {
  it.each([
    { who: 'the assignee', c: ctx('ben'), level: 'owner', actions: ['calendar_item.view', 'calendar_item.edit', 'calendar_item.delete'] },
    { who: 'a view grantee', c: ctx('dan', [grant('ben', dan, 'view')]), level: 'view', actions: ['calendar_item.view'] },
    { who: 'an edit grantee', c: ctx('dan', [grant('ben', dan, 'edit')]), level: 'edit', actions: ['calendar_item.view', 'calendar_item.edit', 'calendar_item.delete'] },
    { who: 'a team edit grantee', c: ctx('dan', [grant('ben', { teamId: 't' }, 'edit')], { teamIds: ['t'] }), level: 'edit', actions: ['calendar_item.view', 'calendar_item.edit', 'calendar_item.delete'] },
    { who: 'an admin without a grant', c: ctx('ada', [], { role: 'admin' }), level: 'none', actions: [] },
    { who: 'an admin with share-all on', c: ctx('ada', [], { role: 'admin', shareAll: true }), level: 'none', actions: [] },
    { who: 'a contacts grantee', c: ctx('dan', [grant('ben', dan, 'edit', { scope: 'contacts' })]), level: 'none', actions: [] },
    { who: 'a grantee on another calendar', c: ctx('dan', [grant('cat', dan, 'edit')]), level: 'none', actions: [] },
    { who: 'a grant that ended exactly now', c: ctx('dan', [grant('ben', dan, 'edit', { window: { startsAt: null, expiresAt: NOW } })]), level: 'none', actions: [] },
    { who: 'a grant that starts later', c: ctx('dan', [grant('ben', dan, 'edit', { window: { startsAt: NOW + 1, expiresAt: null } })]), level: 'none', actions: [] },
    { who: 'a deactivated grantee', c: ctx('dan', [grant('ben', dan, 'edit')], { status: 'deactivated' }), level: 'none', actions: [] },
    { who: 'a deactivated assignee', c: ctx('ben', [], { status: 'deactivated' }), level: 'none', actions: [] },
    { who: 'a user of another org', c: ctx('ben', [], { orgId: 'other' }), level: 'none', actions: [] },
  ])('$who → $level', ({ c, level, actions }) => {
    const it = item('ben');
    expect(computeLevelOn(c, 'calendar_item', it)).toBe(level);
    if (c.actor.orgId === 'org') expect(computeCalendarItemLevel(c, 'ben')).toBe(level);
    expect(allowedActionsOn(c, 'calendar_item', it)).toEqual(actions);
    for (const action of CALENDAR_ITEM_ACTIONS) {
      expect(decide(c, action, it).allowed, action).toBe(actions.includes(action));
      // The compiled filter lets the item through exactly when decide allows it.
      expect(evaluateCondition(policyCondition(c, compileFilter(c, action)), it), `filter ${action}`).toBe(actions.includes(action));
    }
  });

  it('parses its actions to its own resource', () => {
    expect(parseAction('calendar_item.edit')).toEqual({ resource: 'calendar_item', action: 'calendar_item.edit' });
    expect(parseAction('calendar.view')).toBeUndefined();
  });

  it('the list policy is the assignee test over own and granted calendars, never open (admins hold nothing)', () => {
    const c = ctx('dan', [grant('ben', dan, 'view'), grant('cat', dan, 'edit'), grant('eve', dan, 'view')]);
    expect(compileFilter(c, 'calendar_item.view')).toEqual({
      kind: 'gated',
      condition: { op: 'and', args: [{ op: 'orgIs', orgId: 'org' }, { op: 'ownerIn', userIds: ['dan', 'ben', 'cat', 'eve'] }] },
    });
    expect(compileFilter(c, 'calendar_item.edit')).toEqual({
      kind: 'gated', condition: { op: 'and', args: [{ op: 'orgIs', orgId: 'org' }, { op: 'ownerIn', userIds: ['dan', 'cat'] }] },
    });
    expect(compileFilter(ctx('ada', [], { role: 'admin' }), 'calendar_item.view').kind).toBe('gated');
    expect(compileFilter(ctx('dan', [], { status: 'deactivated' }), 'calendar_item.view')).toEqual({ kind: 'denied' });
  });

  it('explain names the grant behind a level', () => {
    const g = grant('ben', { teamId: 't' }, 'edit');
    const why = explainOn(ctx('dan', [g, grant('ben', dan, 'view')], { teamIds: ['t'] }), 'calendar_item', item('ben'));
    expect(why.level).toBe('edit');
    expect(why.sources.map((s) => `${s.kind}:${s.level}:${s.ownerId}`)).toEqual(['user_grant:edit:ben', 'user_grant:view:ben']);
    expect(why.sources[0]?.viaTeamId).toBe('t');
  });

  it('readable calendars: own first, each granted calendar once at its highest level', () => {
    const c = ctx('dan', [grant('ben', dan, 'view'), grant('ben', { teamId: 't' }, 'edit'), grant('cat', dan, 'view'), grant('eve', dan, 'view', { scope: 'contacts' })], { teamIds: ['t'] });
    expect(readableCalendars(c)).toEqual([{ userId: 'dan', level: 'owner' }, { userId: 'ben', level: 'edit' }, { userId: 'cat', level: 'view' }]);
    expect(readableCalendars(ctx('ada', [], { role: 'admin' }))).toEqual([{ userId: 'ada', level: 'owner' }]);
    expect(readableCalendars(ctx('dan', [grant('ben', dan, 'edit')], { status: 'deactivated' }))).toEqual([]);
  });

  it('moving an item from V to W needs write on both', () => {
    const c = ctx('dan', [grant('ben', dan, 'edit'), grant('cat', dan, 'view'), grant('eve', dan, 'edit')]);
    expect(canMoveCalendarItem(c, item('ben'), 'eve')).toBe(true);
    expect(canMoveCalendarItem(c, item('ben'), 'dan')).toBe(true);
    expect(canMoveCalendarItem(c, item('ben'), 'cat')).toBe(false);
    expect(canMoveCalendarItem(c, item('cat'), 'ben')).toBe(false);
    expect(canOnCalendar(c, 'calendar.write', 'eve')).toBe(true);
  });

  it('linking needs collaborate on the contact; the link shows to those who see the contact at view', () => {
    const shared = (level: 'view' | 'collaborate') => contact('ben', { shares: [{ id: 's', contactId: 'zoe', grantee: dan, level, ...OPEN, grantedBy: 'ben', grantedAt: NOW - 1 }] });
    const c = ctx('dan');
    expect([canLinkContact(c, shared('collaborate')), canSeeLinkedContact(c, shared('collaborate'))]).toEqual([true, true]);
    expect([canLinkContact(c, shared('view')), canSeeLinkedContact(c, shared('view'))]).toEqual([false, true]);
    expect([canLinkContact(c, contact('ben')), canSeeLinkedContact(c, contact('ben'))]).toEqual([false, false]);
    // An admin sees every contact at profile: not enough to see the link.
    expect(canSeeLinkedContact(ctx('ada', [], { role: 'admin' }), contact('ben'))).toBe(false);
    // The owner of a trashed contact sees it (owner level) but may not link a task to it.
    expect([canLinkContact(ctx('ben'), contact('ben', { state: 'trashed' })), canSeeLinkedContact(ctx('ben'), contact('ben', { state: 'trashed' }))]).toEqual([false, true]);
  });
});

describe('property: decide, allowedSubset and the compiled filter agree on random calendar worlds', () => {
  const USERS = ['ann', 'bob', 'cid', 'dee'];
  const grantArb = fc.record({
    ownerId: fc.constantFrom(...USERS), grantee: fc.oneof(fc.constantFrom(...USERS).map((userId) => ({ userId })), fc.constant({ teamId: 't' })),
    scope: fc.constantFrom('contacts' as const, 'calendar' as const), level: fc.constantFrom('view' as const, 'edit' as const),
    startsAt: fc.option(fc.constantFrom(NOW - 1, NOW, NOW + 1), { nil: null }), expiresAt: fc.option(fc.constantFrom(NOW - 1, NOW, NOW + 1), { nil: null }),
  }).map((g): UserGrantFact => ({ ...g, id: `p${g.ownerId}${g.level}`, grantedBy: null, grantedAt: NOW - 1 }));
  const worldArb = fc.record({
    me: fc.constantFrom(...USERS), role: fc.constantFrom('admin' as const, 'member' as const), status: fc.constantFrom('active' as const, 'deactivated' as const),
    inTeam: fc.boolean(), grants: fc.array(grantArb, { maxLength: 6 }),
    items: fc.array(fc.record({ ownerId: fc.constantFrom(...USERS), orgId: fc.constantFrom('org', 'org', 'other') }), { maxLength: 8 }),
  });
  it('for every action', () => {
    fc.assert(fc.property(worldArb, (w) => {
      const c = ctx(w.me, w.grants, { role: w.role, status: w.status, teamIds: w.inTeam ? ['t'] : [] });
      const items = w.items.map((x, i) => ({ id: `i${i}`, ...x }));
      for (const action of CALENDAR_ITEM_ACTIONS) {
        const condition = policyCondition(c, compileFilter(c, action));
        const subset = allowedSubset(c, action, items);
        for (const x of items) {
          const allowed = decide(c, action, x).allowed;
          expect(evaluateCondition(condition, x)).toBe(allowed);
          expect(subset.has(x.id)).toBe(allowed);
        }
      }
    }), { numRuns: 300 });
  });
});
