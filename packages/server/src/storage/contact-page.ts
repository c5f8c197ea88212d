// One keyset page of a contact list as a UNION of index-ordered scans, one per way in (issue 9, item 3).
//
// The policy's condition (with the list's owner and bucket filters ANDed in) is split into branches by
// list-branches.ts: own and user-granted owners, record shares naming the user or their teams, bucket shares,
// share-all or admin (a plain branch). Each branch becomes
//   SELECT c.sort_name, c.id FROM contacts c WHERE c.org_id = $org AND <branch> AND <prefix> AND <cursor>
//   ORDER BY c.sort_name, c.id LIMIT <page + 1>
// so PostgreSQL drives it from the index that fits it: an owner branch from (org_id, owner_id, sort_name, id), one
// branch per owner so the owners' scans come out in name order (Merge Append); a record-share branch from
// contact_shares; a bucket branch from bucket_contacts or, when the buckets are dense, from the name index with a
// semi-join (the planner chooses with the parameter values at hand: these statements are never prepared). The
// branches are merged by (sort_name, id) with UNION (a contact reached twice counts once), cut to the page, and only
// then joined to the contacts for the row and its facts. The cursor and the name prefix apply inside every branch,
// so a search keeps the plan; an exact e-mail match is one more branch, driven from contact_emails (migration 0002).
// A single branch needs no UNION: it is one plain scan (admin, share-all).
import type { Condition, ListPolicy } from '@tandem/core';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { branchCondition, branchesCondition, conditionBranches, type Branch } from './list-branches.ts';
import { CONTACTS, renderCondition } from './render-filter.ts';

export type Cursor = { sortName: string; id: string };
/** Narrowing filters and the page: what a list asks for beyond the policy. None of them can widen it. */
export type PageQuery = {
  q?: string;
  ownerId?: string;
  /** Only contacts someone else owns (the web app's "shared with me"). */
  notOwnerId?: string;
  /** Only contacts in this bucket (a narrowing filter: visibility still comes from the compiled policy). */
  bucketId?: string;
  limit: number;
  after?: Cursor;
};

/**
 * An owner set this small is scanned one owner at a time, so the scans merge in name order; larger ones as one ANY.
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

function namePrefix(q: string): RawBuilder<SqlBool> {
  const prefix = q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`);
  return sql<SqlBool>`c.sort_name LIKE ${`${prefix}%`}`;
}

function exactEmail(orgId: string, q: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`EXISTS (SELECT 1 FROM contact_emails ce WHERE ce.org_id = ${orgId} AND ce.email = ${q.toLowerCase()} AND ce.contact_id = c.id)`;
}

/** A branch with an owner set and nothing else to drive it, one per owner (Merge Append); others as they are. */
function splitOwners(branches: readonly Branch[], notOwnerId: string | undefined, splitMax: number): Branch[] {
  return branches.flatMap((b) => {
    if (b.owners === null) return [b];
    // owner ∈ S AND owner ≠ x is owner ∈ S \ {x}: the "shared with me" list has no branch for the user's own book.
    const owners = notOwnerId ? b.owners.filter((o) => o !== notOwnerId) : b.owners;
    if (owners.length === 0) return [];
    const ownerDriven = b.ids === null && b.shared.length === 0 && b.buckets.length === 0;
    if (!ownerDriven || owners.length > splitMax) return [{ ...b, owners }];
    return owners.map((o) => ({ ...b, owners: [o] }));
  });
}

/**
 * The page's SELECT over `contacts c` with `select` as its select list (it may read `c`), sorted by (sort_name, id),
 * at most `limit + 1` rows; null when no contact can pass. `open` is the whole org.
 */
export function contactPageQuery<R>(
  orgId: string, policy: ListPolicy, query: PageQuery, select: RawBuilder<unknown>, opts: { ownerSplitMax?: number } = {},
): RawBuilder<R> | null {
  if (policy.kind === 'denied') return null;
  const condition = listCondition(orgId, policy, query);
  // A literal, not a parameter: an integer the route validated (1-200), and the planner sees it in every branch.
  const take = Math.trunc(query.limit) + 1;
  const extras: RawBuilder<SqlBool>[] = [];
  if (query.notOwnerId) extras.push(sql<SqlBool>`c.owner_id <> ${query.notOwnerId}`);
  if (query.after) extras.push(sql<SqlBool>`(c.sort_name, c.id) > (${query.after.sortName}, ${query.after.id}::uuid)`);
  const scan = (where: RawBuilder<SqlBool>[], columns: RawBuilder<unknown>) =>
    sql<R>`SELECT ${columns} FROM contacts c WHERE c.org_id = ${orgId} AND ${sql.join([...where, ...extras], sql` AND `)}
    ORDER BY c.sort_name, c.id LIMIT ${sql.lit(take)}`;

  const found = conditionBranches(condition);
  if (found === null) {
    // Too large to expand (never with today's rules): one WHERE, as before.
    const where = [renderCondition(condition, CONTACTS)];
    if (query.q) where.push(sql<SqlBool>`(${namePrefix(query.q)} OR ${exactEmail(orgId, query.q)})`);
    return scan(where, select);
  }
  const inOrg = found.filter((b) => b.org === null || b.org === orgId);
  const branches = splitOwners(inOrg, query.notOwnerId, opts.ownerSplitMax ?? OWNER_SPLIT_MAX);
  const wheres = branches.map((b) => {
    const where = [renderCondition(branchCondition(b, { org: true }), CONTACTS)];
    if (query.q) where.push(namePrefix(query.q));
    return where;
  });
  // An exact e-mail is not a name prefix: one more branch, the whole condition over the contacts with that e-mail.
  if (query.q && branches.length > 0) wheres.push([renderCondition(branchesCondition(inOrg, { hoistOrg: true }), CONTACTS), exactEmail(orgId, query.q)]);
  const [only] = wheres;
  if (!only) return null;
  if (wheres.length === 1) return scan(only, select);
  const ids = sql.join(wheres.map((w) => sql`(${scan(w, sql`c.sort_name, c.id`)})`), sql`\n  UNION\n  `);
  return sql<R>`SELECT ${select} FROM (
  ${ids}
  ORDER BY sort_name, id LIMIT ${sql.lit(take)}) p
  JOIN contacts c ON c.org_id = ${orgId} AND c.id = p.id
  ORDER BY p.sort_name, p.id`;
}
