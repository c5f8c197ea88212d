// Reads of contacts with the facts the core needs to decide on each row. Lists are filtered only by a ListPolicy the
// domain compiled with @tandem/core, which this file renders for the contacts table (render-filter.ts, CONTACTS);
// levels and actions per row are then computed by the core. Searches, filters, sorts and the capped count narrow
// that policy inside every branch of it (contact-page.ts), never widen it.
import { compileFilter, type ActorContext, type ContactAction, type ListPolicy } from '@tandem/core';
import { sql } from 'kysely';
import type { Db } from './connect.ts';
import { contactColumns, factColumns, toContactWithFacts, type ContactWithFacts, type RawRow } from './contact-facts.ts';
import { COUNT_CAP, contactCountQuery, contactPageQuery, timeKeyText, type Cursor, type PageQuery } from './contact-page.ts';
import { searchPatternsOf } from './contact-search.ts';
import { CONTACTS, renderPolicy } from './render-filter.ts';

// The row and facts shapes live in contact-facts.ts, the by-id read in contact-read.ts; re-exported for callers.
export { contactState, type ContactRow, type ContactWithFacts } from './contact-facts.ts';
export { loadContacts } from './contact-read.ts';
export { isUuid } from './ids.ts';

export type ListScope = 'active' | 'archived' | 'trashed';
export { COUNT_CAP, LIST_SORTS, type Cursor, type ListSort, type PageQuery } from './contact-page.ts';
/** A page as the domain asks for it: the filters and sort of PageQuery, and the search as typed (`q`). */
export type ListRequest = Omit<PageQuery, 'search'> & { q?: string };
/** The former one-call shape: the action and state the policy is compiled from, with the page. */
export type ListQuery = ListRequest & { action?: ContactAction; scope: ListScope };
/** A listed contact with its keys in the page's sort: the next page's cursor, when it is the page's last row. */
export type ListedContact = ContactWithFacts & { key: Cursor };

type PageRow = RawRow & { page_at?: string };

/** The request as storage pages it: `q` folded into search patterns (contact-search.ts). */
async function pageQueryOf(db: Db, request: ListRequest): Promise<PageQuery> {
  const { q, ...rest } = request;
  const search = q ? await searchPatternsOf(db, q) : [];
  return search.length > 0 ? { ...rest, search } : rest;
}

function keyOf(item: ContactWithFacts, query: PageQuery, pageAt: string | undefined): Cursor {
  const { row } = item;
  switch (query.sort ?? 'name') {
    case 'owner':
      return { ownerName: item.ownerName, ownerId: row.owner_id, sortName: row.sort_name, id: row.id };
    case 'created':
    case 'activity':
      return { at: pageAt ?? '', id: row.id };
    default:
      return { sortName: row.sort_name, id: row.id };
  }
}

/**
 * One keyset page, in the request's sort, of the contacts `policy` lets through (compiled by the domain:
 * compileFilter(ctx, action, [state])). Returns `limit + 1` rows at most so the caller can tell whether a next page
 * exists. The page is a UNION of index-ordered scans, one per way in (contact-page.ts).
 */
export async function selectContacts(db: Db, ctx: ActorContext, policy: ListPolicy, request: ListRequest): Promise<ListedContact[]> {
  const query = await pageQueryOf(db, request);
  const sort = query.sort ?? 'name';
  // The time key, exact to the microsecond, for the next page's cursor.
  const at = sort === 'created' || sort === 'activity' ? sql`, ${timeKeyText(sort)} AS page_at` : sql``;
  const page = contactPageQuery<PageRow>(ctx.actor.orgId, policy, query, sql`${contactColumns}, ${factColumns(ctx)}${at}`);
  if (!page) return [];
  const result = await page.execute(db);
  return result.rows.map(({ page_at, ...raw }) => {
    const item = toContactWithFacts(raw);
    return { ...item, key: keyOf(item, query, page_at) };
  });
}

/** A count that stays cheap: exact up to `COUNT_CAP`, else `{ count: COUNT_CAP, capped: true }` ("1,000+"). */
export type CappedCount = { count: number; capped: boolean };

/** How many contacts the page's policy, search and filters let through (the sort and cursor do not count), capped. */
export async function countListed(db: Db, ctx: ActorContext, policy: ListPolicy, request: ListRequest, cap = COUNT_CAP): Promise<CappedCount> {
  const query = contactCountQuery(ctx.actor.orgId, policy, await pageQueryOf(db, request), cap);
  if (!query) return { count: 0, capped: false };
  const n = Number((await query.execute(db)).rows[0]?.n ?? 0);
  return n > cap ? { count: cap, capped: true } : { count: n, capped: false };
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
export async function listContacts(db: Db, ctx: ActorContext, query: ListQuery): Promise<ListedContact[]> {
  return selectContacts(db, ctx, compileFilter(ctx, query.action ?? 'contact.view', [query.scope]), query);
}

/** @deprecated As `listContacts`: use `countContactsWhere` with a policy compiled above storage. */
export async function countContacts(db: Db, ctx: ActorContext, action: ContactAction, scope: ListScope): Promise<number> {
  return countContactsWhere(db, ctx.actor.orgId, compileFilter(ctx, action, [scope]));
}

export function sortNameOf(name: string): string {
  return name.trim().toLowerCase();
}
