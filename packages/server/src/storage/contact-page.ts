// One keyset page of a contact list as a UNION of index-ordered scans, one per way in (issue 9, item 3), in one of
// four orders (issue 10, item 3).
//
// The policy's condition (with the list's owner and bucket filters ANDed in) is split into branches by
// list-branches.ts: own and user-granted owners, record shares naming the user or their teams, bucket shares,
// share-all or admin (a plain branch). Each branch becomes
//   SELECT <keys> FROM contacts c WHERE c.org_id = $org AND <branch> AND <search> AND <filters> AND <cursor>
//   ORDER BY <keys> LIMIT <page + 1>
// so PostgreSQL drives it from the index that fits it: an owner branch from (org_id, owner_id, <key>, id), one branch
// per owner so the owners' scans come out in order (Merge Append; not under a search of a word of three letters or
// more, which the trigram index finds once for the merged owner set: `isSelectiveSearch`); a record-share branch from
// contact_shares; a
// bucket branch from bucket_contacts or, when the buckets are dense, from the key's index with a semi-join; a search
// from the trigram index when its words are rare (the planner chooses with the values at hand: these statements are
// never prepared). The branches are merged by their keys with UNION (a contact reached twice counts once), cut to the
// page, and only then joined to the contacts for the row and its facts. The cursor, the search and the tag filter
// apply inside every branch. A single branch needs no UNION: it is one plain scan (admin, share-all).
//
// Orders (`ListSort`): name (sort_name, ICU root collation, then id); created and activity (latest first, then id
// descending: created_at, last_activity_at with '-infinity' for never); owner (the owner's name, the owner, then
// name and id: contact-owner-page.ts, where a branch walks the org's users in name order).
import type { Condition, ListPolicy } from '@tandem/core';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { branchCondition, conditionBranches, type Branch } from './list-branches.ts';
import { ownerOrderKeys } from './contact-owner-page.ts';
import { searchCondition } from './contact-search.ts';
import { CONTACTS, renderCondition } from './render-filter.ts';
import { tallyFilter } from '../observability/access-tally.ts';

export const LIST_SORTS = ['name', 'owner', 'activity', 'created'] as const;
export type ListSort = (typeof LIST_SORTS)[number];

/**
 * Where a page starts: the keys of the previous page's last row for the page's sort (name: sortName; owner:
 * ownerName, ownerId, sortName; created and activity: `at`, microseconds since 1970 as a decimal integer, or
 * '-infinity' for "no activity") and its id.
 */
export type Cursor = { id: string; sortName?: string; ownerName?: string; ownerId?: string; at?: string };

/** Narrowing filters and the page: what a list asks for beyond the policy. None of them can widen it. */
export type PageQuery = {
  /** LIKE patterns over `search_text`, each must match (contact-search.ts makes them from `q`). */
  search?: readonly string[];
  ownerId?: string;
  /** Only contacts someone else owns (the web app's "shared with me"). */
  notOwnerId?: string;
  /** Only contacts in this bucket (a narrowing filter: visibility still comes from the compiled policy). */
  bucketId?: string;
  /** Only contacts carrying this tag (exactly as stored). */
  tag?: string;
  sort?: ListSort;
  limit: number;
  after?: Cursor;
};

/**
 * An owner set this small is scanned one owner at a time, so the scans merge in order; larger ones as one ANY.
 * Measured at 100 K (docs/performance.md, "Lists: the plan"): per owner, a page costs the same whatever the owners'
 * books (1.3-1.9 ms), planning grows by about 0.04 ms an owner; as ANY, a sparse set (2 owners, 1 % of the org)
 * costs 15 ms (the planner walks the name index and filters: 5,192 buffers), a dense one (20 owners, 22 %) 1.6 ms.
 */
export const OWNER_SPLIT_MAX = 32;

/** The policy with the list's owner and bucket filters, as one condition over the contacts of `orgId`. */
function listCondition(orgId: string, policy: Exclude<ListPolicy, { kind: 'denied' }>, query: PageQuery): Condition {
  const parts: Condition[] = [policy.kind === 'open' ? { op: 'orgIs', orgId } : policy.condition];
  if (query.ownerId) parts.push({ op: 'ownerIn', userIds: [query.ownerId] });
  if (query.bucketId) parts.push({ op: 'inBuckets', bucketIds: [query.bucketId] });
  return { op: 'and', args: parts };
}

/** Whether a branch is its owner set and nothing else that could drive it (no ids, shares or buckets). */
export function ownerDriven(b: Branch): boolean {
  return b.owners !== null && b.ids === null && b.shared.length === 0 && b.buckets.length === 0;
}

/** A branch with an owner set and nothing else to drive it, one per owner (Merge Append); others as they are. */
function splitOwners(branches: readonly Branch[], notOwnerId: string | undefined, splitMax: number): Branch[] {
  return branches.flatMap((b) => {
    if (b.owners === null) return [b];
    // owner ∈ S AND owner ≠ x is owner ∈ S \ {x}: the "shared with me" list has no branch for the user's own book.
    const owners = notOwnerId ? b.owners.filter((o) => o !== notOwnerId) : b.owners;
    if (owners.length === 0) return [];
    if (!ownerDriven(b) || owners.length > splitMax) return [{ ...b, owners }];
    return owners.map((o) => ({ ...b, owners: [o] }));
  });
}

/** Conditions every branch carries beyond its own: search, tag, "not mine" (the cursor is the sort's). */
export function pageFilters(query: PageQuery): RawBuilder<SqlBool>[] {
  const out: RawBuilder<SqlBool>[] = [];
  if (query.search && query.search.length > 0) out.push(searchCondition(query.search));
  if (query.tag !== undefined) out.push(sql<SqlBool>`c.tags @> ARRAY[${query.tag}]::text[]`);
  if (query.notOwnerId) out.push(sql<SqlBool>`c.owner_id <> ${query.notOwnerId}`);
  return out;
}

/** The branches of the page's condition in the org, owner sets split as `splitOwners` says; null when too large to expand. */
export function pageBranches(orgId: string, policy: Exclude<ListPolicy, { kind: 'denied' }>, query: PageQuery, splitMax: number): Branch[] | null {
  const found = conditionBranches(listCondition(orgId, policy, query));
  if (found === null) return null;
  return splitOwners(found.filter((b) => b.org === null || b.org === orgId), query.notOwnerId, splitMax);
}

/** A key order: how a branch scan, the UNION and the final join sort, and the cursor's condition. */
type KeyOrder = { columns: RawBuilder<unknown>; branchOrder: RawBuilder<unknown>; unionOrder: RawBuilder<unknown>; outerOrder: RawBuilder<unknown>; after?: RawBuilder<SqlBool> };

function need(value: string | undefined, what: string): string {
  if (value === undefined) throw new Error(`contact-page: the cursor has no ${what}`);
  return value;
}

/** The time key of `c` as a cursor writes it (see Cursor), exact to the microsecond. */
export function timeKeyText(sort: 'created' | 'activity'): RawBuilder<string> {
  const column = sql.ref(sort === 'created' ? 'c.created_at' : 'c.last_activity_at');
  return sql<string>`CASE WHEN isfinite(${column}) THEN (extract(epoch FROM ${column}) * 1000000)::bigint::text ELSE '-infinity' END`;
}

/** A cursor's time key back as a timestamptz (the caller has checked its form). */
function timeKey(at: string): RawBuilder<unknown> {
  return at === '-infinity' ? sql`'-infinity'::timestamptz` : sql`(TIMESTAMPTZ 'epoch' + ${at}::bigint * INTERVAL '1 microsecond')`;
}

function keyOrder(sort: 'name' | 'created' | 'activity', after: Cursor | undefined): KeyOrder {
  if (sort === 'name') {
    return {
      columns: sql`c.sort_name, c.id`, branchOrder: sql`c.sort_name, c.id`, unionOrder: sql`sort_name, id`, outerOrder: sql`p.sort_name, p.id`,
      ...(after ? { after: sql<SqlBool>`(c.sort_name, c.id) > (${need(after.sortName, 'name')}, ${after.id}::uuid)` } : {}),
    };
  }
  const column = sql.ref(sort === 'created' ? 'c.created_at' : 'c.last_activity_at');
  return {
    columns: sql`${column} AS sort_at, c.id`, branchOrder: sql`${column} DESC, c.id DESC`, unionOrder: sql`sort_at DESC, id DESC`,
    outerOrder: sql`p.sort_at DESC, p.id DESC`,
    ...(after ? { after: sql<SqlBool>`(${column}, c.id) < (${timeKey(need(after.at, 'time'))}, ${after.id}::uuid)` } : {}),
  };
}

/** Plan thresholds, for tests that walk each plan on small worlds: OWNER_SPLIT_MAX by default. */
export type PlanOptions = { ownerSplitMax?: number };

/**
 * Whether a search has a word the trigram index can find (three characters or more), so that it likely matches few
 * contacts. Then an owner set is not split one branch per owner: each branch would run the same trigram index scan
 * (measured at 100 K: 20 owners × 7 ms for a phone number, 353 ms), where one `owner_id = ANY` branch runs it once and
 * sorts the few matches (docs/performance.md, "Search").
 */
export function isSelectiveSearch(search: readonly string[] | undefined): boolean {
  return (search ?? []).some((p) => !p.startsWith('% '));
}

/** The page's keys by the branches: each branch an index-ordered scan cut to the page, merged and cut again. */
function branchKeys(orgId: string, branches: readonly (Branch | null)[], whole: RawBuilder<SqlBool>, sort: ListSort, take: number,
  filters: RawBuilder<SqlBool>[], after: Cursor | undefined): RawBuilder<unknown> | null {
  const wheres = branches.map((b) => (b ? renderCondition(branchCondition(b, { org: true }), CONTACTS) : whole));
  if (wheres.length === 0) return null;
  if (sort === 'owner') {
    return ownerOrderKeys({ orgId, take, filters, after }, branches.map((b, i) => ({ branch: b, where: wheres[i] as RawBuilder<SqlBool> })));
  }
  const order = keyOrder(sort, after);
  const extras = [...filters, ...(order.after ? [order.after] : [])];
  const scans = wheres.map((w) => sql`SELECT ${order.columns} FROM contacts c WHERE c.org_id = ${orgId} AND ${sql.join([w, ...extras], sql` AND `)}
    ORDER BY ${order.branchOrder} LIMIT ${sql.lit(take)}`);
  const [only] = scans;
  if (scans.length === 1 && only) return only;
  // PostgreSQL 17+ plans this UNION as Merge Append + Unique under the ORDER BY, so it stops after the page.
  return sql`${sql.join(scans.map((x) => sql`(${x})`), sql`\n  UNION\n  `)}
  ORDER BY ${order.unionOrder} LIMIT ${sql.lit(take)}`;
}

/** The final step: the page's keys (`p`) joined to the contacts for `select`, in the order's key order. */
function joinKeys<R>(orgId: string, sort: ListSort, keys: RawBuilder<unknown>, select: RawBuilder<unknown>): RawBuilder<R> {
  const outer = sort === 'owner' ? sql`p.owner_key, p.owner_id, p.sort_name, p.id` : keyOrder(sort, undefined).outerOrder;
  return sql<R>`SELECT ${select} FROM (
  ${keys}) p
  JOIN contacts c ON c.org_id = ${orgId} AND c.id = p.id
  ORDER BY ${outer}`;
}

/**
 * The page's SELECT over `contacts c` with `select` as its select list (it may read `c`), in the query's order, at
 * most `limit + 1` rows; null when no contact can pass. `open` is the whole org.
 */
export function contactPageQuery<R>(
  orgId: string, policy: ListPolicy, query: PageQuery, select: RawBuilder<unknown>, opts: PlanOptions = {},
): RawBuilder<R> | null {
  tallyFilter('c');
  if (policy.kind === 'denied') return null;
  // A literal, not a parameter: an integer the route validated (1-200), and the planner sees it in every branch.
  const take = Math.trunc(query.limit) + 1;
  const found = pageBranches(orgId, policy, query, isSelectiveSearch(query.search) ? 0 : opts.ownerSplitMax ?? OWNER_SPLIT_MAX);
  // Too large to expand (never with today's rules): the whole condition as one branch.
  const branches: (Branch | null)[] = found ?? [null];
  if (branches.length === 0) return null;
  const sort = query.sort ?? 'name';
  const filters = pageFilters(query);
  if (sort !== 'owner' && branches.length === 1) {
    // One branch (admin, share-all, "mine"): one plain scan, no UNION.
    const [only] = branches;
    const order = keyOrder(sort, query.after);
    const where = only ? renderCondition(branchCondition(only, { org: true }), CONTACTS) : renderCondition(listCondition(orgId, policy, query), CONTACTS);
    return sql<R>`SELECT ${select} FROM contacts c WHERE c.org_id = ${orgId} AND ${sql.join([where, ...filters, ...(order.after ? [order.after] : [])], sql` AND `)}
    ORDER BY ${order.branchOrder} LIMIT ${sql.lit(take)}`;
  }
  const keys = branchKeys(orgId, branches, renderCondition(listCondition(orgId, policy, query), CONTACTS), sort, take, filters, query.after);
  return keys ? joinKeys<R>(orgId, sort, keys, select) : null;
}

/** At most this many contacts are counted: beyond it a list says "1,000+". */
export const COUNT_CAP = 1000;

/**
 * How many contacts the page's policy and filters let through, counting at most `cap + 1`: each branch stops after
 * `cap + 1` rows (any rows: no order), the UNION counts each contact once. If some branch has more than `cap`, so
 * has the union; if none has, nothing was cut and the count is exact. Null when no contact can pass.
 */
export function contactCountQuery(orgId: string, policy: ListPolicy, query: PageQuery, cap = COUNT_CAP): RawBuilder<{ n: number }> | null {
  if (policy.kind === 'denied') return null;
  const filters = pageFilters(query);
  const limit = sql.lit(Math.trunc(cap) + 1);
  const found = conditionBranches(listCondition(orgId, policy, query));
  const branches = found === null ? [null] : found.filter((b) => b.org === null || b.org === orgId);
  if (branches.length === 0) return null;
  const scans = branches.map((b) => {
    const where = b ? renderCondition(branchCondition(b, { org: true }), CONTACTS) : renderCondition(listCondition(orgId, policy, query), CONTACTS);
    return sql`(SELECT c.id FROM contacts c WHERE c.org_id = ${orgId} AND ${sql.join([where, ...filters], sql` AND `)} LIMIT ${limit})`;
  });
  return sql<{ n: number }>`SELECT count(*)::int AS n FROM (${sql.join(scans, sql`\n  UNION\n  `)}) counted`;
}
