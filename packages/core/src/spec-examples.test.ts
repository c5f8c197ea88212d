// The worked examples of spec §11 as table tests: a world in, levels and decisions out, with time as an input.
import { describe, expect, it } from 'vitest';
import type { ContactAction } from './actions.ts';
import { canOnCalendar } from './calendar.ts';
import { allowedActions, decide } from './decide.ts';
import { canUseExportChannel } from './export-channels.ts';
import {
  EXPORT_CHANNELS, type ActorContext, type ContactFacts, type ExportChannel, type Grantee, type OrgSettings,
  type RecordShareFact, type UserGrantFact,
} from './facts.ts';
import type { GrantLevel, ShareLevel } from './levels.ts';
import { decideReassign, decideShareChange } from './sharing.ts';

const DAY = 86_400_000;
/** Monday 2 June 2025, 00:00 UTC. */
const MONDAY = 1_748_822_400_000;
const THURSDAY = MONDAY + 3 * DAY + 12 * 3_600_000;
/** "Until Friday": the share ends when Friday does. */
const END_OF_FRIDAY = MONDAY + 5 * DAY;
const SATURDAY = MONDAY + 5 * DAY + 12 * 3_600_000;

type Name = 'ada' | 'ben' | 'cat' | 'dan';
const USERS: Record<Name, 'admin' | 'member'> = { ada: 'admin', ben: 'member', cat: 'member', dan: 'member' };
const SALES = 'team-sales';
const TEAMS: Record<string, Name[]> = { [SALES]: ['ben', 'cat'] };

/** Org Acme as plain data; each example changes it the way the story does. */
type Acme = {
  settings: OrgSettings;
  exportChannels: Partial<Record<Name, ExportChannel[]>>;
  grants: UserGrantFact[];
  zoe: { ownerId: Name; shares: RecordShareFact[] };
};

function acme(): Acme {
  return {
    settings: { exportEnabled: false, shareAllContacts: false, membersCanArchiveDeleteShared: false },
    exportChannels: {},
    grants: [],
    zoe: { ownerId: 'ben', shares: [] },
  };
}

function ctx(world: Acme, name: Name, now: number): ActorContext {
  return {
    actor: {
      userId: name, orgId: 'acme', role: USERS[name], status: 'active',
      teamIds: Object.keys(TEAMS).filter((t) => TEAMS[t]?.includes(name)), exportChannels: world.exportChannels[name] ?? [],
    },
    settings: world.settings, userGrants: world.grants, bucketShares: [], now,
  };
}

function zoe(world: Acme): ContactFacts {
  return { id: 'zoe', orgId: 'acme', ownerId: world.zoe.ownerId, state: 'active', shares: world.zoe.shares, bucketIds: [] };
}

function share(world: Acme, grantee: Grantee, level: ShareLevel, expiresAt: number | null = null): void {
  world.zoe.shares.push({
    id: `share-${world.zoe.shares.length}`, contactId: 'zoe', grantee, level, startsAt: null, expiresAt,
    grantedBy: 'ben', grantedAt: MONDAY,
  });
}

function grant(world: Acme, ownerId: Name, granteeId: Name, scope: 'contacts' | 'calendar', level: GrantLevel): void {
  world.grants.push({
    id: `grant-${world.grants.length}`, ownerId, grantee: { userId: granteeId }, scope, level, startsAt: null,
    expiresAt: null, grantedBy: 'ada', grantedAt: MONDAY,
  });
}

const ACTIONS_BAR: ContactAction[] = [
  'contact.message', 'contact.logNote', 'contact.createTask', 'contact.edit', 'contact.share', 'contact.archive',
  'contact.delete', 'contact.reassign',
];

describe('spec §11, example 1: Ben creates Zoe', () => {
  it.each([
    { who: 'ben' as Name, level: 'owner', history: true },
    { who: 'cat' as Name, level: 'none', history: false },
    { who: 'dan' as Name, level: 'none', history: false },
    { who: 'ada' as Name, level: 'profile', history: false },
  ])('$who gets $level', ({ who, level, history }) => {
    const world = acme();
    const view = decide(ctx(world, who, MONDAY), 'contact.view', zoe(world));
    expect(view.level).toBe(level);
    expect(view.visible).toBe(level !== 'none');
    expect(decide(ctx(world, who, MONDAY), 'contact.readHistory', zoe(world)).allowed).toBe(history);
  });
});

describe('spec §11, example 2: Ben shares Zoe with Cat at collaborate until Friday', () => {
  const world = acme();
  share(world, { userId: 'cat' }, 'collaborate', END_OF_FRIDAY);
  it.each([
    { when: 'Monday', now: MONDAY, level: 'collaborate' },
    { when: 'Thursday', now: THURSDAY, level: 'collaborate' },
    { when: 'the last millisecond of Friday', now: END_OF_FRIDAY - 1, level: 'collaborate' },
    { when: 'exactly at expiry', now: END_OF_FRIDAY, level: 'none' },
    { when: 'Saturday, with no job having run', now: SATURDAY, level: 'none' },
  ])('$when: Cat has $level', ({ now, level }) => {
    const cat = ctx(world, 'cat', now);
    expect(decide(cat, 'contact.view', zoe(world)).level).toBe(level);
    const active = level !== 'none';
    expect(decide(cat, 'contact.readHistory', zoe(world)).allowed).toBe(active);
    expect(decide(cat, 'contact.message', zoe(world)).allowed).toBe(active);
    expect(decide(cat, 'contact.edit', zoe(world)).allowed).toBe(false);
  });
});

describe('spec §11, example 3: Ben shares Zoe with Dan at view', () => {
  const world = acme();
  share(world, { userId: 'dan' }, 'view');
  const dan = ctx(world, 'dan', THURSDAY);

  it('Dan reads the history', () => {
    expect(decide(dan, 'contact.readHistory', zoe(world))).toEqual({ allowed: true, level: 'view', visible: true });
  });
  it('sending answers 403: visible, not allowed', () => {
    expect(decide(dan, 'contact.message', zoe(world))).toEqual({ allowed: false, level: 'view', visible: true });
  });
  it('Dan has no actions bar', () => {
    const actions = allowedActions(dan, zoe(world));
    expect(actions).toEqual(['contact.view', 'contact.readHistory', 'contact.export']);
    expect(actions.filter((a) => ACTIONS_BAR.includes(a))).toEqual([]);
  });
});

describe('spec §11, example 4: Ada turns on Share all contacts', () => {
  const world = acme();
  share(world, { userId: 'cat' }, 'collaborate', END_OF_FRIDAY);
  share(world, { userId: 'dan' }, 'view');
  world.settings = { ...world.settings, shareAllContacts: true };

  it('Dan keeps view', () => {
    expect(decide(ctx(world, 'dan', SATURDAY), 'contact.readHistory', zoe(world))).toMatchObject({ allowed: true, level: 'view' });
  });
  it('Cat (share expired) sees Zoe at profile but gets 403 on the history', () => {
    const cat = ctx(world, 'cat', SATURDAY);
    expect(decide(cat, 'contact.view', zoe(world))).toEqual({ allowed: true, level: 'profile', visible: true });
    expect(decide(cat, 'contact.readHistory', zoe(world))).toEqual({ allowed: false, level: 'profile', visible: true });
  });
  it('before the share expired, Cat still had collaborate: share all lowers nothing', () => {
    expect(decide(ctx(world, 'cat', THURSDAY), 'contact.message', zoe(world))).toMatchObject({ allowed: true, level: 'collaborate' });
  });
});

describe('spec §11, example 5: Ada gives Cat an edit grant on Ben\'s contacts', () => {
  const world = acme();
  grant(world, 'ben', 'cat', 'contacts', 'edit');
  const cat = () => ctx(world, 'cat', THURSDAY);
  const target = (userId: Name) => ({ userId, orgId: 'acme', status: 'active' as const });

  it('Cat may edit Zoe', () => {
    expect(decide(cat(), 'contact.edit', zoe(world))).toMatchObject({ allowed: true, level: 'edit' });
  });
  it('Cat may share her with Dan at edit', () => {
    expect(decideShareChange(cat(), zoe(world), ['edit'])).toEqual({ allowed: true });
  });
  it('Cat may reassign her from Ben to Cat', () => {
    expect(decideReassign(cat(), zoe(world), target('cat'))).toEqual({ allowed: true });
  });
  it('Cat may not reassign her to Dan without an edit grant on Dan\'s contacts', () => {
    expect(decideReassign(cat(), zoe(world), target('dan'))).toEqual({ allowed: false, reason: 'target_not_allowed' });
    const withView = acme();
    grant(withView, 'ben', 'cat', 'contacts', 'edit');
    grant(withView, 'dan', 'cat', 'contacts', 'view');
    expect(decideReassign(ctx(withView, 'cat', THURSDAY), zoe(withView), target('dan'))).toEqual({ allowed: false, reason: 'target_not_allowed' });
  });
  it('with an edit grant on Dan\'s contacts too, Cat may reassign her to Dan', () => {
    const both = acme();
    grant(both, 'ben', 'cat', 'contacts', 'edit');
    grant(both, 'dan', 'cat', 'contacts', 'edit');
    expect(decideReassign(ctx(both, 'cat', THURSDAY), zoe(both), target('dan'))).toEqual({ allowed: true });
  });
});

describe('spec §11, example 6: contact data export', () => {
  it('switch off: Ben cannot export even his own contacts through any channel; Ada can use all', () => {
    const world = acme();
    world.exportChannels = { ben: ['csv', 'vcard'] };
    for (const channel of EXPORT_CHANNELS) {
      expect(canUseExportChannel(ctx(world, 'ben', MONDAY), channel), channel).toBe(false);
      expect(canUseExportChannel(ctx(world, 'ada', MONDAY), channel), channel).toBe(true);
    }
  });
  it.each([
    { channel: 'csv', allowed: true }, { channel: 'vcard', allowed: true }, { channel: 'xlsx', allowed: false },
    { channel: 'api', allowed: false }, { channel: 'mailchimp_sync', allowed: false },
    { channel: 'google_contacts_sync', allowed: false },
  ] as { channel: ExportChannel; allowed: boolean }[])('switch on, Ben has csv and vcard: $channel → $allowed', ({ channel, allowed }) => {
    const world = acme();
    world.settings = { ...world.settings, exportEnabled: true };
    world.exportChannels = { ben: ['csv', 'vcard'] };
    expect(canUseExportChannel(ctx(world, 'ben', MONDAY), channel)).toBe(allowed);
  });
  it('an export holds his own contacts and those he can view, not those at profile only', () => {
    const world = acme();
    world.settings = { ...world.settings, exportEnabled: true, shareAllContacts: true };
    const own = zoe(world);
    const viewable: ContactFacts = { ...zoe(world), id: 'yves', ownerId: 'dan', shares: [{
      id: 's', contactId: 'yves', grantee: { userId: 'ben' }, level: 'view', startsAt: null, expiresAt: null, grantedBy: 'dan', grantedAt: MONDAY,
    }] };
    const profileOnly: ContactFacts = { ...zoe(world), id: 'xena', ownerId: 'dan', shares: [] };
    const ben = ctx(world, 'ben', MONDAY);
    expect([own, viewable, profileOnly].map((c) => decide(ben, 'contact.export', c).allowed)).toEqual([true, true, false]);
  });
});

describe('spec §11, example 7: Dan asks to create a task for Ben', () => {
  it.each([
    { grantLevel: null, view: false, write: false },
    { grantLevel: 'view' as const, view: true, write: false },
    { grantLevel: 'edit' as const, view: true, write: true },
  ])('with calendar grant $grantLevel: view $view, write $write', ({ grantLevel, view, write }) => {
    const world = acme();
    if (grantLevel) grant(world, 'ben', 'dan', 'calendar', grantLevel);
    const dan = ctx(world, 'dan', MONDAY);
    expect(canOnCalendar(dan, 'calendar.view', 'ben')).toBe(view);
    expect(canOnCalendar(dan, 'calendar.write', 'ben')).toBe(write);
  });
  it('a contacts grant does not open the calendar', () => {
    const world = acme();
    grant(world, 'ben', 'dan', 'contacts', 'edit');
    expect(canOnCalendar(ctx(world, 'dan', MONDAY), 'calendar.view', 'ben')).toBe(false);
  });
});

describe('team grantee (Sales = {Ben, Cat})', () => {
  it('a share to Sales applies to each current member and to nobody else', () => {
    const world = acme();
    world.zoe.ownerId = 'dan';
    share(world, { teamId: SALES }, 'collaborate');
    expect((['ben', 'cat', 'dan', 'ada'] as Name[]).map((n) => decide(ctx(world, n, MONDAY), 'contact.view', zoe(world)).level))
      .toEqual(['collaborate', 'collaborate', 'owner', 'profile']);
  });
});
