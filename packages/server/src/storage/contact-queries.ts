// Reads of contacts with the facts the core needs to decide on each row. Lists are filtered only by a ListPolicy the
// domain compiled with @tandem/core, which this file renders for the contacts table (render-filter.ts, CONTACTS);
// levels and actions per row are then computed by the core.
import {
  compileFilter, levelFromRank, type ActorContext, type ContactAction, type ContactFacts, type ContactState,
  type ListPolicy, type RecordShareFact,
} from '@tandem/core';
import { sql, type SqlBool } from 'kysely';
import type { Db } from './connect.ts';
import { isUuid } from './ids.ts';
import { granteeOf, ms } from './load-actor-context.ts';
import { CONTACTS, renderPolicy } from './render-filter.ts';

export type ContactRow = {
  org_id: string; id: string; owner_id: string; name: string; sort_name: string; company: string | null;
  title: string | null; emails: string[]; phones: string[]; tags: string[]; address: string | null;
  archived_at: Date | null; trashed_at: Date | null; created_at: Date; updated_at: Date;
};
type ShareJson = {
  id: string; level: number; grantee_user_id: string | null; grantee_team_id: string | null;
  starts_at: string | null; expires_at: string | null; created_by: string | null; created_at: string;
};
export type ContactWithFacts = { row: ContactRow; facts: ContactFacts };

export { isUuid } from './ids.ts';

export function contactState(row: { archived_at: Date | null; trashed_at: Date | null }): ContactState {
  if (row.trashed_at) return 'trashed';
  return row.archived_at ? 'archived' : 'active';
}

/** The actor's bucket ids: only memberships in these buckets can matter to a decision. */
function bucketIdsOf(ctx: ActorContext): string[] {
  return [...new Set(ctx.bucketShares.map((s) => s.bucketId))];
}

/** Subqueries that bring each contact's shares naming the actor and its buckets the actor has shares of. */
function factColumns(ctx: ActorContext) {
  const { userId, teamIds } = ctx.actor;
  return sql`
    COALESCE((SELECT json_agg(json_build_object('id', s.id, 'level', s.level, 'grantee_user_id', s.grantee_user_id,
        'grantee_team_id', s.grantee_team_id, 'starts_at', s.starts_at, 'expires_at', s.expires_at,
        'created_by', s.created_by, 'created_at', s.created_at))
      FROM contact_shares s WHERE s.org_id = c.org_id AND s.contact_id = c.id
        AND (s.grantee_user_id = ${userId} OR s.grantee_team_id = ANY(${[...teamIds]}::uuid[]))), '[]'::json) AS fact_shares,
    COALESCE((SELECT array_agg(bc.bucket_id) FROM bucket_contacts bc WHERE bc.org_id = c.org_id AND bc.contact_id = c.id
        AND bc.bucket_id = ANY(${bucketIdsOf(ctx)}::uuid[])), '{}'::uuid[]) AS fact_bucket_ids`;
}

type RawRow = ContactRow & { fact_shares: ShareJson[] | string; fact_bucket_ids: string[] | string };

function parseUuidArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  return value.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
}

function toContactWithFacts(raw: RawRow): ContactWithFacts {
  const { fact_shares, fact_bucket_ids, ...row } = raw;
  const shares = (typeof fact_shares === 'string' ? JSON.parse(fact_shares) : fact_shares) as ShareJson[];
  return {
    row,
    facts: {
      id: row.id, orgId: row.org_id, ownerId: row.owner_id, state: contactState(row),
      shares: shares.map((s): RecordShareFact => ({
        id: s.id, contactId: row.id, grantee: granteeOf(s), level: levelFromRank(s.level) as RecordShareFact['level'],
        startsAt: ms(s.starts_at), expiresAt: ms(s.expires_at), grantedBy: s.created_by, grantedAt: new Date(s.created_at).getTime(),
      })),
      bucketIds: parseUuidArray(fact_bucket_ids),
    },
  };
}

/** Loads contacts of the actor's org by id with their facts. Ids of other orgs or malformed ids are absent. */
export async function loadContacts(db: Db, ctx: ActorContext, ids: string[]): Promise<Map<string, ContactWithFacts>> {
  const wanted = ids.filter(isUuid);
  const out = new Map<string, ContactWithFacts>();
  if (wanted.length === 0) return out;
  const result = await sql<RawRow>`SELECT c.*, ${factColumns(ctx)} FROM contacts c
    WHERE c.org_id = ${ctx.actor.orgId} AND c.id = ANY(${wanted}::uuid[])`.execute(db);
  for (const raw of result.rows) {
    const item = toContactWithFacts(raw);
    out.set(item.row.id, item);
  }
  return out;
}

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
