// Tasks and events (migration 0007). Which items a caller sees is the `calendar_item.view` policy the domain compiles
// with @tandem/core, rendered here for the calendar_items table (CALENDAR_ITEMS); every read of several items (a
// window, a contact's items, a task list, a feed) goes through that one rendering. Filters passed beside the policy
// (calendars asked for, a contact, a window) only narrow what it lets through.
import type { ListPolicy } from '@tandem/core';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from './connect.ts';
import { isUuid } from './ids.ts';
import { epochMs } from './load-actor-context.ts';
import { CALENDAR_ITEMS, renderPolicy } from './render-filter.ts';

const DAY = 86_400_000;

export type CalendarItemRow = {
  id: string; assignee_id: string; kind: 'task' | 'event'; title: string; notes: string | null; contact_id: string | null;
  due_at: Date | null; starts_at: Date | null; ends_at: Date | null; all_day: boolean; done_at: Date | null; done_by: string | null;
  recurrence: string | null; time_zone: string | null; reminder_minutes: number[]; created_by: string; created_at: Date;
  updated_at: Date;
  /** `range_start` as epoch ms (Infinity for an undated task): the key lists are ordered and paged by. */
  sort_ms: number;
};

/** What storage keeps for an item: the user's fields and the window columns the domain computed for them. */
export type CalendarItemValues = {
  assignee_id: string; kind: 'task' | 'event'; title: string; notes: string | null; contact_id: string | null;
  due_at: Date | null; starts_at: Date | null; ends_at: Date | null; all_day: boolean; done_at: Date | null; done_by: string | null;
  recurrence: string | null; time_zone: string | null; reminder_minutes: number[];
  /** Epoch ms; Infinity is stored as 'infinity'. */
  range_start: number; range_end: number; long_span: boolean;
};

/** A page position: the sort key (epoch ms, Infinity for undated tasks) and the id. */
export type ItemCursor = { at: number; id: string };

const COLUMNS = sql.raw(`ci.id, ci.assignee_id, ci.kind, ci.title, ci.notes, ci.contact_id, ci.due_at, ci.starts_at, ci.ends_at,
  ci.all_day, ci.done_at, ci.done_by, ci.recurrence, ci.time_zone, ci.reminder_minutes, ci.created_by, ci.created_at, ci.updated_at`);
const SELECT = sql`SELECT ${COLUMNS}, ${epochMs('ci.range_start')} AS sort_ms FROM calendar_items ci`;

/** An instant for SQL: Infinity is 'infinity'. */
function stamp(ms: number): RawBuilder<unknown> {
  return ms === Infinity ? sql`'infinity'::timestamptz` : sql`${new Date(ms).toISOString()}::timestamptz`;
}

function toRow(raw: CalendarItemRow): CalendarItemRow {
  return { ...raw, sort_ms: Number(raw.sort_ms), reminder_minutes: raw.reminder_minutes.map(Number) };
}

async function rowsOf(db: Db, query: RawBuilder<CalendarItemRow>): Promise<CalendarItemRow[]> {
  return (await query.execute(db)).rows.map(toRow);
}

const and = (parts: RawBuilder<SqlBool>[]) => sql.join(parts, sql` AND `);
const after = (cursor: ItemCursor | undefined): RawBuilder<SqlBool>[] =>
  (cursor ? [sql<SqlBool>`(ci.range_start, ci.id) > (${stamp(cursor.at)}, ${cursor.id}::uuid)`] : []);

/** One item of the org by id, optionally locked until the transaction ends (racing writes judge it once). */
export async function loadCalendarItem(db: Db, orgId: string, id: string, o: { forUpdate?: boolean } = {}): Promise<CalendarItemRow | null> {
  if (!isUuid(id)) return null;
  const lock = o.forUpdate ? sql` FOR UPDATE OF ci` : sql``;
  const rows = await rowsOf(db, sql<CalendarItemRow>`${SELECT} WHERE ci.org_id = ${orgId} AND ci.id = ${id.toLowerCase()}::uuid${lock}`);
  return rows[0] ?? null;
}

export type WindowQuery = {
  from: number; to: number; userIds?: readonly string[]; contactId?: string; after?: ItemCursor; limit: number;
};

/**
 * The items `policy` lets through that show in [from, to): `short` (one-off items under a day long, by start, after
 * the cursor, at most `limit + 1`: the index range [from - 1 day, to)) and `long` (series and long items whose end
 * is not before `from`, all of them: few, and a series is expanded by the domain before it can be paged).
 */
export async function listItemsInWindow(db: Db, orgId: string, policy: ListPolicy, q: WindowQuery): Promise<{ short: CalendarItemRow[]; long: CalendarItemRow[] }> {
  if (policy.kind === 'denied') return { short: [], long: [] };
  const filters: RawBuilder<SqlBool>[] = [renderPolicy(policy, CALENDAR_ITEMS, orgId)];
  if (q.userIds) filters.push(sql<SqlBool>`ci.assignee_id = ANY(${[...q.userIds]}::uuid[])`);
  if (q.contactId) filters.push(sql<SqlBool>`ci.contact_id = ${q.contactId}::uuid`);
  const shows = sql<SqlBool>`ci.range_start < ${stamp(q.to)} AND (ci.range_end > ${stamp(q.from)} OR ci.range_start >= ${stamp(q.from)})`;
  const short = sql<CalendarItemRow>`${SELECT} WHERE ${and([...filters, ...after(q.after)])} AND NOT ci.long_span
      AND ci.range_start >= ${stamp(q.from - DAY)} AND ${shows}
    ORDER BY ci.range_start, ci.id LIMIT ${q.limit + 1}`;
  const long = sql<CalendarItemRow>`${SELECT} WHERE ${and(filters)} AND ci.long_span AND ci.range_end >= ${stamp(q.from)} AND ${shows}`;
  return { short: await rowsOf(db, short), long: await rowsOf(db, long) };
}

/** A contact's items `policy` lets through, by start (undated tasks last; a series once, at its start), keyset paged. */
export async function listContactItems(db: Db, orgId: string, policy: ListPolicy, contactId: string, limit: number, cursor?: ItemCursor): Promise<CalendarItemRow[]> {
  if (policy.kind === 'denied') return [];
  const where = and([renderPolicy(policy, CALENDAR_ITEMS, orgId), sql<SqlBool>`ci.contact_id = ${contactId}::uuid`, ...after(cursor)]);
  return rowsOf(db, sql<CalendarItemRow>`${SELECT} WHERE ${where} ORDER BY ci.range_start, ci.id LIMIT ${limit + 1}`);
}

export type TaskStatus = 'open' | 'overdue' | 'due' | 'done';

/**
 * One user's tasks `policy` lets through, by due time (undated last), keyset paged: `open` (not done), `overdue` (not
 * done, due before now), `due` (not done, due now or later, undated included), `done`.
 */
export async function listTasks(db: Db, orgId: string, policy: ListPolicy, q: { userId: string; status: TaskStatus; now: number; limit: number; after?: ItemCursor }): Promise<CalendarItemRow[]> {
  if (policy.kind === 'denied') return [];
  const parts: RawBuilder<SqlBool>[] = [
    renderPolicy(policy, CALENDAR_ITEMS, orgId), sql<SqlBool>`ci.assignee_id = ${q.userId}::uuid`, sql<SqlBool>`ci.kind = 'task'`, ...after(q.after),
  ];
  if (q.status === 'done') parts.push(sql<SqlBool>`ci.done_at IS NOT NULL`);
  else parts.push(sql<SqlBool>`ci.done_at IS NULL`);
  if (q.status === 'overdue') parts.push(sql<SqlBool>`ci.range_start < ${stamp(q.now)}`);
  if (q.status === 'due') parts.push(sql<SqlBool>`ci.range_start >= ${stamp(q.now)}`);
  return rowsOf(db, sql<CalendarItemRow>`${SELECT} WHERE ${and(parts)} ORDER BY ci.range_start, ci.id LIMIT ${q.limit + 1}`);
}

/** A calendar's items `policy` lets through that show in [from, to), for a feed: at most `limit`, by start. */
export async function listFeedItems(db: Db, orgId: string, policy: ListPolicy, calendarUserId: string, from: number, to: number, limit: number): Promise<CalendarItemRow[]> {
  if (policy.kind === 'denied') return [];
  const where = and([
    renderPolicy(policy, CALENDAR_ITEMS, orgId), sql<SqlBool>`ci.assignee_id = ${calendarUserId}::uuid`,
    sql<SqlBool>`ci.range_start < ${stamp(to)}`, sql<SqlBool>`ci.range_end >= ${stamp(from)}`,
  ]);
  return rowsOf(db, sql<CalendarItemRow>`${SELECT} WHERE ${where} ORDER BY ci.range_start, ci.id LIMIT ${limit}`);
}

function columnsOf(v: CalendarItemValues) {
  return {
    ...v,
    range_start: v.range_start === Infinity ? 'infinity' : new Date(v.range_start),
    range_end: v.range_end === Infinity ? 'infinity' : new Date(v.range_end),
  };
}

export async function insertCalendarItem(trx: Db, orgId: string, values: CalendarItemValues, createdBy: string, now: number): Promise<string> {
  const row = await trx.insertInto('calendar_items')
    .values({ org_id: orgId, ...columnsOf(values), created_by: createdBy, created_at: new Date(now), updated_at: new Date(now) })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCalendarItem(trx: Db, orgId: string, id: string, values: CalendarItemValues, now: number): Promise<void> {
  await trx.updateTable('calendar_items').set({ ...columnsOf(values), updated_at: new Date(now) })
    .where('org_id', '=', orgId).where('id', '=', id).execute();
}

export async function deleteCalendarItem(trx: Db, orgId: string, id: string): Promise<void> {
  await trx.deleteFrom('calendar_items').where('org_id', '=', orgId).where('id', '=', id).execute();
}

export type CalendarUserRow = { id: string; name: string; status: 'active' | 'deactivated' };

/** Users of the org by id (names and status of calendars); malformed and unknown ids are absent. */
export async function loadCalendarUsers(db: Db, orgId: string, ids: readonly string[]): Promise<Map<string, CalendarUserRow>> {
  const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name', 'status']).where('org_id', '=', orgId).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r]));
}
