// A contact row with the facts the core decides from, as seen by one actor: the shares naming the actor or their
// teams, and the contact's memberships in buckets the actor holds a share of; and its owner's name, which every
// view shows. Shared by the by-id read (contact-read.ts) and the lists (contact-queries.ts), so both bring exactly
// the same facts in the statement that brings the rows.
import { levelFromRank, type ActorContext, type ContactFacts, type ContactState, type RecordShareFact } from '@tandem/core';
import { sql } from 'kysely';
import { granteeOf, ms } from './load-actor-context.ts';

export type ContactRow = {
  org_id: string; id: string; owner_id: string; name: string; sort_name: string; company: string | null;
  title: string | null; emails: string[]; phones: string[]; tags: string[]; address: string | null;
  archived_at: Date | null; trashed_at: Date | null; created_at: Date; updated_at: Date;
};
type ShareJson = {
  id: string; level: number; grantee_user_id: string | null; grantee_team_id: string | null;
  starts_at: string | null; expires_at: string | null; created_by: string | null; created_at: string;
};
/** `ownerName` is the owner's name at read time ('' if the owner row were missing, which the schema prevents). */
export type ContactWithFacts = { row: ContactRow; facts: ContactFacts; ownerName: string };

export function contactState(row: { archived_at: Date | null; trashed_at: Date | null }): ContactState {
  if (row.trashed_at) return 'trashed';
  return row.archived_at ? 'archived' : 'active';
}

/** The actor's bucket ids: only memberships in these buckets can matter to a decision. */
function bucketIdsOf(ctx: ActorContext): string[] {
  return [...new Set(ctx.bucketShares.map((s) => s.bucketId))];
}

/**
 * Subqueries that bring each contact's shares naming the actor, its buckets the actor has shares of, and its owner's
 * name. Their text does not depend on the actor (the actor's ids and buckets are array parameters).
 */
export function factColumns(ctx: ActorContext) {
  const { userId, teamIds } = ctx.actor;
  return sql`
    COALESCE((SELECT json_agg(json_build_object('id', s.id, 'level', s.level, 'grantee_user_id', s.grantee_user_id,
        'grantee_team_id', s.grantee_team_id, 'starts_at', s.starts_at, 'expires_at', s.expires_at,
        'created_by', s.created_by, 'created_at', s.created_at))
      FROM contact_shares s WHERE s.org_id = c.org_id AND s.contact_id = c.id
        AND (s.grantee_user_id = ${userId} OR s.grantee_team_id = ANY(${[...teamIds]}::uuid[]))), '[]'::json) AS fact_shares,
    COALESCE((SELECT array_agg(bc.bucket_id) FROM bucket_contacts bc WHERE bc.org_id = c.org_id AND bc.contact_id = c.id
        AND bc.bucket_id = ANY(${bucketIdsOf(ctx)}::uuid[])), '{}'::uuid[]) AS fact_bucket_ids,
    (SELECT ou.name FROM users ou WHERE ou.org_id = c.org_id AND ou.id = c.owner_id) AS owner_name`;
}

export type RawRow = ContactRow & { fact_shares: ShareJson[] | string; fact_bucket_ids: string[] | string; owner_name: string | null };

function parseUuidArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  return value.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
}

export function toContactWithFacts(raw: RawRow): ContactWithFacts {
  const { fact_shares, fact_bucket_ids, owner_name, ...row } = raw;
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
    ownerName: owner_name ?? '',
  };
}
