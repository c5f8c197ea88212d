// A contact row with the facts the core decides from, as seen by one actor: the shares naming the actor or their
// teams, and the contact's memberships in buckets the actor holds a share of; and its owner's name, which every
// view shows. Shared by the by-id read (contact-read.ts) and the lists (contact-queries.ts), so both bring exactly
// the same facts in the statement that brings the rows.
import { levelFromRank, type ActorContext, type ContactFacts, type ContactState, type RecordShareFact } from '@tandem/core';
import { sql } from 'kysely';
import { epochMs, granteeOf, ms } from './load-actor-context.ts';

export type ContactRow = {
  org_id: string; id: string; owner_id: string; name: string; sort_name: string; company: string | null;
  title: string | null; emails: string[]; phones: string[]; tags: string[]; address: string | null;
  archived_at: Date | null; trashed_at: Date | null; created_at: Date; updated_at: Date;
  /** The latest history event's time; null when the contact has none. */
  last_activity_at: Date | null;
};

const CONTACT_COLUMN_NAMES = [
  'org_id', 'id', 'owner_id', 'name', 'sort_name', 'company', 'title', 'emails', 'phones', 'tags', 'address',
  'archived_at', 'trashed_at', 'created_at', 'updated_at', 'last_activity_at',
] as const satisfies readonly (keyof ContactRow)[];
/** Compile-time: every column of ContactRow is in the list above. */
const everyColumnNamed: Exclude<keyof ContactRow, (typeof CONTACT_COLUMN_NAMES)[number]> extends never ? true : never = true;
void everyColumnNamed;

/**
 * The columns of a ContactRow of `c`, by name rather than `c.*`: a prepared statement keeps its result type when a
 * migration adds a column to contacts (with `c.*` PostgreSQL would refuse to run it: "cached plan must not change
 * result type"). `last_activity_at` is '-infinity' in the table for a contact without history; rows carry null.
 */
export const contactColumns = sql.raw(CONTACT_COLUMN_NAMES
  .map((name) => (name === 'last_activity_at' ? `NULLIF(c.${name}, '-infinity') AS ${name}` : `c.${name}`)).join(', '));
type ShareJson = {
  id: string; level: number; grantee_user_id: string | null; grantee_team_id: string | null;
  starts_at: number | null; expires_at: number | null; created_by: string | null; created_at: number;
};
/** `ownerName` is the owner's name at read time ('' if the owner row were missing, which the schema prevents). */
export type ContactWithFacts = { row: ContactRow; facts: ContactFacts; ownerName: string };

export function contactState(row: { archived_at: Date | null; trashed_at: Date | null }): ContactState {
  if (row.trashed_at) return 'trashed';
  return row.archived_at ? 'archived' : 'active';
}

/** The actor's bucket ids: only memberships in these buckets can matter to a decision. */
export function actorBucketSet(ctx: ActorContext): ReadonlySet<string> {
  return new Set(ctx.bucketShares.map((s) => s.bucketId));
}

/**
 * Subqueries that bring each contact's shares naming the actor, its memberships in the actor's shared buckets, and its
 * owner's name. Memberships come as one comma-separated text (splitting a string costs Node far less than parsing a
 * uuid[] literal), read from the contact's range of `bucket_contacts_contact_idx` (org_id, contact_id) with the bucket
 * as an included column, so the actor's buckets are a filter on that range, never index searches (with the bucket in
 * the key, PostgreSQL 18 searched the index once per bucket of the actor: 56 searches a row for an admin with 118
 * bucket shares, and a generic plan of the by-id read probed 134 times). An actor without bucket shares gets no
 * subquery at all. The statement's text depends only on that (the actor's ids are array parameters).
 */
export function factColumns(ctx: ActorContext) {
  const { userId, teamIds } = ctx.actor;
  const actorBuckets = [...actorBucketSet(ctx)];
  const buckets = actorBuckets.length === 0
    ? sql`''`
    : sql`COALESCE((SELECT string_agg(bc.bucket_id::text, ',') FROM bucket_contacts bc WHERE bc.org_id = c.org_id AND bc.contact_id = c.id
        AND bc.bucket_id = ANY(${actorBuckets}::uuid[])), '')`;
  return sql`
    COALESCE((SELECT json_agg(json_build_object('id', s.id, 'level', s.level, 'grantee_user_id', s.grantee_user_id,
        'grantee_team_id', s.grantee_team_id, 'starts_at', ${epochMs('s.starts_at')}, 'expires_at', ${epochMs('s.expires_at')},
        'created_by', s.created_by, 'created_at', ${epochMs('s.created_at')}))
      FROM contact_shares s WHERE s.org_id = c.org_id AND s.contact_id = c.id
        AND (s.grantee_user_id = ${userId} OR s.grantee_team_id = ANY(${[...teamIds]}::uuid[]))), '[]'::json) AS fact_shares,
    ${buckets} AS fact_bucket_ids,
    (SELECT ou.name FROM users ou WHERE ou.org_id = c.org_id AND ou.id = c.owner_id) AS owner_name`;
}

export type RawRow = ContactRow & { fact_shares: ShareJson[] | string; fact_bucket_ids: string; owner_name: string | null };

/** The comma-separated ids of `factColumns` ('' for none). */
function parseIdList(value: string): string[] {
  return value === '' ? [] : value.split(',');
}

/** A row read with `factColumns` (its memberships are already only those in the actor's shared buckets). */
export function toContactWithFacts(raw: RawRow): ContactWithFacts {
  const { fact_shares, fact_bucket_ids, owner_name, ...row } = raw;
  const bucketIds = parseIdList(fact_bucket_ids);
  const shares = (typeof fact_shares === 'string' ? JSON.parse(fact_shares) : fact_shares) as ShareJson[];
  return {
    row,
    facts: {
      id: row.id, orgId: row.org_id, ownerId: row.owner_id, state: contactState(row),
      shares: shares.map((s): RecordShareFact => ({
        id: s.id, contactId: row.id, grantee: granteeOf(s), level: levelFromRank(s.level) as RecordShareFact['level'],
        startsAt: ms(s.starts_at), expiresAt: ms(s.expires_at), grantedBy: s.created_by, grantedAt: s.created_at,
      })),
      bucketIds,
    },
    ownerName: owner_name ?? '',
  };
}
