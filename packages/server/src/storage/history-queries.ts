// A contact's communication history (contact_events): messages, notes and calls, newest first, keyset paged on
// (created_at DESC, id DESC), which the index contact_events_contact_idx serves directly. A page is read in the
// statement that reads its contact (contact-read.ts, `loadContactWithHistory`), with the names it shows.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from './connect.ts';
import { epochMs } from './load-actor-context.ts';

export type EventKind = 'message' | 'note' | 'call';
export type EventRow = {
  id: string; contact_id: string; kind: EventKind; body: string; channel: string | null; sent_by: string | null;
  on_behalf_of: string | null; created_at: Date;
  direction: 'outbound' | 'inbound' | null; subject: string | null; status: 'queued' | 'sent' | 'failed' | null;
  error: string | null; from_address: string | null; to_address: string | null; sent_at: Date | null;
  /** created_at with full (microsecond) precision, for the cursor. */
  at_key: string;
};
export type EventCursor = { at: string; id: string };
/** An event with the names a history item shows: its sender's and the owner it was sent for ('' when missing). */
export type EventWithNames = { row: EventRow; sentByName: string; onBehalfOfName: string | null };
export type NewEvent = {
  contactId: string; kind: EventKind; body: string; channel: string | null; sentBy: string; onBehalfOf: string | null;
  /** Outbound messages: their delivery as stored at send time (queued, or sent for seeded history). */
  delivery?: { subject: string | null; status: 'queued' | 'sent'; fromAddress: string | null; toAddress: string | null; sentAt: number | null };
  /** A message written from a template (the composer's `templateId`): which one. */
  templateId?: string | null;
};

const AT_KEY = sql<string>`to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export async function insertEvent(trx: Db, orgId: string, event: NewEvent, now: number): Promise<EventRow> {
  return trx.insertInto('contact_events').values({
    org_id: orgId, contact_id: event.contactId, kind: event.kind, body: event.body,
    channel: event.channel as 'email' | 'sms' | null, direction: event.kind === 'message' ? 'outbound' : null,
    sent_by: event.sentBy, on_behalf_of: event.onBehalfOf, created_at: new Date(now),
    ...(event.templateId ? { template_id: event.templateId } : {}),
    ...(event.delivery ? {
      subject: event.delivery.subject, status: event.delivery.status, from_address: event.delivery.fromAddress,
      to_address: event.delivery.toAddress, sent_at: event.delivery.sentAt === null ? null : new Date(event.delivery.sentAt),
    } : {}),
  }).returning(['id', 'contact_id', 'kind', 'body', 'channel', 'sent_by', 'on_behalf_of', 'created_at', 'direction', 'subject',
    'status', 'error', 'from_address', 'to_address', 'sent_at', AT_KEY.as('at_key')])
    .executeTakeFirstOrThrow();
}

type EventJson = Omit<EventRow, 'created_at' | 'sent_at'> & { created_at: number; sent_at: number | null; sent_by_name: string | null; on_behalf_of_name: string | null };

/**
 * One page of the history of the contact `c` (an alias of the enclosing statement), newest first, as a JSON array of
 * up to `limit + 1` events with their names: a correlated subquery, so the page comes in the statement that brings
 * the contact. Its text depends only on whether there is a cursor (two texts: each can be a prepared statement).
 */
export function historyPageColumn(limit: number, after?: EventCursor): RawBuilder<unknown> {
  const before = after ? sql`AND (ev.created_at, ev.id) < (${after.at}::timestamptz, ${after.id}::uuid)` : sql``;
  return sql`COALESCE((SELECT json_agg(json_build_object('id', e.id, 'contact_id', e.contact_id, 'kind', e.kind, 'body', e.body,
        'channel', e.channel, 'sent_by', e.sent_by, 'on_behalf_of', e.on_behalf_of, 'direction', e.direction,
        'subject', e.subject, 'status', e.status, 'error', e.error, 'from_address', e.from_address,
        'to_address', e.to_address, 'sent_at', ${epochMs('e.sent_at')},
        'created_at', ${epochMs('e.created_at')}, 'at_key', e.at_key,
        'sent_by_name', (SELECT su.name FROM users su WHERE su.org_id = e.org_id AND su.id = e.sent_by),
        'on_behalf_of_name', (SELECT bu.name FROM users bu WHERE bu.org_id = e.org_id AND bu.id = e.on_behalf_of))
      ORDER BY e.created_at DESC, e.id DESC)
    FROM (SELECT ev.*, ${AT_KEY} AS at_key FROM contact_events ev
      WHERE ev.org_id = c.org_id AND ev.contact_id = c.id ${before}
      ORDER BY ev.created_at DESC, ev.id DESC LIMIT ${limit + 1}::int) e), '[]'::json)`;
}

/** The events of a `historyPageColumn`, as they came (json, or its text on PGlite). */
export function eventsOf(value: unknown): EventWithNames[] {
  const items = (typeof value === 'string' ? JSON.parse(value) : value) as EventJson[];
  return items.map(({ sent_by_name, on_behalf_of_name, created_at, sent_at, ...rest }) => ({
    row: { ...rest, created_at: new Date(created_at), sent_at: sent_at === null ? null : new Date(sent_at) },
    sentByName: sent_by_name ?? '',
    onBehalfOfName: rest.on_behalf_of ? on_behalf_of_name ?? '' : null,
  }));
}
