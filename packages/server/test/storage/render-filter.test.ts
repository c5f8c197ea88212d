// One condition language, many tables: the binding tells render-filter where a resource keeps its org, owner, id,
// lifecycle, share table and bucket membership. This file shows, on PGlite, that the resources still to come fit
// without a new mechanism, each with the same answer in SQL as in memory:
//   - calendar items: access through calendar user grants and owning the calendar = `ownerIn` on the assignee column;
//   - pipeline cards: through their contact = the contact policy rendered on a joined contact alias;
//   - shared templates (and pipelines, programs): owner, admin, shares at view/edit = `sharedWith` over the share
//     table the binding names.
// The tables below are sketches made up for the demonstration (prefixed `sketch_`). The real resources have since been
// built on these very shapes (calendar_items, pipeline_cards, templates with template_shares: migrations 0007 and 0014),
// and each has its differential test against an oracle (test/differential).
import {
  activeUserGrants, and, canOnCalendar, compileFilter, decide, evaluateCondition, or, ownerIn, TRUE, type ActorContext,
  type Condition, type ShareFact, type ShareLevel,
} from '@tandem/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/storage/connect.ts';
import { loadContacts } from '../../src/storage/contact-queries.ts';
import { granteeOf, loadActorContext, ms } from '../../src/storage/load-actor-context.ts';
import { contactBinding, CONTACTS, renderCondition, renderPolicy, type Binding } from '../../src/storage/render-filter.ts';
import { ID_KIND, insertWorld, worldId, type World } from '../fixtures/world.ts';
import { freshDatabase } from '../support/databases.ts';

const NOW = Date.UTC(2025, 5, 3, 9, 30);
const HOUR = 3_600_000;
const ORG = worldId(ID_KIND.org, 1);
const [ADA, ANN, BOB] = [1, 2, 3].map((n) => worldId(ID_KIND.user, n)) as [string, string, string];
const SALES = worldId(ID_KIND.team, 1);
const contact = (n: number) => worldId(ID_KIND.contact, n);
const row = (n: number) => worldId(99, n);

const world: World = {
  now: NOW,
  orgs: [{ id: ORG, name: 'Acme', exportEnabled: false, shareAllContacts: false, membersCanArchiveDeleteShared: false }],
  users: [
    { id: ADA, orgId: ORG, name: 'Ada', role: 'admin', status: 'active', exportChannels: [] },
    { id: ANN, orgId: ORG, name: 'Ann', role: 'member', status: 'active', exportChannels: [] },
    { id: BOB, orgId: ORG, name: 'Bob', role: 'member', status: 'active', exportChannels: [] },
  ],
  teams: [{ id: SALES, orgId: ORG, name: 'Sales', memberIds: [BOB] }],
  contacts: [
    { id: contact(1), orgId: ORG, ownerId: ANN, name: 'Zoe', emails: [], state: 'active' },
    { id: contact(2), orgId: ORG, ownerId: BOB, name: 'Yan', emails: [], state: 'active' },
    { id: contact(3), orgId: ORG, ownerId: ANN, name: 'Xia', emails: [], state: 'active' },
  ],
  shares: [{ id: worldId(ID_KIND.share, 1), orgId: ORG, contactId: contact(3), grantee: { userId: BOB }, level: 'view', startsAt: null, expiresAt: null, createdBy: ANN }],
  grants: [{ id: worldId(ID_KIND.grant, 1), orgId: ORG, ownerId: ANN, grantee: { teamId: SALES }, scope: 'calendar', level: 'view', startsAt: null, expiresAt: null, createdBy: ADA }],
  buckets: [],
  bucketShares: [],
};

const FUTURE_TABLES = `
  CREATE TABLE sketch_tasks (org_id uuid NOT NULL, id uuid PRIMARY KEY, assignee_id uuid NOT NULL);
  CREATE TABLE sketch_pipeline_cards (org_id uuid NOT NULL, id uuid PRIMARY KEY, contact_id uuid NOT NULL);
  CREATE TABLE sketch_templates (org_id uuid NOT NULL, id uuid PRIMARY KEY, owner_id uuid NOT NULL);
  CREATE TABLE sketch_template_shares (org_id uuid NOT NULL, id uuid PRIMARY KEY, template_id uuid NOT NULL,
    grantee_user_id uuid, grantee_team_id uuid, level int NOT NULL, starts_at timestamptz, expires_at timestamptz,
    created_by uuid, created_at timestamptz NOT NULL);`;

/** The bindings a calendar item and a template would declare. */
const TASKS: Binding = { alias: 't', org: 'org_id', id: 'id', owner: 'assignee_id' };
const TEMPLATES: Binding = { alias: 'tp', org: 'org_id', id: 'id', owner: 'owner_id', shares: { table: 'sketch_template_shares', record: 'template_id' } };

const TASK_ROWS = [[1, ANN], [2, BOB], [3, ADA]] as const;
const TEMPLATE_ROWS = [[1, ANN], [2, ADA], [3, ADA]] as const;
type TemplateShare = { n: number; template: number; grantee: { userId: string } | { teamId: string }; level: ShareLevel; expiresAt: number | null };
const TEMPLATE_SHARES: TemplateShare[] = [
  { n: 1, template: 2, grantee: { teamId: SALES }, level: 'view', expiresAt: null },
  { n: 2, template: 3, grantee: { userId: BOB }, level: 'edit', expiresAt: NOW - HOUR },
  { n: 3, template: 1, grantee: { userId: BOB }, level: 'edit', expiresAt: NOW + HOUR },
];

let handle: DbHandle;
beforeAll(async () => {
  handle = await freshDatabase('pglite');
  await insertWorld(handle.db, world);
  await handle.runScript(FUTURE_TABLES);
  for (const [n, assignee] of TASK_ROWS) await sql`INSERT INTO sketch_tasks VALUES (${ORG}, ${row(n)}, ${assignee})`.execute(handle.db);
  for (const n of [1, 2, 3]) await sql`INSERT INTO sketch_pipeline_cards VALUES (${ORG}, ${row(10 + n)}, ${contact(n)})`.execute(handle.db);
  for (const [n, owner] of TEMPLATE_ROWS) await sql`INSERT INTO sketch_templates VALUES (${ORG}, ${row(20 + n)}, ${owner})`.execute(handle.db);
  for (const s of TEMPLATE_SHARES) {
    await sql`INSERT INTO sketch_template_shares VALUES (${ORG}, ${row(30 + s.n)}, ${row(20 + s.template)},
      ${'userId' in s.grantee ? s.grantee.userId : null}, ${'teamId' in s.grantee ? s.grantee.teamId : null},
      ${s.level === 'view' ? 2 : 4}, NULL, ${s.expiresAt === null ? null : new Date(s.expiresAt)}, ${ADA}, ${new Date(NOW - HOUR)})`.execute(handle.db);
  }
});
afterAll(async () => handle.close());

async function ctxOf(userId: string): Promise<ActorContext> {
  const ctx = await loadActorContext(handle.db, ORG, userId, NOW);
  if (!ctx) throw new Error(`no context for ${userId}`);
  return ctx;
}
async function ids(query: ReturnType<typeof sql<{ id: string }>>): Promise<string[]> {
  return (await query.execute(handle.db)).rows.map((r) => r.id).sort();
}
const orgIs: Condition = { op: 'orgIs', orgId: ORG };

describe.each([['Ada', ADA], ['Ann', ANN], ['Bob', BOB]])('future resources fit as bindings, for %s', (_, userId) => {
  it('calendar items: own calendar or a calendar grant, as ownerIn over the assignee column', async () => {
    const ctx = await ctxOf(userId);
    const calendars = [ctx.actor.userId, ...activeUserGrants(ctx, 'calendar').map((g) => g.ownerId)];
    const condition = and(orgIs, ownerIn(calendars));
    const bySql = await ids(sql<{ id: string }>`SELECT t.id FROM sketch_tasks t WHERE ${renderCondition(condition, TASKS)}`);
    const byCore = TASK_ROWS.filter(([, assignee]) => canOnCalendar(ctx, 'calendar.view', assignee)).map(([n]) => row(n)).sort();
    expect(bySql).toEqual(byCore);
  });

  it('pipeline cards: the contact policy rendered on the joined contact alias', async () => {
    const ctx = await ctxOf(userId);
    const policy = compileFilter(ctx, 'contact.view', ['active']);
    const bySql = await ids(sql<{ id: string }>`SELECT pc.id FROM sketch_pipeline_cards pc
      JOIN contacts pc_c ON pc_c.org_id = pc.org_id AND pc_c.id = pc.contact_id
      WHERE pc.org_id = ${ORG} AND ${renderPolicy(policy, contactBinding('pc_c'), ORG)}`);
    const loaded = await loadContacts(handle.db, ctx, [1, 2, 3].map(contact));
    const visible = [1, 2, 3].filter((n) => {
      const facts = loaded.get(contact(n))?.facts;
      return facts !== undefined && decide(ctx, 'contact.view', facts).allowed;
    });
    expect(bySql).toEqual(visible.map((n) => row(10 + n)).sort());
    // The same policy on the contacts table itself selects the same contacts.
    const direct = await ids(sql<{ id: string }>`SELECT c.id FROM contacts c WHERE c.org_id = ${ORG} AND ${renderPolicy(policy, CONTACTS, ORG)}`);
    expect(direct).toEqual(visible.map(contact).sort());
  });

  it.each(['view', 'edit'] as ShareLevel[])('templates at %s: owner, admin, or an active share, through the share table the binding names', async (level) => {
    const ctx = await ctxOf(userId);
    const sharedWith: Condition = { op: 'sharedWith', userId: ctx.actor.userId, teamIds: [...ctx.actor.teamIds], minLevel: level, now: NOW };
    const admin = ctx.actor.role === 'admin' && level === 'view' ? TRUE : ownerIn([]);
    const condition = and(orgIs, or(ownerIn([ctx.actor.userId]), admin, sharedWith));
    const bySql = await ids(sql<{ id: string }>`SELECT tp.id FROM sketch_templates tp WHERE ${renderCondition(condition, TEMPLATES)}`);
    const { rows: shareRows } = await sql<{ id: string; template_id: string; level: number; grantee_user_id: string | null; grantee_team_id: string | null; starts_at: Date | null; expires_at: Date | null; created_by: string | null; created_at: Date }>`
      SELECT * FROM sketch_template_shares`.execute(handle.db);
    const byCore = TEMPLATE_ROWS.filter(([n, ownerId]) => {
      const shares: ShareFact[] = shareRows.filter((s) => s.template_id === row(20 + n)).map((s) => ({
        id: s.id, grantee: granteeOf(s), level: s.level === 2 ? 'view' : 'edit', startsAt: ms(s.starts_at), expiresAt: ms(s.expires_at),
        grantedBy: s.created_by, grantedAt: new Date(s.created_at).getTime(),
      }));
      return evaluateCondition(condition, { id: row(20 + n), orgId: ORG, ownerId, shares });
    }).map(([n]) => row(20 + n)).sort();
    expect(bySql).toEqual(byCore);
  });
});

describe('spot check, so the comparisons above are not vacuous: what Bob (team Sales) gets', () => {
  it('his own task and Ann\'s (team calendar grant); his contact and the one shared with him; templates by share', async () => {
    const ctx = await ctxOf(BOB);
    const calendars = [ctx.actor.userId, ...activeUserGrants(ctx, 'calendar').map((g) => g.ownerId)];
    expect(await ids(sql<{ id: string }>`SELECT t.id FROM sketch_tasks t WHERE ${renderCondition(and(orgIs, ownerIn(calendars)), TASKS)}`)).toEqual([row(1), row(2)]);
    const cards = sql<{ id: string }>`SELECT pc.id FROM sketch_pipeline_cards pc JOIN contacts pc_c ON pc_c.org_id = pc.org_id AND pc_c.id = pc.contact_id
      WHERE ${renderPolicy(compileFilter(ctx, 'contact.view', ['active']), contactBinding('pc_c'), ORG)}`;
    expect(await ids(cards)).toEqual([row(12), row(13)]);
    const shared = (minLevel: ShareLevel): Condition => ({ op: 'sharedWith', userId: BOB, teamIds: [SALES], minLevel, now: NOW });
    expect(await ids(sql<{ id: string }>`SELECT tp.id FROM sketch_templates tp WHERE ${renderCondition(shared('view'), TEMPLATES)}`)).toEqual([row(21), row(22)]);
    expect(await ids(sql<{ id: string }>`SELECT tp.id FROM sketch_templates tp WHERE ${renderCondition(shared('edit'), TEMPLATES)}`)).toEqual([row(21)]);
  });
});

describe('a binding that lacks a part fails loudly rather than widening', () => {
  it.each([
    { what: 'lifecycle columns', condition: { op: 'stateIn', states: ['active'] } as Condition },
    { what: 'share table', condition: { op: 'sharedWith', userId: ANN, teamIds: [], minLevel: 'view', now: NOW } as Condition },
    { what: 'bucket membership table', condition: { op: 'inBuckets', bucketIds: [ANN] } as Condition },
  ])('a condition on the $what, rendered for calendar items, throws', ({ what, condition }) => {
    expect(() => renderCondition(condition, TASKS)).toThrow(what);
  });
});
