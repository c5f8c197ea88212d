// The one world builder of the API tests: orgs, users by name (each with a ready session token), teams, user grants
// (contacts and calendar), contacts in any state, record shares, buckets and bucket shares, tasks and events on users'
// calendars, described with names and written straight to the
// database in a few batched inserts (fixtures/world.ts `insertWorld`, the writer the differential and contract
// suites use too). Every id is fresh, so one database holds any number of worlds and order never matters.
//
//   const w = await t.world({
//     users: { ada: { role: 'admin' }, ben: {}, cat: {} },
//     teams: { sales: { members: ['ben', 'cat'] } },
//     contacts: { zoe: { owner: 'ben' } },
//     shares: [{ contact: 'zoe', user: 'cat', level: 'view' }],
//   });
//   w.users.ben.token; w.teams.sales; w.contacts.zoe; w.orgId
//
// Names are checked by the compiler: a share naming a contact the spec does not have does not compile. A user's
// display name is the key with a capital first letter unless `name` says otherwise; the first org (default: one
// org, Acme) is where users, teams and buckets go unless they name another. Rows carry the clock's `now`; a
// grant, share or bucket share made later in a test goes in with `w.add({ grants: [...] })`. Rows are not the
// API: nothing here is audited. Whatever a test does through the API (including setup it wants audited or timed
// like a user's action) it does through the typed client instead.
import type { ContactState, ExportChannel, GrantLevel, ShareLevel } from '@tandem/core';
import { randomBytes, randomUUID } from 'node:crypto';
import { hashToken } from '../../../src/domain/accounts/session-token.ts';
import type { Db } from '../../../src/storage/connect.ts';
import { FIXTURE_PASSWORD_HASH, insertWorld, type World, type WorldCalendarItem, type WorldGrantee } from '../../fixtures/world.ts';

/** A user of a built world: what a test needs to act as them. */
export type TestUser = { id: string; orgId: string; name: string; email: string; token: string };

/** An instant: ISO text or epoch milliseconds; null or left out for an open end. */
export type Instant = string | number | null;
type Window = { startsAt?: Instant; expiresAt?: Instant };
type GranteeRef<U extends string, T extends string> = { user: U; team?: never } | { team: T; user?: never };

export type OrgSpec = { name?: string; exportEnabled?: boolean; shareAllContacts?: boolean; membersCanArchiveDeleteShared?: boolean };
export type UserSpec<O extends string> = {
  org?: O; name?: string; role?: 'admin' | 'member'; status?: 'active' | 'deactivated'; exportChannels?: readonly ExportChannel[];
};
export type TeamSpec<O extends string, U extends string> = { org?: O; name?: string; members?: readonly U[] };
/** `by`: who made it (created_by); left out, nobody (as when an admin set it up directly). */
export type GrantSpec<U extends string, T extends string> = GranteeRef<U, T> & Window & {
  owner: U; scope?: 'contacts' | 'calendar'; level: GrantLevel; by?: U;
};
export type ContactSpec<U extends string> = { owner: U; name?: string; emails?: readonly string[]; state?: ContactState };
export type ShareSpec<U extends string, T extends string, C extends string> = GranteeRef<U, T> & Window & { contact: C; level: ShareLevel; by?: U };
export type BucketSpec<U extends string, C extends string> = { owner: U; name?: string; contacts?: readonly C[] };
export type BucketShareSpec<U extends string, T extends string, B extends string> = GranteeRef<U, T> & Window & { bucket: B; level: ShareLevel; by?: U };
/**
 * A task or event on `user`'s calendar. Kind: `event` when `startsAt` is given, else `task`; an event lasts an hour
 * unless `endsAt` says otherwise. `by`: who made it (default the calendar's user).
 */
export type CalendarItemSpec<U extends string, C extends string> = {
  user: U; kind?: 'task' | 'event'; title?: string; contact?: C; by?: U; dueAt?: Instant; startsAt?: Instant; endsAt?: Instant;
  allDay?: boolean; done?: boolean; recurrence?: { rule: string; timeZone?: string }; reminders?: number[];
};

export type WorldSpec<O extends string, U extends string, T extends string, C extends string, B extends string> = {
  /** Default `{ acme: {} }`. The first is the default org of everything else. */
  orgs?: Record<O, OrgSpec>;
  users: Record<U, UserSpec<NoInfer<O>>>;
  teams?: Record<T, TeamSpec<NoInfer<O>, NoInfer<U>>>;
  grants?: readonly GrantSpec<NoInfer<U>, NoInfer<T>>[];
  contacts?: Record<C, ContactSpec<NoInfer<U>>>;
  shares?: readonly ShareSpec<NoInfer<U>, NoInfer<T>, NoInfer<C>>[];
  buckets?: Record<B, BucketSpec<NoInfer<U>, NoInfer<C>>>;
  bucketShares?: readonly BucketShareSpec<NoInfer<U>, NoInfer<T>, NoInfer<B>>[];
  calendarItems?: readonly CalendarItemSpec<NoInfer<U>, NoInfer<C>>[];
};

export type BuiltWorld<O extends string, U extends string, T extends string, C extends string, B extends string> = {
  /** The first org's id. */
  orgId: string;
  orgs: Record<O, string>;
  users: Record<U, TestUser>;
  teams: Record<T, string>;
  contacts: Record<C, string>;
  buckets: Record<B, string>;
  /** Ids of the grants, shares and bucket shares, in the order the spec lists them. */
  grants: string[];
  shares: string[];
  bucketShares: string[];
  calendarItems: string[];
  /** Adds grants, shares, bucket shares and calendar items naming this world's users, teams, contacts and buckets, at the clock's now. */
  add: (more: WorldAddition<U, T, C, B>) => Promise<AddedIds>;
};

export type WorldAddition<U extends string, T extends string, C extends string, B extends string> = {
  grants?: readonly GrantSpec<U, T>[];
  shares?: readonly ShareSpec<U, T, C>[];
  bucketShares?: readonly BucketShareSpec<U, T, B>[];
  calendarItems?: readonly CalendarItemSpec<U, C>[];
};
export type AddedIds = { grants: string[]; shares: string[]; bucketShares: string[]; calendarItems: string[] };

const DEFAULT_ORGS = { acme: {} };
const capitalised = (key: string) => key.charAt(0).toUpperCase() + key.slice(1);
const toMs = (at: Instant | undefined): number | null => (at === null || at === undefined ? null : typeof at === 'number' ? at : Date.parse(at));
const windowOf = (w: Window) => ({ startsAt: toMs(w.startsAt), expiresAt: toMs(w.expiresAt) });
const emailOf = (name: string) => `${name.toLowerCase().replace(/\W+/g, '.')}.${randomBytes(3).toString('hex')}@example.test`;

function lookup<V>(table: Map<string, V>, kind: string, key: string): V {
  const found = table.get(key);
  if (found === undefined) throw new Error(`world spec: no ${kind} named '${key}'`);
  return found;
}

/** Writes the world described by `spec` into `db` at the clock's now; answers its ids and its users' tokens. */
export async function buildWorld<
  const O extends string = 'acme', const U extends string = never, const T extends string = never,
  const C extends string = never, const B extends string = never,
>(db: Db, clock: { now: () => number }, spec: WorldSpec<O, U, T, C, B>): Promise<BuiltWorld<O, U, T, C, B>> {
  const orgSpecs: [string, OrgSpec][] = Object.entries(spec.orgs ?? DEFAULT_ORGS);
  const orgIds = new Map(orgSpecs.map(([key]) => [key, randomUUID()]));
  const firstOrg = orgIds.get(orgSpecs[0]?.[0] ?? '');
  if (!firstOrg) throw new Error('world spec: no org');
  const orgOf = (key: string | undefined) => (key === undefined ? firstOrg : lookup(orgIds, 'org', key));

  const userSpecs: [string, UserSpec<string>][] = Object.entries(spec.users);
  const users = userSpecs.map(([key, u]) => {
    const name = u.name ?? capitalised(key);
    return {
      key, id: randomUUID(), orgId: orgOf(u.org), name, role: u.role ?? 'member', status: u.status ?? 'active',
      exportChannels: [...(u.exportChannels ?? [])], email: emailOf(name), passwordHash: FIXTURE_PASSWORD_HASH, token: randomBytes(24).toString('base64url'),
    };
  });
  const userByKey = new Map(users.map((u) => [u.key, u]));
  const user = (key: string) => lookup(userByKey, 'user', key);
  const by = (key: string | undefined) => (key === undefined ? null : user(key).id);

  const teamSpecs: [string, TeamSpec<string, string>][] = Object.entries(spec.teams ?? {});
  const teams = teamSpecs.map(([key, t]) => {
    const memberIds = (t.members ?? []).map((m) => user(m).id);
    const firstMember = t.members?.[0];
    return { key, id: randomUUID(), orgId: t.org !== undefined ? orgOf(t.org) : firstMember !== undefined ? user(firstMember).orgId : firstOrg, name: t.name ?? capitalised(key), memberIds };
  });
  const teamByKey = new Map(teams.map((t) => [t.key, t]));
  const grantee = (g: { user?: string; team?: string }): WorldGrantee =>
    (g.user !== undefined ? { userId: user(g.user).id } : { teamId: lookup(teamByKey, 'team', g.team ?? '').id });

  const contactSpecs: [string, ContactSpec<string>][] = Object.entries(spec.contacts ?? {});
  const contacts = contactSpecs.map(([key, c]) => {
    const owner = user(c.owner);
    return { key, id: randomUUID(), orgId: owner.orgId, ownerId: owner.id, name: c.name ?? capitalised(key), emails: [...(c.emails ?? [])], state: c.state ?? 'active' };
  });
  const contactByKey = new Map(contacts.map((c) => [c.key, c]));

  const bucketSpecs: [string, BucketSpec<string, string>][] = Object.entries(spec.buckets ?? {});
  const buckets = bucketSpecs.map(([key, b]) => {
    const owner = user(b.owner);
    const contactIds = (b.contacts ?? []).map((c) => lookup(contactByKey, 'contact', c).id);
    return { key, id: randomUUID(), orgId: owner.orgId, ownerId: owner.id, name: b.name ?? capitalised(key), contactIds };
  });
  const bucketByKey = new Map(buckets.map((b) => [b.key, b]));

  /** Grants, shares and bucket shares: what may name anything above, at build time or later (`add`). */
  const calendarItem = (x: CalendarItemSpec<string, string>): WorldCalendarItem => {
    const assignee = user(x.user);
    const startsAt = toMs(x.startsAt);
    const kind = x.kind ?? (startsAt === null ? 'task' : 'event');
    return {
      id: randomUUID(), orgId: assignee.orgId, assigneeId: assignee.id, kind, title: x.title ?? `${capitalised(kind)} of ${assignee.name}`,
      contactId: x.contact === undefined ? null : lookup(contactByKey, 'contact', x.contact).id, dueAt: toMs(x.dueAt), startsAt,
      endsAt: x.endsAt !== undefined ? toMs(x.endsAt) : startsAt === null ? null : startsAt + 3_600_000, allDay: x.allDay ?? false,
      done: x.done ?? false, recurrence: x.recurrence ? { rule: x.recurrence.rule, timeZone: x.recurrence.timeZone ?? 'UTC' } : null,
      reminders: x.reminders ?? [], createdBy: x.by === undefined ? assignee.id : user(x.by).id,
    };
  };
  const links = (more: WorldAddition<string, string, string, string>): Pick<World, 'grants' | 'shares' | 'bucketShares'> & { calendarItems: WorldCalendarItem[] } => ({
    shares: (more.shares ?? []).map((x) => {
      const contact = lookup(contactByKey, 'contact', x.contact);
      return { id: randomUUID(), orgId: contact.orgId, contactId: contact.id, grantee: grantee(x), level: x.level, ...windowOf(x), createdBy: by(x.by) };
    }),
    grants: (more.grants ?? []).map((g) => {
      const owner = user(g.owner);
      return {
        id: randomUUID(), orgId: owner.orgId, ownerId: owner.id, grantee: grantee(g), scope: g.scope ?? 'contacts', level: g.level,
        ...windowOf(g), createdBy: by(g.by),
      };
    }),
    bucketShares: (more.bucketShares ?? []).map((x) => {
      const bucket = lookup(bucketByKey, 'bucket', x.bucket);
      return { id: randomUUID(), orgId: bucket.orgId, bucketId: bucket.id, grantee: grantee(x), level: x.level, ...windowOf(x), createdBy: by(x.by) };
    }),
    calendarItems: (more.calendarItems ?? []).map(calendarItem),
  });
  const idsOf = (l: Pick<World, 'grants' | 'shares' | 'bucketShares'> & { calendarItems?: WorldCalendarItem[] }): AddedIds => ({
    grants: l.grants.map((g) => g.id), shares: l.shares.map((x) => x.id), bucketShares: l.bucketShares.map((x) => x.id),
    calendarItems: (l.calendarItems ?? []).map((x) => x.id),
  });
  const add = async (more: WorldAddition<string, string, string, string>): Promise<AddedIds> => {
    const added = links(more);
    await insertWorld(db, { now: clock.now(), orgs: [], users: [], teams: [], contacts: [], buckets: [], ...added });
    return idsOf(added);
  };

  const world: World = {
    now: clock.now(),
    orgs: orgSpecs.map(([key, o]) => ({
      id: orgOf(key), name: o.name ?? capitalised(key), exportEnabled: o.exportEnabled ?? false,
      shareAllContacts: o.shareAllContacts ?? false, membersCanArchiveDeleteShared: o.membersCanArchiveDeleteShared ?? false,
    })),
    users,
    teams,
    contacts,
    buckets,
    ...links(spec),
  };
  await insertWorld(db, world);
  await db.insertInto('sessions').values(users.map((u) => ({ org_id: u.orgId, user_id: u.id, token_hash: hashToken(u.token) }))).execute();

  const record = <K extends string, V>(entries: [string, V][]) => Object.fromEntries(entries) as Record<K, V>;
  return {
    orgId: firstOrg,
    orgs: record<O, string>([...orgIds]),
    users: record<U, TestUser>(users.map((u) => [u.key, { id: u.id, orgId: u.orgId, name: u.name, email: u.email, token: u.token }])),
    teams: record<T, string>(teams.map((t) => [t.key, t.id])),
    contacts: record<C, string>(contacts.map((c) => [c.key, c.id])),
    buckets: record<B, string>(buckets.map((b) => [b.key, b.id])),
    ...idsOf(world),
    add,
  };
}

/** Acme: admin Ada, members Ben and Cat, deactivated member Dee. Globex (another org): admin Oz, member Pia. */
export const ACME_AND_GLOBEX = {
  orgs: { acme: {}, globex: {} },
  users: {
    ada: { role: 'admin' }, ben: {}, cat: {}, dee: { status: 'deactivated' }, oz: { org: 'globex', role: 'admin' }, pia: { org: 'globex' },
  },
} as const;
export type AcmeAndGlobex = BuiltWorld<'acme' | 'globex', keyof typeof ACME_AND_GLOBEX.users, never, never, never>;
