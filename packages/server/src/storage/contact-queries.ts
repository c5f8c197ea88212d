// Reads of contacts with the facts the core needs to decide on each row. Lists are filtered only by a ListPolicy the
// domain compiled with @tandem/core, which this file renders for the contacts table (render-filter.ts, CONTACTS);
// levels and actions per row are then computed by the core.
import { compileFilter, type ActorContext, type ContactAction, type ListPolicy } from '@tandem/core';
import { sql, type SqlBool } from 'kysely';
import type { Db } from './connect.ts';
import { factColumns, toContactWithFacts, type ContactWithFacts, type RawRow } from './contact-facts.ts';
import { CONTACTS, renderPolicy } from './render-filter.ts';

// The row and facts shapes live in contact-facts.ts, the by-id read in contact-read.ts; re-exported for callers.
export { contactState, type ContactRow, type ContactWithFacts } from './contact-facts.ts';
export { loadContacts } from './contact-read.ts';
export { isUuid } from './ids.ts';

export type ListScope = 'active' | 'archived' | 'trashed';
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
/** The former one-call shape: the action and state the policy is compiled from, with the page. */
export type ListQuery = PageQuery & { action?: ContactAction; scope: ListScope };

function searchCondition(q: string) {
  const prefix = q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`);
  return sql<SqlBool>`(c.sort_name LIKE ${`${prefix}%`} OR c.emails @> ARRAY[${q.toLowerCase()}]::text[])`;
}

/**
 * One keyset page, sorted by name, of the contacts `policy` lets through (compiled by the domain: compileFilter(ctx,
 * action, [state])). Returns `limit + 1` rows at most so the caller can tell whether a next page exists.
 */
export async function selectContacts(db: Db, ctx: ActorContext, policy: ListPolicy, query: PageQuery): Promise<ContactWithFacts[]> {
  if (policy.kind === 'denied') return [];
  const parts = [renderPolicy(policy, CONTACTS, ctx.actor.orgId)];
  if (query.q) parts.push(searchCondition(query.q));
  if (query.ownerId) parts.push(sql<SqlBool>`c.owner_id = ${query.ownerId}`);
  if (query.notOwnerId) parts.push(sql<SqlBool>`c.owner_id <> ${query.notOwnerId}`);
  if (query.bucketId) {
    parts.push(sql<SqlBool>`EXISTS (SELECT 1 FROM bucket_contacts fb
      WHERE fb.org_id = c.org_id AND fb.bucket_id = ${query.bucketId} AND fb.contact_id = c.id)`);
  }
  if (query.after) parts.push(sql<SqlBool>`(c.sort_name, c.id) > (${query.after.sortName}, ${query.after.id}::uuid)`);
  const result = await sql<RawRow>`SELECT c.*, ${factColumns(ctx)} FROM contacts c
    WHERE c.org_id = ${ctx.actor.orgId} AND ${sql.join(parts, sql` AND `)}
    ORDER BY c.sort_name, c.id LIMIT ${query.limit + 1}`.execute(db);
  return result.rows.map(toContactWithFacts);
}

/** Counts without naming (e.g. the contacts of a pipeline stage the viewer cannot see), under a compiled policy. */
export async function countContactsWhere(db: Db, orgId: string, policy: ListPolicy): Promise<number> {
  if (policy.kind === 'denied') return 0;
  const result = await sql<{ n: string }>`SELECT count(*)::text AS n FROM contacts c
    WHERE c.org_id = ${orgId} AND ${renderPolicy(policy, CONTACTS, orgId)}`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

/**
 * @deprecated Compiles the policy inside storage. Kept for callers not yet moved (the storage contract suite, the
 * CLI test); the domain compiles above storage and calls `selectContacts`.
 */
export async function listContacts(db: Db, ctx: ActorContext, query: ListQuery): Promise<ContactWithFacts[]> {
  return selectContacts(db, ctx, compileFilter(ctx, query.action ?? 'contact.view', [query.scope]), query);
}

/** @deprecated As `listContacts`: use `countContactsWhere` with a policy compiled above storage. */
export async function countContacts(db: Db, ctx: ActorContext, action: ContactAction, scope: ListScope): Promise<number> {
  return countContactsWhere(db, ctx.actor.orgId, compileFilter(ctx, action, [scope]));
}

export function sortNameOf(name: string): string {
  return name.trim().toLowerCase();
}
