// Rules keyed by resource, then action: parsing action names, failing closed on unknown ones, building each
// condition once per (ctx, action), and the bulk check `allowedSubset`.
import { describe, expect, it } from 'vitest';
import { ACTIONS_BY_RESOURCE, parseAction, RESOURCES, resourceOf, type Action } from './actions.ts';
import { FALSE } from './condition.ts';
import { allowedActions, allowedSubset, decide } from './decide.ts';
import type { ActorContext, ContactFacts, OrgSettings } from './facts.ts';
import { compileFilter } from './filter.ts';
import { actionCondition, rulesOf } from './policy.ts';

const NOW = 1_748_822_400_000;
const OFF: OrgSettings = { exportEnabled: false, shareAllContacts: false, membersCanArchiveDeleteShared: false };
function ctx(userId: string, o: { role?: 'admin' | 'member'; status?: 'active' | 'deactivated'; settings?: OrgSettings } = {}): ActorContext {
  return {
    actor: { userId, orgId: 'org', role: o.role ?? 'member', status: o.status ?? 'active', teamIds: [], exportChannels: [] },
    settings: o.settings ?? OFF, now: NOW, bucketShares: [],
    userGrants: [{ id: 'g', ownerId: 'cid', grantee: { userId: 'bob' }, scope: 'contacts', level: 'view', startsAt: null, expiresAt: null, grantedBy: 'ada', grantedAt: NOW - 1 }],
  };
}
function contact(id: string, ownerId: string, o: Partial<ContactFacts> = {}): ContactFacts {
  return { id, orgId: 'org', ownerId, state: 'active', shares: [], bucketIds: [], ...o };
}
/** What an untyped caller (a route reading a name from a request) could pass. */
const untyped = (name: string): Action => name as Action;

describe('actions read <resource>.<verb>; the prefix chooses the rule set', () => {
  it('every listed action parses to its own resource', () => {
    for (const resource of RESOURCES) {
      for (const action of ACTIONS_BY_RESOURCE[resource]) {
        expect(parseAction(action)).toEqual({ resource, action });
        expect(action.startsWith(`${resource}.`)).toBe(true);
      }
    }
  });
  it.each(['contact.fly', 'bucket.view.extra', 'calendar.view', 'org.configure', 'view', '', 'CONTACT.VIEW'])('%j is unknown', (name) => {
    expect(parseAction(name)).toBeUndefined();
    expect(resourceOf(name)).toBeUndefined();
  });
});

describe('unknown actions and resources are denied (fail closed)', () => {
  const admin = ctx('ada', { role: 'admin' });
  const own = contact('c1', 'ada');
  it.each(['contact.fly', 'calendar.view', 'template.use', 'nonsense'])('%s: denied, invisible, in no list', (name) => {
    expect(actionCondition(admin, untyped(name))).toEqual(FALSE);
    expect(compileFilter(admin, untyped(name))).toEqual({ kind: 'denied' });
    expect(decide(admin, untyped(name), own)).toEqual({ allowed: false, level: 'none', visible: false });
    expect(allowedSubset(admin, untyped(name), [own]).size).toBe(0);
  });
});

describe('each condition is built once per (ctx, action)', () => {
  it('actionCondition and rulesOf return the same tree for the same context, a new one for a new context', () => {
    const c = ctx('bob');
    const edit = actionCondition(c, 'contact.edit');
    const rules = rulesOf(c, 'contact');
    for (let i = 0; i < 50; i += 1) allowedActions(c, contact(`c${i}`, i % 2 ? 'bob' : 'cid'));
    expect(actionCondition(c, 'contact.edit')).toBe(edit);
    expect(rulesOf(c, 'contact')).toBe(rules);
    expect(rulesOf(c, 'bucket')).not.toBe(rules);
    const next = ctx('bob');
    expect(actionCondition(next, 'contact.edit')).not.toBe(edit);
    expect(actionCondition(next, 'contact.edit')).toEqual(edit);
  });
});

describe('allowedSubset: the ids of a batch the actor may act on (bulk bucket adds, exports, program runs)', () => {
  const batch = [
    contact('own', 'bob'), contact('granted', 'cid'), contact('other', 'dan'), contact('trashed', 'bob', { state: 'trashed' }),
    contact('shared', 'dan', { shares: [{ id: 's', contactId: 'shared', grantee: { userId: 'bob' }, level: 'edit', startsAt: null, expiresAt: null, grantedBy: 'dan', grantedAt: NOW - 1 }] }),
    contact('foreign', 'bob', { orgId: 'globex' }),
  ];
  it.each([
    { who: 'a member, view', c: ctx('bob'), action: 'contact.view', ids: ['own', 'granted', 'trashed', 'shared'] },
    { who: 'a member, export (view, not trashed)', c: ctx('bob'), action: 'contact.export', ids: ['own', 'granted', 'shared'] },
    { who: 'a member, edit (a bucket add)', c: ctx('bob'), action: 'contact.edit', ids: ['own', 'shared'] },
    { who: 'an admin, view (open: the whole org, no other)', c: ctx('ada', { role: 'admin' }), action: 'contact.view', ids: ['own', 'granted', 'other', 'trashed', 'shared'] },
    { who: 'an admin, edit', c: ctx('ada', { role: 'admin' }), action: 'contact.edit', ids: [] },
    { who: 'share all, view', c: ctx('eve', { settings: { ...OFF, shareAllContacts: true } }), action: 'contact.view', ids: ['own', 'granted', 'other', 'shared'] },
    { who: 'a deactivated member', c: ctx('bob', { status: 'deactivated' }), action: 'contact.view', ids: [] },
  ] as { who: string; c: ActorContext; action: 'contact.view' | 'contact.export' | 'contact.edit'; ids: string[] }[])('$who → $ids', ({ c, action, ids }) => {
    const subset = allowedSubset(c, action, batch);
    expect([...subset].sort()).toEqual([...ids].sort());
    for (const k of batch) expect(subset.has(k.id), k.id).toBe(decide(c, action, k).allowed);
  });
});
