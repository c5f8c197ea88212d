// Reads of contacts with the facts the core needs to decide on each row. Lists are filtered only by a ListPolicy the
// domain compiled with @tandem/core, which this file renders for the contacts table (render-filter.ts, CONTACTS);
// levels and actions per row are then computed by the core.
import { compileFilter, type ActorContext, type ContactAction, type ListPolicy } from '@tandem/core';
import { sql } from 'kysely';
import type { Db } from './connect.ts';
import { actorBucketSet, factColumns, toContactWithFacts, type ContactWithFacts, type RawRow } from './contact-facts.ts';
import { contactPageQuery, type PageQuery } from './contact-page.ts';
import { CONTACTS, renderPolicy } from './render-filter.ts';

// The row and facts shapes live in contact-facts.ts, the by-id read in contact-read.ts; re-exported for callers.
export { contactState, type ContactRow, type ContactWithFacts } from './contact-facts.ts';
export { loadContacts } from './contact-read.ts';
export { isUuid } from './ids.ts';

export type ListScope = 'active' | 'archived' | 'trashed';
export type { Cursor, PageQuery } from './contact-page.ts';
/** The former one-call shape: the action and state the policy is compiled from, with the page. */
export type ListQuery = PageQuery & { action?: ContactAction; scope: ListScope };

/**
 * One keyset page, sorted by name, of the contacts `policy` lets through (compiled by the domain: compileFilter(ctx,
 * action, [state])). Returns `limit + 1` rows at most so the caller can tell whether a next page exists. The page
 * is a UNION of index-ordered scans, one per way in (contact-page.ts); counts keep the one-WHERE form.
 */
export async function selectContacts(db: Db, ctx: ActorContext, policy: ListPolicy, query: PageQuery): Promise<ContactWithFacts[]> {
  const page = contactPageQuery<RawRow>(ctx.actor.orgId, policy, query, sql`c.*, ${factColumns(ctx)}`);
  if (!page) return [];
  const result = await page.execute(db);
  const buckets = actorBucketSet(ctx);
  return result.rows.map((raw) => toContactWithFacts(raw, buckets));
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
