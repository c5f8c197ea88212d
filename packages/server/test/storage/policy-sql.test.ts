// The SQL every policy renders, committed (immich commits the SQL of its access queries): for a fixed set of actors,
// `renderPolicy(compileFilter(ctx, action), binding)` for contacts, buckets and calendar items (the one-WHERE form counts and exports
// use), then the contact list page as storage runs it (`contactPageQuery`: a UNION of one index-ordered scan per way
// in; in each of the four orders, with a search and a tag), and the capped count, compiled by Kysely for PostgreSQL with
// fixed ids and a fixed now. A policy change shows up in review as a diff
// of policy-sql.snap.
// The snapshot is compared, never rewritten: with CI=true vitest runs snapshots in `none` mode (a missing or different
// file fails); locally it only writes the file when it is missing. To accept a change on purpose, delete the file,
// run this test once, and review the diff.
import {
  compileFilter, compileSharedWithActorFilter, type ActorContext, type BucketShareFact, type ContactState, type Grantee, type ListPolicy, type Window,
  type OrgSettings, type UserGrantFact,
} from '@tandem/core';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/storage/schema.ts';
import { contactCountQuery, contactPageQuery, type PageQuery } from '../../src/storage/contact-page.ts';
import { BUCKETS, CALENDAR_ITEMS, CONTACTS, renderPolicy, type Binding } from '../../src/storage/render-filter.ts';
import { ID_KIND, worldId } from '../fixtures/world.ts';

/** Compiles only: no connection is ever opened. */
const compiler = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** Tuesday 3 June 2025, 09:30 UTC. */
const NOW = Date.UTC(2025, 5, 3, 9, 30);
const HOUR = 3_600_000;
const ORG = worldId(ID_KIND.org, 1);
const user = (n: number) => worldId(ID_KIND.user, n);
const team = (n: number) => worldId(ID_KIND.team, n);
const bucket = (n: number) => worldId(ID_KIND.bucket, n);
const [ADA, BEN, CAT, DAN, EVE, FAY, GUS] = [1, 2, 3, 4, 5, 6, 7].map(user) as [string, string, string, string, string, string, string];
const SALES = team(1);

const OFF: OrgSettings = { exportEnabled: false, shareAllContacts: false, membersCanArchiveDeleteShared: false };
const window: Window = { startsAt: null, expiresAt: null };
const provenance = { grantedBy: ADA, grantedAt: NOW - 24 * HOUR };
function grant(n: number, ownerId: string, grantee: Grantee, level: UserGrantFact['level'], scope: UserGrantFact['scope'] = 'contacts', w = window): UserGrantFact {
  return { id: worldId(ID_KIND.grant, n), ownerId, grantee, scope, level, ...w, ...provenance };
}
function bucketShare(n: number, bucketId: string, grantee: Grantee, level: BucketShareFact['level'], w = window): BucketShareFact {
  return { id: worldId(ID_KIND.bucketShare, n), bucketId, grantee, level, ...w, ...provenance };
}

type Actor = { name: string; ctx: ActorContext };
function actor(name: string, userId: string, o: Partial<Omit<ActorContext, 'actor'>> & { role?: 'admin' | 'member'; status?: 'active' | 'deactivated'; teamIds?: string[] } = {}): Actor {
  return {
    name,
    ctx: {
      actor: { userId, orgId: ORG, role: o.role ?? 'member', status: o.status ?? 'active', teamIds: o.teamIds ?? [], exportChannels: [] },
      settings: o.settings ?? OFF, userGrants: o.userGrants ?? [], bucketShares: o.bucketShares ?? [], now: NOW,
    },
  };
}

const ACTORS: Actor[] = [
  actor('admin', ADA, { role: 'admin' }),
  actor('owner-only member', BEN),
  actor('grantee of user grants', CAT, {
    userGrants: [
      grant(1, BEN, { userId: CAT }, 'view'), grant(2, DAN, { teamId: SALES }, 'edit'), grant(3, EVE, { userId: CAT }, 'edit', 'calendar'),
      grant(4, GUS, { userId: CAT }, 'edit', 'contacts', { startsAt: null, expiresAt: NOW - HOUR }),
    ],
    teamIds: [SALES],
  }),
  actor('team member with record shares', DAN, { teamIds: [SALES, team(2)] }),
  actor('bucket sharee', EVE, {
    teamIds: [SALES],
    bucketShares: [
      bucketShare(1, bucket(1), { userId: EVE }, 'view'), bucketShare(2, bucket(2), { teamId: SALES }, 'edit', { startsAt: NOW - HOUR, expiresAt: NOW + HOUR }),
      bucketShare(3, bucket(3), { userId: EVE }, 'collaborate', { startsAt: NOW + HOUR, expiresAt: null }),
    ],
  }),
  actor('deactivated user', FAY, { status: 'deactivated', userGrants: [grant(5, BEN, { userId: FAY }, 'edit')] }),
  actor('member with share all on', GUS, { settings: { ...OFF, shareAllContacts: true } }),
];

type Case = { label: string; binding: Binding; policy: (ctx: ActorContext) => ListPolicy };
const CASES: Case[] = [
  { label: 'contact list, active (contact.view)', binding: CONTACTS, policy: (ctx) => compileFilter(ctx, 'contact.view', ['active']) },
  { label: 'contact list, trash (contact.view)', binding: CONTACTS, policy: (ctx) => compileFilter(ctx, 'contact.view', ['trashed']) },
  { label: 'contact export (contact.export)', binding: CONTACTS, policy: (ctx) => compileFilter(ctx, 'contact.export') },
  { label: 'contact edit (contact.edit)', binding: CONTACTS, policy: (ctx) => compileFilter(ctx, 'contact.edit') },
  { label: 'contact reassign (contact.reassign)', binding: CONTACTS, policy: (ctx) => compileFilter(ctx, 'contact.reassign') },
  { label: 'bucket list (bucket.view)', binding: BUCKETS, policy: (ctx) => compileFilter(ctx, 'bucket.view') },
  { label: 'bucket edit (bucket.edit)', binding: BUCKETS, policy: (ctx) => compileFilter(ctx, 'bucket.edit') },
  { label: 'bucket manage (bucket.manage)', binding: BUCKETS, policy: (ctx) => compileFilter(ctx, 'bucket.manage') },
  { label: 'calendar items (calendar_item.view)', binding: CALENDAR_ITEMS, policy: (ctx) => compileFilter(ctx, 'calendar_item.view') },
  { label: 'calendar item edit (calendar_item.edit)', binding: CALENDAR_ITEMS, policy: (ctx) => compileFilter(ctx, 'calendar_item.edit') },
];
const TABLES = new Map<Binding, string>([[CONTACTS, 'contacts c'], [BUCKETS, 'buckets b'], [CALENDAR_ITEMS, 'calendar_items ci']]);

function show(value: unknown): string {
  return value instanceof Date ? `'${value.toISOString()}'` : JSON.stringify(value);
}

function render(a: Actor, c: Case): string {
  const policy = c.policy(a.ctx);
  const table = TABLES.get(c.binding) ?? 'contacts c';
  const query = sql`SELECT ${sql.ref(`${c.binding.alias}.id`)} FROM ${sql.raw(table)} WHERE ${renderPolicy(policy, c.binding, a.ctx.actor.orgId)}`;
  const compiled = query.compile(compiler);
  const params = compiled.parameters.map((p, i) => `--   $${i + 1} = ${show(p)}`);
  return [`-- ${a.name}: ${c.label} → ${policy.kind}`, `${compiled.sql};`, ...params].join('\n');
}

/** A contact list page as storage runs it (contact-page.ts), with `c.id` for the select list: the UNION of branches. */
type PageCase = { label: string; policy: (ctx: ActorContext) => ListPolicy; query: (ctx: ActorContext) => PageQuery };
const CURSOR = { sortName: 'kim', id: worldId(ID_KIND.contact, 7) };
const OWNER_CURSOR = { ownerName: 'Ben', ownerId: BEN, sortName: 'kim', id: worldId(ID_KIND.contact, 7) };
const TIME_CURSOR = { at: '1748943000000000', id: worldId(ID_KIND.contact, 7) };
const view = (states: ContactState[]) => (ctx: ActorContext) => compileFilter(ctx, 'contact.view', states);
const PAGES: PageCase[] = [
  { label: 'contact list page (contact.view, active)', policy: view(['active']), query: () => ({ limit: 50 }) },
  // `q=Ann fi` as contact-search.ts folds it: two words, one anywhere, one at a word start.
  { label: 'contact list page after a cursor, search "Ann fi" (contact.view, active)', policy: view(['active']), query: () => ({ limit: 50, search: ['%ann%', '% fi%'], after: CURSOR }) },
  { label: 'contact list page, not mine (scope=shared: contact.view, active)', policy: view(['active']), query: (ctx) => ({ limit: 50, notOwnerId: ctx.actor.userId }) },
  {
    label: 'contact list page, shared with you (scope=sharedWithYou: compileSharedWithActorFilter, active)',
    policy: (ctx) => compileSharedWithActorFilter(ctx, ['active']).policy,
    query: (ctx) => ({ limit: 50, notOwnerId: compileSharedWithActorFilter(ctx, ['active']).notOwnerId }),
  },
  { label: 'contact list page, trash (contact.view)', policy: view(['trashed']), query: () => ({ limit: 50 }) },
  { label: 'contact list page by owner after a cursor (contact.view, active)', policy: view(['active']), query: () => ({ limit: 50, sort: 'owner', after: OWNER_CURSOR }) },
  { label: 'contact list page by last activity after a cursor, tag "vip" (contact.view, active)', policy: view(['active']), query: () => ({ limit: 50, sort: 'activity', tag: 'vip', after: TIME_CURSOR }) },
  { label: 'contact list page by creation (contact.view, active)', policy: view(['active']), query: () => ({ limit: 50, sort: 'created' }) },
];

function renderPage(a: Actor, c: PageCase): string {
  const policy = c.policy(a.ctx);
  const page = contactPageQuery(a.ctx.actor.orgId, policy, c.query(a.ctx), sql`c.id`);
  if (!page) return `-- ${a.name}: ${c.label} → ${policy.kind}, no query`;
  const compiled = page.compile(compiler);
  const params = compiled.parameters.map((p, i) => `--   $${i + 1} = ${show(p)}`);
  return [`-- ${a.name}: ${c.label} → ${policy.kind}`, `${compiled.sql};`, ...params].join('\n');
}

/** The capped count of a search (contact-page.ts `contactCountQuery`): one branch per way in, each cut at cap + 1. */
function renderCount(a: Actor): string {
  const policy = view(['active'])(a.ctx);
  const count = contactCountQuery(a.ctx.actor.orgId, policy, { limit: 50, search: ['%ann%'] });
  if (!count) return `-- ${a.name}: capped count, search "Ann" → ${policy.kind}, no query`;
  const compiled = count.compile(compiler);
  const params = compiled.parameters.map((p, i) => `--   $${i + 1} = ${show(p)}`);
  return [`-- ${a.name}: capped count, search "Ann" (contact.view, active) → ${policy.kind}`, `${compiled.sql};`, ...params].join('\n');
}

describe('the SQL of every policy, for a fixed set of actors', () => {
  it('matches the committed snapshot (policy-sql.snap)', async () => {
    const text = [
      ...ACTORS.flatMap((a) => CASES.map((c) => render(a, c))), ...ACTORS.flatMap((a) => PAGES.map((c) => renderPage(a, c))), ...ACTORS.map(renderCount),
    ].join('\n\n');
    await expect(`${text}\n`).toMatchFileSnapshot('./policy-sql.snap');
  });
});
