// Renders a @tandem/core Condition as a SQL boolean over one resource's table. The condition is resource-generic
// (org, owner, id, lifecycle state, per-record shares, bucket membership); the binding says where each lives for the
// resource being listed: its table alias, its columns and the per-resource subqueries. This is the only place
// visibility becomes SQL; every list, search, count and export goes through it.
//
// Calendar items (CALENDAR_ITEMS) render `ownerIn` over the assignee: own calendar and calendar grants, from the
// core's `calendarItemRules`. Resources to come fit as bindings, with no new mechanism:
//   - pipeline cards: through their contact's visibility: join the contact and render the contact condition with
//     `contactBinding('pc_c')` (`FROM pipeline_cards pc JOIN contacts pc_c ON ...`);
//   - shared templates, pipelines, programs: owner, admin and shares at view/edit; `sharedWith` reads the share
//     table the binding names: { alias: 'tp', ..., shares: { table: 'template_shares', record: 'template_id' } }.
// render-filter.test.ts renders each of these shapes.
import { assertNever, levelRank, type Condition, type ContactState, type ListPolicy } from '@tandem/core';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { simplifyCondition } from './list-branches.ts';
import { tallyFilter } from '../observability/access-tally.ts';

/** Where a resource's parts live in SQL. Column names are on `alias`; tables and columns are quoted identifiers. */
export type Binding = {
  /** The resource table's alias in the FROM clause (`FROM contacts c` → 'c'). */
  alias: string;
  org: string;
  id: string;
  /** What `ownerIn` compares: a contact's or bucket's owner, a calendar item's assignee. */
  owner: string;
  /** Lifecycle columns, for `stateIn` (trash wins over archive). */
  lifecycle?: { archivedAt: string; trashedAt: string };
  /** The per-record share table, for `sharedWith`: (org_id, <record>, grantee_user_id, grantee_team_id, level, starts_at, expires_at). */
  shares?: { table: string; record: string };
  /** The bucket membership table, for `inBuckets`: (org_id, bucket_id, <record>). */
  buckets?: { table: string; record: string };
};

/** Contacts, under any alias (a pipeline card's joined contact renders the contact condition on its own alias). */
export function contactBinding(alias: string): Binding {
  return {
    alias, org: 'org_id', id: 'id', owner: 'owner_id',
    lifecycle: { archivedAt: 'archived_at', trashedAt: 'trashed_at' },
    shares: { table: 'contact_shares', record: 'contact_id' },
    buckets: { table: 'bucket_contacts', record: 'contact_id' },
  };
}

/** `FROM contacts c`. */
export const CONTACTS: Binding = contactBinding('c');
/**
 * A template, pipeline or program (`FROM templates hs`, D31): owner, id and the record's own share table, which the
 * `sharedWith` condition of `handSharedRules` reads. No lifecycle, no buckets.
 */
export function handSharedBinding(table: { shares: string; record: string }, alias = 'hs'): Binding {
  return { alias, org: 'org_id', id: 'id', owner: 'owner_id', shares: { table: table.shares, record: table.record } };
}

/** `FROM buckets b`: owner and id; no lifecycle, no per-record shares (bucket shares reach the core as facts). */
export const BUCKETS: Binding = { alias: 'b', org: 'org_id', id: 'id', owner: 'owner_id' };
/**
 * `FROM calendar_items ci`: the record's owner is the calendar it sits on (its assignee). No lifecycle, shares or
 * buckets: a calendar condition naming one of those would throw here rather than widen.
 */
export const CALENDAR_ITEMS: Binding = { alias: 'ci', org: 'org_id', id: 'id', owner: 'assignee_id' };

function column(b: Binding, name: string) {
  return sql.ref(`${b.alias}.${name}`);
}

function need<T>(part: T | undefined, what: string, b: Binding): T {
  if (part === undefined) throw new Error(`render-filter: the binding of ${b.alias} has no ${what}`);
  return part;
}

function renderState(state: ContactState, b: Binding): RawBuilder<SqlBool> {
  const { archivedAt, trashedAt } = need(b.lifecycle, 'lifecycle columns', b);
  const trashed = column(b, trashedAt);
  const archived = column(b, archivedAt);
  switch (state) {
    case 'active':
      return sql<SqlBool>`(${trashed} IS NULL AND ${archived} IS NULL)`;
    case 'archived':
      return sql<SqlBool>`(${trashed} IS NULL AND ${archived} IS NOT NULL)`;
    case 'trashed':
      return sql<SqlBool>`(${trashed} IS NOT NULL)`;
    default:
      return assertNever(state);
  }
}

function join(parts: RawBuilder<SqlBool>[], glue: 'AND' | 'OR'): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.join(parts, sql.raw(` ${glue} `))})`;
}

function renderShared(c: Extract<Condition, { op: 'sharedWith' }>, b: Binding): RawBuilder<SqlBool> {
  const { table, record } = need(b.shares, 'share table', b);
  const s = `${b.alias}_s`;
  const ref = (name: string) => sql.ref(`${s}.${name}`);
  const now = new Date(c.now);
  // Bounds are compared at millisecond precision, as the core sees them once loaded (a JS Date has no
  // microseconds): a bound stored with microseconds must not be judged differently here and in `decide`.
  return sql<SqlBool>`EXISTS (SELECT 1 FROM ${sql.table(table)} AS ${sql.id(s)}
    WHERE ${ref('org_id')} = ${column(b, b.org)} AND ${ref(record)} = ${column(b, b.id)}
      AND (${ref('grantee_user_id')} = ${c.userId} OR ${ref('grantee_team_id')} = ANY(${c.teamIds}::uuid[]))
      AND ${ref('level')} >= ${levelRank(c.minLevel)}
      AND (${ref('starts_at')} IS NULL OR date_trunc('milliseconds', ${ref('starts_at')}) <= ${now})
      AND (${ref('expires_at')} IS NULL OR date_trunc('milliseconds', ${ref('expires_at')}) > ${now}))`;
}

function renderInBuckets(c: Extract<Condition, { op: 'inBuckets' }>, b: Binding): RawBuilder<SqlBool> {
  const { table, record } = need(b.buckets, 'bucket membership table', b);
  const m = `${b.alias}_bc`;
  return sql<SqlBool>`EXISTS (SELECT 1 FROM ${sql.table(table)} AS ${sql.id(m)}
    WHERE ${sql.ref(`${m}.org_id`)} = ${column(b, b.org)} AND ${sql.ref(`${m}.${record}`)} = ${column(b, b.id)}
      AND ${anyOf(sql.ref(`${m}.bucket_id`), c.bucketIds)})`;
}

/**
 * `col = ANY(ids)`, or `col = id` for one id: an equality lets an index on (org_id, col, sort_name, id) return its
 * rows in name order, which a list branch per owner needs (contact-page.ts).
 */
function anyOf(col: RawBuilder<unknown>, ids: readonly string[]): RawBuilder<SqlBool> {
  const [only] = ids;
  if (ids.length === 1 && only !== undefined) return sql<SqlBool>`${col} = ${only}::uuid`;
  return sql<SqlBool>`${col} = ANY(${ids}::uuid[])`;
}

/** A condition as a SQL boolean over the binding's table. */
export function renderCondition(condition: Condition, b: Binding): RawBuilder<SqlBool> {
  switch (condition.op) {
    case 'true':
      return sql<SqlBool>`TRUE`;
    case 'false':
      return sql<SqlBool>`FALSE`;
    case 'and':
      return join(condition.args.map((c) => renderCondition(c, b)), 'AND');
    case 'or':
      return join(condition.args.map((c) => renderCondition(c, b)), 'OR');
    case 'orgIs':
      return sql<SqlBool>`${column(b, b.org)} = ${condition.orgId}`;
    case 'ownerIn':
      return anyOf(column(b, b.owner), condition.userIds);
    case 'idIn':
      return anyOf(column(b, b.id), condition.ids);
    case 'stateIn': {
      const [only] = condition.states;
      return condition.states.length === 1 && only ? renderState(only, b) : join(condition.states.map((s) => renderState(s, b)), 'OR');
    }
    case 'sharedWith':
      return renderShared(condition, b);
    case 'inBuckets':
      return renderInBuckets(condition, b);
    default:
      return assertNever(condition);
  }
}

/**
 * A list policy as a SQL boolean over the binding's table, for the actor's org: `open` is every record of the org,
 * `denied` none, `gated` its condition (which carries the org itself), simplified first (list-branches.ts): the org
 * and state tests once, same-kind sources merged into one `ANY(array)`, sources another covers left out. Counts and
 * exports use this one WHERE; list pages render the same branches as a UNION of index scans (contact-page.ts).
 */
export function renderPolicy(policy: ListPolicy, b: Binding, orgId: string): RawBuilder<SqlBool> {
  tallyFilter(b.alias);
  switch (policy.kind) {
    case 'open':
      return sql<SqlBool>`${column(b, b.org)} = ${orgId}`;
    case 'denied':
      return sql<SqlBool>`FALSE`;
    case 'gated':
      return renderCondition(simplifyCondition(policy.condition), b);
    default:
      return assertNever(policy);
  }
}
