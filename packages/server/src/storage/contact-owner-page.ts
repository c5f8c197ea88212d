// A contact page in owner order (issue 10, item 3): the owner's name (ICU root collation), the owner's id (two users
// may share a name), then the contact's sort_name and id. The key is (owner_key, owner_id, sort_name, id); a cursor
// carries all four. The owner's name lives in `users`, so no index of contacts has it: each branch of the policy
// (contact-page.ts) reads it the cheapest way it can:
//   - one owner (own contacts, one user grant): the owner's name index (org_id, owner_id, sort_name, id) is already in
//     key order; a cursor on another owner is a constant test (is this owner after the cursor's?), on the same owner
//     a range of the index;
//   - several owners, the whole org (admin, share-all), or shared buckets: the org's users in name order, and for
//     each, a LATERAL scan of that owner's name index (with the bucket probe) cut to the page, so the page stops after
//     its rows (the cursor's own owner is one more range scan): sorting a dense bucket set (84,000 contacts for the
//     average member at 100 K) took 1.5 s, walking it takes a few hundred probes;
//   - record shares (a few hundred contacts at most in practice): the branch's rows sorted by the key.
// Under a search of a word of three letters or more the owner set is one branch (contact-page.ts, `isSelectiveSearch`).
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { branchCondition, type Branch } from './list-branches.ts';
import { CONTACTS, renderCondition } from './render-filter.ts';

/** The previous page's last row (contact-page.ts `Cursor`): owner name, owner, sort name and id. */
type OwnerCursor = { id: string; sortName?: string; ownerName?: string; ownerId?: string };
export type OwnerBranch = { branch: Branch | null; where: RawBuilder<SqlBool> };
export type OwnerPageInput = { orgId: string; take: number; filters: RawBuilder<SqlBool>[]; after: OwnerCursor | undefined };

/** The contact's owner's name, with the list's collation. */
const OWNER_KEY = sql`(SELECT u.name FROM users u WHERE u.org_id = c.org_id AND u.id = c.owner_id) COLLATE "unicode"`;

/** The owner order's key columns of `c`, their ORDER BY, and the condition "after the cursor", for a plain sort. */
function ownerKeyOrder(after: OwnerCursor | undefined): { columns: RawBuilder<unknown>; order: RawBuilder<unknown>; after?: RawBuilder<SqlBool> } {
  return {
    columns: sql`${OWNER_KEY} AS owner_key, c.owner_id, c.sort_name, c.id`,
    order: sql`1, 2, 3, 4`,
    ...(after ? {
      after: sql<SqlBool>`(${OWNER_KEY}, c.owner_id, c.sort_name, c.id) > (${need(after.ownerName, 'owner name')}, ${need(after.ownerId, 'owner')}::uuid, ${need(after.sortName, 'name')}, ${after.id}::uuid)`,
    } : {}),
  };
}

function need(value: string | undefined, what: string): string {
  if (value === undefined) throw new Error(`contact-owner-page: the cursor has no ${what}`);
  return value;
}

type Parts = { orgId: string; take: RawBuilder<unknown>; filters: RawBuilder<SqlBool>[]; after: OwnerCursor | undefined };

/** SELECT the key from `c` where all of `where` holds, in key order (the owner set to one: name order). */
function scan(p: Parts, where: RawBuilder<SqlBool>[], order: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`(SELECT ${OWNER_KEY} AS owner_key, c.owner_id, c.sort_name, c.id FROM contacts c
    WHERE c.org_id = ${p.orgId} AND ${sql.join([...where, ...p.filters], sql` AND `)} ORDER BY ${order} LIMIT ${p.take})`;
}

function oneOwner(p: Parts, owner: string, where: RawBuilder<SqlBool>): RawBuilder<unknown> {
  const at = p.after;
  if (!at) return scan(p, [where], sql`c.sort_name, c.id`);
  if (need(at.ownerId, 'owner') === owner) {
    return scan(p, [where, sql<SqlBool>`(c.sort_name, c.id) > (${need(at.sortName, 'name')}, ${at.id}::uuid)`], sql`c.sort_name, c.id`);
  }
  const ownerKey = sql`(SELECT u.name FROM users u WHERE u.org_id = ${p.orgId} AND u.id = ${owner}::uuid) COLLATE "unicode"`;
  return scan(p, [where, sql<SqlBool>`(${ownerKey}, ${owner}::uuid) > (${need(at.ownerName, 'owner name')}, ${at.ownerId}::uuid)`], sql`c.sort_name, c.id`);
}

function byUsers(p: Parts, branch: Branch, where: RawBuilder<SqlBool>): RawBuilder<unknown> {
  const at = p.after;
  const inner = renderCondition(branchCondition({ ...branch, owners: null }, { org: true }), CONTACTS);
  const users = [sql<SqlBool>`u.org_id = ${p.orgId}`];
  if (branch.owners) users.push(sql<SqlBool>`u.id = ANY(${branch.owners}::uuid[])`);
  if (at) users.push(sql<SqlBool>`(u.name COLLATE "unicode", u.id) > (${need(at.ownerName, 'owner name')}, ${need(at.ownerId, 'owner')}::uuid)`);
  // Users in key order, so the nested loop comes out ordered by (owner_key, owner) and an incremental sort orders
  // each owner's few rows: the walk stops after the page instead of scanning every owner's book.
  const walk = sql`(SELECT u.k AS owner_key, u.id AS owner_id, x.sort_name, x.id
    FROM (SELECT u.id, u.name COLLATE "unicode" AS k FROM users u WHERE ${sql.join(users, sql` AND `)} ORDER BY 2, 1) u
    CROSS JOIN LATERAL (SELECT c.sort_name, c.id FROM contacts c
      WHERE c.org_id = ${p.orgId} AND c.owner_id = u.id AND ${sql.join([inner, ...p.filters], sql` AND `)}
      ORDER BY c.sort_name, c.id LIMIT ${p.take}) x
    ORDER BY u.k, u.id, x.sort_name, x.id LIMIT ${p.take})`;
  if (!at) return walk;
  // The rest of the cursor's own owner: a range of that owner's name index.
  const rest = scan(p, [where, sql<SqlBool>`c.owner_id = ${at.ownerId}::uuid`, sql<SqlBool>`(c.sort_name, c.id) > (${need(at.sortName, 'name')}, ${at.id}::uuid)`], sql`c.sort_name, c.id`);
  return sql`${walk}\n  UNION\n  ${rest}`;
}

function sorted(p: Parts, where: RawBuilder<SqlBool>): RawBuilder<unknown> {
  const order = ownerKeyOrder(p.after);
  return scan(p, order.after ? [where, order.after] : [where], order.order);
}

/**
 * The page's keys in owner order (owner_key, owner_id, sort_name, id), each branch as above, merged by the key and
 * cut; null when there is no branch.
 */
export function ownerOrderKeys(input: OwnerPageInput, branches: readonly OwnerBranch[]): RawBuilder<unknown> | null {
  if (branches.length === 0) return null;
  const p: Parts = { orgId: input.orgId, take: sql.lit(input.take), filters: input.filters, after: input.after };
  const parts = branches.map(({ branch, where }) => {
    if (branch === null) return sorted(p, where);
    const [owner] = branch.owners ?? [];
    const walkable = branch.ids === null && branch.shared.length === 0;
    if (walkable && branch.buckets.length === 0 && branch.owners?.length === 1 && owner !== undefined) return oneOwner(p, owner, where);
    if (walkable) return byUsers(p, branch, where);
    return sorted(p, where);
  });
  return sql`SELECT * FROM (
  ${sql.join(parts, sql`\n  UNION\n  `)}) AS k
  ORDER BY owner_key, owner_id, sort_name, id LIMIT ${p.take}`;
}
