// Focused table tests of `decide`: one source or one switch at a time.
import { describe, expect, it } from 'vitest';
import { CONTACT_ACTIONS, type ContactAction } from './actions.ts';
import { allowedActions, computeLevel, decide, decideMany } from './decide.ts';
import type {
  Actor, ActorContext, BucketShareFact, ContactFacts, ContactState, Grantee, OrgSettings, RecordShareFact, UserGrantFact,
  Window,
} from './facts.ts';
import type { GrantLevel, Level, ShareLevel } from './levels.ts';

const NOW = 1_748_822_400_000;
const HOUR = 3_600_000;
const OFF: OrgSettings = { exportEnabled: false, shareAllContacts: false, membersCanArchiveDeleteShared: false };
const OPEN: Window = { startsAt: null, expiresAt: null };
const provenance = { grantedBy: 'admin', grantedAt: NOW - 100 * HOUR };

type CtxOpts = Partial<Pick<Actor, 'role' | 'status' | 'teamIds' | 'orgId'>> & Partial<Omit<ActorContext, 'actor'>>;
function ctx(userId: string, o: CtxOpts = {}): ActorContext {
  return {
    actor: { userId, orgId: o.orgId ?? 'org', role: o.role ?? 'member', status: o.status ?? 'active', teamIds: o.teamIds ?? [], exportChannels: [] },
    settings: o.settings ?? OFF, userGrants: o.userGrants ?? [], bucketShares: o.bucketShares ?? [], now: o.now ?? NOW,
  };
}
function contact(ownerId: string, o: Partial<ContactFacts> = {}): ContactFacts {
  return { id: 'c1', orgId: 'org', ownerId, state: 'active', shares: [], bucketIds: [], ...o };
}
function share(grantee: Grantee, level: ShareLevel, window: Window = OPEN): RecordShareFact {
  return { id: `s-${level}`, contactId: 'c1', grantee, level, ...window, ...provenance };
}
function grant(ownerId: string, grantee: Grantee, level: GrantLevel, window: Window = OPEN, scope: 'contacts' | 'calendar' = 'contacts'): UserGrantFact {
  return { id: `g-${ownerId}`, ownerId, grantee, scope, level, ...window, ...provenance };
}
function bucketShare(bucketId: string, grantee: Grantee, level: ShareLevel, window: Window = OPEN): BucketShareFact {
  return { id: `bs-${bucketId}`, bucketId, grantee, level, ...window, ...provenance };
}
const level = (c: ActorContext, k: ContactFacts): Level => decide(c, 'contact.view', k).level;
const allowed = (c: ActorContext, k: ContactFacts) => new Set(allowedActions(c, k));

const LIVE_OWNER_ACTIONS: ContactAction[] = CONTACT_ACTIONS.filter((a) => a !== 'contact.restore');
const ADMIN_PROFILE_ACTIONS: ContactAction[] = [
  'contact.view', 'contact.share', 'contact.listShares', 'contact.archive', 'contact.delete', 'contact.reassign',
  'contact.explainOthers',
];

describe('each source alone gives its level (spec §4)', () => {
  const bob = { userId: 'bob' };
  it.each([
    { source: 'nothing', c: ctx('bob'), k: contact('ann'), level: 'none' },
    { source: 'ownership', c: ctx('ann'), k: contact('ann'), level: 'owner' },
    { source: 'a record share at view', c: ctx('bob'), k: contact('ann', { shares: [share(bob, 'view')] }), level: 'view' },
    { source: 'a record share at collaborate', c: ctx('bob'), k: contact('ann', { shares: [share(bob, 'collaborate')] }), level: 'collaborate' },
    { source: 'a record share at edit', c: ctx('bob'), k: contact('ann', { shares: [share(bob, 'edit')] }), level: 'edit' },
    { source: 'a view user grant', c: ctx('bob', { userGrants: [grant('ann', bob, 'view')] }), k: contact('ann'), level: 'view' },
    { source: 'an edit user grant', c: ctx('bob', { userGrants: [grant('ann', bob, 'edit')] }), k: contact('ann'), level: 'edit' },
    { source: 'a user grant on another owner', c: ctx('bob', { userGrants: [grant('cid', bob, 'edit')] }), k: contact('ann'), level: 'none' },
    { source: 'a calendar grant', c: ctx('bob', { userGrants: [grant('ann', bob, 'edit', OPEN, 'calendar')] }), k: contact('ann'), level: 'none' },
    { source: 'a bucket share', c: ctx('bob', { bucketShares: [bucketShare('b1', bob, 'collaborate')] }), k: contact('ann', { bucketIds: ['b1'] }), level: 'collaborate' },
    { source: 'a share of another bucket', c: ctx('bob', { bucketShares: [bucketShare('b2', bob, 'edit')] }), k: contact('ann', { bucketIds: ['b1'] }), level: 'none' },
    { source: 'share all contacts', c: ctx('bob', { settings: { ...OFF, shareAllContacts: true } }), k: contact('ann'), level: 'profile' },
    { source: 'being admin', c: ctx('bob', { role: 'admin' }), k: contact('ann'), level: 'profile' },
    { source: 'a share to someone else', c: ctx('bob'), k: contact('ann', { shares: [share({ userId: 'cid' }, 'edit')] }), level: 'none' },
  ] as { source: string; c: ActorContext; k: ContactFacts; level: Level }[])('$source → $level', ({ c, k, level: expected }) => {
    expect(level(c, k)).toBe(expected);
    expect(computeLevel(c, k)).toBe(expected);
  });

  it('the highest source wins; none lowers another (spec §1.3)', () => {
    const bob = { userId: 'bob' };
    const c = ctx('bob', { role: 'admin', settings: { ...OFF, shareAllContacts: true }, userGrants: [grant('ann', bob, 'view')], bucketShares: [bucketShare('b1', bob, 'collaborate')] });
    expect(level(c, contact('ann'))).toBe('view');
    expect(level(c, contact('ann', { bucketIds: ['b1'] }))).toBe('collaborate');
    expect(level(c, contact('ann', { bucketIds: ['b1'], shares: [share(bob, 'view'), share(bob, 'edit')] }))).toBe('edit');
  });
});

describe('windows on every kind of source', () => {
  const bob = { userId: 'bob' };
  const cases: { when: string; window: Window; active: boolean }[] = [
    { when: 'not started', window: { startsAt: NOW + 1, expiresAt: null }, active: false },
    { when: 'starting exactly now', window: { startsAt: NOW, expiresAt: null }, active: true },
    { when: 'expiring in a millisecond', window: { startsAt: NOW - HOUR, expiresAt: NOW + 1 }, active: true },
    { when: 'expiring exactly now', window: { startsAt: NOW - HOUR, expiresAt: NOW }, active: false },
    { when: 'expired', window: { startsAt: null, expiresAt: NOW - HOUR }, active: false },
  ];
  it.each(cases)('record share $when → active $active', ({ window, active }) => {
    expect(level(ctx('bob'), contact('ann', { shares: [share(bob, 'collaborate', window)] }))).toBe(active ? 'collaborate' : 'none');
  });
  it.each(cases)('user grant $when → active $active', ({ window, active }) => {
    expect(level(ctx('bob', { userGrants: [grant('ann', bob, 'edit', window)] }), contact('ann'))).toBe(active ? 'edit' : 'none');
  });
  it.each(cases)('bucket share $when → active $active', ({ window, active }) => {
    const c = ctx('bob', { bucketShares: [bucketShare('b1', bob, 'view', window)] });
    expect(level(c, contact('ann', { bucketIds: ['b1'] }))).toBe(active ? 'view' : 'none');
  });
  it('an expired share does not hide an active one', () => {
    const k = contact('ann', { shares: [share(bob, 'edit', { startsAt: null, expiresAt: NOW }), share(bob, 'view')] });
    expect(level(ctx('bob'), k)).toBe('view');
  });
});

describe('team grantees apply to each current member', () => {
  const team = { teamId: 'sales' };
  it.each([
    { what: 'record share', c: (teamIds: string[]) => ctx('bob', { teamIds }), k: contact('ann', { shares: [share(team, 'edit')] }) },
    { what: 'user grant', c: (teamIds: string[]) => ctx('bob', { teamIds, userGrants: [grant('ann', team, 'edit')] }), k: contact('ann') },
    { what: 'bucket share', c: (teamIds: string[]) => ctx('bob', { teamIds, bucketShares: [bucketShare('b1', team, 'edit')] }), k: contact('ann', { bucketIds: ['b1'] }) },
  ])('$what to a team: member has it, former member does not', ({ c, k }) => {
    expect(level(c(['other', 'sales']), k)).toBe('edit');
    expect(level(c(['other']), k)).toBe('none');
  });
});

describe('a deactivated actor gets nothing', () => {
  const bob = { userId: 'bob' };
  it.each([
    { who: 'owner', c: ctx('bob', { status: 'deactivated' }), k: contact('bob') },
    { who: 'admin', c: ctx('bob', { status: 'deactivated', role: 'admin' }), k: contact('ann') },
    { who: 'sharee', c: ctx('bob', { status: 'deactivated' }), k: contact('ann', { shares: [share(bob, 'edit')] }) },
    { who: 'grantee', c: ctx('bob', { status: 'deactivated', userGrants: [grant('ann', bob, 'edit')] }), k: contact('ann') },
    { who: 'member under share all', c: ctx('bob', { status: 'deactivated', settings: { ...OFF, shareAllContacts: true } }), k: contact('ann') },
  ])('$who: none, no actions', ({ c, k }) => {
    expect(decide(c, 'contact.view', k)).toEqual({ allowed: false, level: 'none', visible: false });
    expect(allowedActions(c, k)).toEqual([]);
  });
});

describe('fail closed: nothing crosses an organisation', () => {
  const bob = { userId: 'bob' };
  it.each([
    { who: 'the owner id on a contact of another org', c: ctx('bob'), k: contact('bob', { orgId: 'other' }) },
    { who: 'an admin', c: ctx('bob', { role: 'admin' }), k: contact('ann', { orgId: 'other' }) },
    { who: 'a share naming the actor', c: ctx('bob'), k: contact('ann', { orgId: 'other', shares: [share(bob, 'edit')] }) },
    { who: 'a grant on the owner id', c: ctx('bob', { userGrants: [grant('ann', bob, 'edit')] }), k: contact('ann', { orgId: 'other' }) },
    { who: 'an actor of an unknown org', c: ctx('bob', { orgId: 'unknown', role: 'admin' }), k: contact('bob') },
  ])('$who → none', ({ c, k }) => {
    for (const action of CONTACT_ACTIONS) expect(decide(c, action, k), action).toEqual({ allowed: false, level: 'none', visible: false });
  });
});

describe('trashed contacts: only the owner and admins, only view and restore (and explain)', () => {
  const bob = { userId: 'bob' };
  const trashed = (o: Partial<ContactFacts> = {}) => contact('ann', { state: 'trashed', ...o });
  it('the owner keeps owner but may only view, restore and explain', () => {
    expect(level(ctx('ann'), trashed())).toBe('owner');
    expect(allowed(ctx('ann'), trashed())).toEqual(new Set(['contact.view', 'contact.restore', 'contact.explainOthers']));
  });
  it('an admin sees it at profile and may only view, restore and explain', () => {
    expect(level(ctx('bob', { role: 'admin' }), trashed())).toBe('profile');
    expect(allowed(ctx('bob', { role: 'admin' }), trashed())).toEqual(new Set(['contact.view', 'contact.restore', 'contact.explainOthers']));
  });
  it.each([
    { source: 'record share', c: ctx('bob'), k: trashed({ shares: [share(bob, 'edit')] }) },
    { source: 'user grant', c: ctx('bob', { userGrants: [grant('ann', bob, 'edit')] }), k: trashed() },
    { source: 'bucket share', c: ctx('bob', { bucketShares: [bucketShare('b1', bob, 'edit')] }), k: trashed({ bucketIds: ['b1'] }) },
    { source: 'share all', c: ctx('bob', { settings: { ...OFF, shareAllContacts: true } }), k: trashed() },
  ])('a $source gives nothing on it (404)', ({ c, k }) => {
    expect(decide(c, 'contact.view', k)).toEqual({ allowed: false, level: 'none', visible: false });
  });
  it('restore is only for trashed contacts', () => {
    expect(decide(ctx('ann'), 'contact.restore', contact('ann')).allowed).toBe(false);
    expect(decide(ctx('ann'), 'contact.restore', contact('ann', { state: 'archived' })).allowed).toBe(false);
  });
  it('an edit grantee may not restore even with the switch on', () => {
    const c = ctx('bob', { userGrants: [grant('ann', bob, 'edit')], settings: { ...OFF, membersCanArchiveDeleteShared: true } });
    expect(decide(c, 'contact.restore', trashed()).allowed).toBe(false);
  });
});

describe('archived contacts keep their access', () => {
  const bob = { userId: 'bob' };
  it.each([
    { source: 'owner', c: ctx('ann'), k: contact('ann', { state: 'archived' }), level: 'owner' },
    { source: 'record share', c: ctx('bob'), k: contact('ann', { state: 'archived', shares: [share(bob, 'collaborate')] }), level: 'collaborate' },
    { source: 'user grant', c: ctx('bob', { userGrants: [grant('ann', bob, 'view')] }), k: contact('ann', { state: 'archived' }), level: 'view' },
    { source: 'bucket share', c: ctx('bob', { bucketShares: [bucketShare('b1', bob, 'edit')] }), k: contact('ann', { state: 'archived', bucketIds: ['b1'] }), level: 'edit' },
    { source: 'share all', c: ctx('bob', { settings: { ...OFF, shareAllContacts: true } }), k: contact('ann', { state: 'archived' }), level: 'profile' },
    { source: 'admin', c: ctx('bob', { role: 'admin' }), k: contact('ann', { state: 'archived' }), level: 'profile' },
  ] as { source: string; c: ActorContext; k: ContactFacts; level: Level }[])('$source → $level, same actions as when active', ({ c, k, level: expected }) => {
    expect(level(c, k)).toBe(expected);
    expect(allowedActions(c, k)).toEqual(allowedActions(c, { ...k, state: 'active' }));
  });
  it('the owner may do everything but restore on active and archived contacts', () => {
    for (const state of ['active', 'archived'] as ContactState[]) expect(allowedActions(ctx('ann'), contact('ann', { state }))).toEqual(LIVE_OWNER_ACTIONS);
  });
});

describe('share all contacts (spec §5)', () => {
  it('gives active members profile: find it, read no history', () => {
    const c = ctx('bob', { settings: { ...OFF, shareAllContacts: true } });
    expect(allowedActions(c, contact('ann'))).toEqual(['contact.view']);
  });
});

describe('admins see every contact at profile, no history (spec §8)', () => {
  const admin = ctx('ada', { role: 'admin' });
  it('may manage: view, share, list shares, archive, delete, reassign, explain; not read or write', () => {
    expect(allowedActions(admin, contact('ann'))).toEqual(ADMIN_PROFILE_ACTIONS);
  });
  it.each(['contact.readHistory', 'contact.message', 'contact.logNote', 'contact.createTask', 'contact.edit', 'contact.export'] as ContactAction[])(
    '%s answers 403 (visible, not allowed)', (action) => {
      expect(decide(admin, action, contact('ann'))).toEqual({ allowed: false, level: 'profile', visible: true });
    });
  it('an admin who is shared a contact at view reads its history', () => {
    const c = contact('ann', { shares: [share({ userId: 'ada' }, 'view')] });
    expect(decide(admin, 'contact.readHistory', c)).toEqual({ allowed: true, level: 'view', visible: true });
  });
});

describe('members_can_archive_delete_shared (spec §5, §6.3)', () => {
  const bob = { userId: 'bob' };
  const on = { ...OFF, membersCanArchiveDeleteShared: true };
  it.each([
    { who: 'member with edit, switch off', c: ctx('bob'), k: contact('ann', { shares: [share(bob, 'edit')] }), may: false },
    { who: 'member with edit, switch on', c: ctx('bob', { settings: on }), k: contact('ann', { shares: [share(bob, 'edit')] }), may: true },
    { who: 'edit user grantee, switch on', c: ctx('bob', { settings: on, userGrants: [grant('ann', bob, 'edit')] }), k: contact('ann'), may: true },
    { who: 'edit user grantee, switch off', c: ctx('bob', { userGrants: [grant('ann', bob, 'edit')] }), k: contact('ann'), may: false },
    { who: 'member with collaborate, switch on', c: ctx('bob', { settings: on }), k: contact('ann', { shares: [share(bob, 'collaborate')] }), may: false },
    { who: 'owner, switch off', c: ctx('ann'), k: contact('ann'), may: true },
    { who: 'admin, switch off', c: ctx('ada', { role: 'admin' }), k: contact('ann'), may: true },
  ])('$who: archive and delete $may', ({ c, k, may }) => {
    expect(decide(c, 'contact.archive', k).allowed).toBe(may);
    expect(decide(c, 'contact.delete', k).allowed).toBe(may);
  });
});

describe('action → level table', () => {
  const bob = { userId: 'bob' };
  const byShare: Record<ShareLevel, ContactAction[]> = {
    view: ['contact.view', 'contact.readHistory', 'contact.export'],
    collaborate: ['contact.view', 'contact.readHistory', 'contact.message', 'contact.logNote', 'contact.createTask', 'contact.moveCard',
      'contact.enroll', 'contact.export'],
    edit: ['contact.view', 'contact.readHistory', 'contact.message', 'contact.logNote', 'contact.createTask', 'contact.moveCard',
      'contact.enroll', 'contact.edit',
      'contact.share', 'contact.listShares', 'contact.export'],
  };
  it.each(Object.entries(byShare))('a member with a %s share may do exactly this', (shareLevel, actions) => {
    expect(allowedActions(ctx('bob'), contact('ann', { shares: [share(bob, shareLevel as ShareLevel)] }))).toEqual(actions);
  });
  it('an edit record share does not allow reassigning (that needs an edit user grant)', () => {
    expect(decide(ctx('bob'), 'contact.reassign', contact('ann', { shares: [share(bob, 'edit')] })).allowed).toBe(false);
    expect(decide(ctx('bob', { userGrants: [grant('ann', bob, 'edit')] }), 'contact.reassign', contact('ann')).allowed).toBe(true);
    expect(decide(ctx('bob', { userGrants: [grant('ann', bob, 'view')] }), 'contact.reassign', contact('ann')).allowed).toBe(false);
  });
});

describe('decideMany agrees with decide', () => {
  it('one decision per contact, same as one by one', () => {
    const bob = { userId: 'bob' };
    const c = ctx('bob', { userGrants: [grant('cid', bob, 'view')] });
    const contacts = [
      contact('ann', { id: 'a' }), contact('bob', { id: 'b' }), contact('cid', { id: 'c' }),
      contact('ann', { id: 'd', shares: [share(bob, 'collaborate')] }), contact('bob', { id: 'e', state: 'trashed' }),
    ];
    for (const action of CONTACT_ACTIONS) {
      const many = decideMany(c, action, contacts);
      expect([...many.keys()]).toEqual(['a', 'b', 'c', 'd', 'e']);
      for (const k of contacts) expect(many.get(k.id), `${action} ${k.id}`).toEqual(decide(c, action, k));
    }
  });
});
