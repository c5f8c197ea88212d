// A contact's communication history (contact_events): messages, notes and calls, newest first, keyset paged on
// (created_at DESC, id DESC), which the index contact_events_contact_idx serves directly.
import { sql } from 'kysely';
import type { Db } from './connect.ts';

export type EventKind = 'message' | 'note' | 'call';
export type EventRow = {
  id: string; contact_id: string; kind: EventKind; body: string; channel: string | null; sent_by: string;
  on_behalf_of: string | null; created_at: Date;
  /** created_at with full (microsecond) precision, for the cursor. */
  at_key: string;
};
export type EventCursor = { at: string; id: string };
export type NewEvent = { contactId: string; kind: EventKind; body: string; channel: string | null; sentBy: string; onBehalfOf: string | null };

const AT_KEY = sql<string>`to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export async function insertEvent(trx: Db, orgId: string, event: NewEvent, now: number): Promise<EventRow> {
  return trx.insertInto('contact_events').values({
    org_id: orgId, contact_id: event.contactId, kind: event.kind, body: event.body, channel: event.channel,
    sent_by: event.sentBy, on_behalf_of: event.onBehalfOf, created_at: new Date(now),
  }).returning(['id', 'contact_id', 'kind', 'body', 'channel', 'sent_by', 'on_behalf_of', 'created_at', AT_KEY.as('at_key')])
    .executeTakeFirstOrThrow();
}

/** One page, newest first; returns up to `limit + 1` rows so the caller can tell whether there is more. */
export async function listEvents(db: Db, orgId: string, contactId: string, limit: number, after?: EventCursor): Promise<EventRow[]> {
  let query = db.selectFrom('contact_events')
    .select(['id', 'contact_id', 'kind', 'body', 'channel', 'sent_by', 'on_behalf_of', 'created_at', AT_KEY.as('at_key')])
    .where('org_id', '=', orgId).where('contact_id', '=', contactId);
  if (after) query = query.where(sql<boolean>`(created_at, id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
}
