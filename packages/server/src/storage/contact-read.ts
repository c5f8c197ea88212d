// The by-id read of contacts: rows of the actor's org with the facts the core decides from and the owner's name
// (contact-facts.ts), in one statement, and the same with a page of the contact's history in one statement. Both
// are prepared on PostgreSQL (storage/prepared.ts): their text does not depend on the caller.
import type { ActorContext } from '@tandem/core';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from './connect.ts';
import { contactColumns, factColumns, toContactWithFacts, type ContactWithFacts, type RawRow } from './contact-facts.ts';
import { eventsOf, historyPageColumn, type EventCursor, type EventWithNames } from './history-queries.ts';
import { isUuid } from './ids.ts';
import { prepared } from './prepared.ts';

/**
 * Loads contacts of the actor's org by id with their facts. Ids of other orgs or malformed ids are absent. One id (a
 * check) is the prepared `contact_by_id`, written `c.id = $n` so PostgreSQL settles on a generic plan (an `= ANY($n)`
 * is estimated at ten rows, so its generic plan looks dearer than a custom one and every run would be planned again);
 * several ids (bulk adds) are one unnamed `= ANY` statement.
 */
export async function loadContacts(db: Db, ctx: ActorContext, ids: string[]): Promise<Map<string, ContactWithFacts>> {
  const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
  const out = new Map<string, ContactWithFacts>();
  if (wanted.length === 0) return out;
  const which = wanted.length === 1
    ? sql`${prepared('contact_by_id')} SELECT ${contactColumns}, ${factColumns(ctx)} FROM contacts c
      WHERE c.org_id = ${ctx.actor.orgId} AND c.id = ${wanted[0]}::uuid`
    : sql`SELECT ${contactColumns}, ${factColumns(ctx)} FROM contacts c
      WHERE c.org_id = ${ctx.actor.orgId} AND c.id = ANY(${wanted}::uuid[])`;
  const result = await (which as RawBuilder<RawRow>).execute(db);
  for (const raw of result.rows) {
    const item = toContactWithFacts(raw);
    out.set(item.row.id, item);
  }
  return out;
}

/** One contact by id with its facts, or undefined (another org's, unknown or malformed id). */
export async function loadContact(db: Db, ctx: ActorContext, id: string): Promise<ContactWithFacts | undefined> {
  return (await loadContacts(db, ctx, [id])).get(id.toLowerCase());
}

export type ContactWithHistory = { contact: ContactWithFacts; events: EventWithNames[] };

/**
 * One contact with its facts and a page of its history (up to `limit + 1` events, newest first, after `after`), in
 * one statement. The page is read before the caller judges the contact: the caller must check its access first
 * and show the events only when allowed (a refused caller's page is dropped unseen; it costs at most `limit + 1`
 * rows of the index, and saves the allowed caller a round trip).
 */
export async function loadContactWithHistory(db: Db, ctx: ActorContext, id: string, limit: number, after?: EventCursor): Promise<ContactWithHistory | undefined> {
  if (!isUuid(id)) return undefined;
  const name = after ? 'contact_history_after' : 'contact_history_page';
  const result = await sql<RawRow & { history: unknown }>`${prepared(name)} SELECT ${contactColumns}, ${factColumns(ctx)},
      ${historyPageColumn(limit, after)} AS history
    FROM contacts c WHERE c.org_id = ${ctx.actor.orgId} AND c.id = ${id.toLowerCase()}::uuid`.execute(db);
  const raw = result.rows[0];
  if (!raw) return undefined;
  const { history, ...row } = raw;
  return { contact: toContactWithFacts(row), events: eventsOf(history) };
}
