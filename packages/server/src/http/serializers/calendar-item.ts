// The CalendarItem and Calendar objects of api.md ("Calendars, tasks and events") and their request bodies.
import { instantSchema } from '@tandem/api';
import { z } from 'zod';
import type { CalendarItemView } from '../../domain/calendars/calendar-item-view.ts';
import type { CalendarView } from '../../domain/calendars/list-calendars.ts';

const iso = (d: Date | number | null): string | null => (d === null ? null : new Date(d).toISOString());

export const calendarItemSchema = z.object({
  id: z.string(),
  kind: z.enum(['task', 'event']),
  title: z.string(),
  userId: z.string().describe('the calendar the item sits on (its assignee)'),
  dueAt: z.string().nullable().describe('tasks: when it is due; null for an undated task'),
  startsAt: z.string().nullable().describe('events: the start of this occurrence (a series in a window answers once per occurrence)'),
  endsAt: z.string().nullable(),
  allDay: z.boolean(),
  done: z.boolean(),
  doneAt: z.string().nullable(),
  overdue: z.boolean().describe('a task not done whose due time has passed'),
  notes: z.string().nullable(),
  contact: z.object({ id: z.string(), name: z.string() }).nullable()
    .describe('the linked contact, only when the caller sees it at view; null otherwise, and when unlinked'),
  recurrence: z.object({
    rule: z.string().describe('an RRULE without DTSTART, e.g. FREQ=WEEKLY;BYDAY=MO'),
    timeZone: z.string().describe('the IANA zone the rule repeats in (the wall-clock time is kept across daylight saving)'),
    seriesStartsAt: z.string(),
    seriesEndsAt: z.string().describe('the end of the first occurrence'),
  }).nullable(),
  reminders: z.array(z.number().int()).describe('minutes before the start or due time; stored, not yet sent'),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  access: z.object({ actions: z.array(z.enum(['calendar_item.view', 'calendar_item.edit', 'calendar_item.delete'])) }),
});
export type CalendarItemDto = z.infer<typeof calendarItemSchema>;

export function toCalendarItemDto(view: CalendarItemView): CalendarItemDto {
  const { row, occurrence } = view;
  return {
    id: row.id, kind: row.kind, title: row.title, userId: row.assignee_id, dueAt: iso(row.due_at),
    startsAt: iso(occurrence?.startsAt ?? row.starts_at), endsAt: iso(occurrence?.endsAt ?? row.ends_at),
    allDay: row.all_day, done: row.done_at !== null, doneAt: iso(row.done_at), overdue: view.overdue, notes: row.notes,
    contact: view.contact,
    recurrence: row.recurrence && row.starts_at && row.ends_at
      ? { rule: row.recurrence, timeZone: row.time_zone ?? 'UTC', seriesStartsAt: row.starts_at.toISOString(), seriesEndsAt: row.ends_at.toISOString() }
      : null,
    reminders: row.reminder_minutes, createdBy: row.created_by, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
    access: { actions: view.actions },
  };
}

export const calendarSchema = z.object({
  userId: z.string(),
  name: z.string(),
  level: z.enum(['view', 'edit', 'owner']),
  active: z.boolean().describe("false for a deactivated user's calendar: still readable through grants, it takes no new items"),
  feedCreatedAt: z.string().nullable().describe("when the caller's secret feed URL of this calendar was made; null without one"),
});
export type CalendarDto = z.infer<typeof calendarSchema>;

export function toCalendarDto(view: CalendarView): CalendarDto {
  return { userId: view.userId, name: view.name, level: view.level, active: view.active, feedCreatedAt: iso(view.feedCreatedAt) };
}

const optionalInstant = instantSchema.nullable().optional();
const itemFields = {
  title: z.string().trim().min(1).max(500),
  userId: z.string().max(100).describe('the calendar (assignee); write on it is needed'),
  dueAt: optionalInstant.describe('tasks only'),
  startsAt: optionalInstant.describe('events only; required for them'),
  endsAt: optionalInstant.describe('events only; required for them, not before startsAt'),
  allDay: z.boolean().optional(),
  notes: z.string().max(10_000).nullable().optional(),
  contactId: z.string().max(100).nullable().optional().describe('link to a contact: needs collaborate on it; null unlinks'),
  recurrence: z.object({
    rule: z.string().trim().min(1).max(500).describe('RRULE: FREQ DAILY, WEEKLY, MONTHLY or YEARLY; no BYHOUR, BYMINUTE, BYSECOND, DTSTART'),
    timeZone: z.string().trim().min(1).max(100).optional().describe('IANA zone to repeat in; default UTC'),
  }).strict().nullable().optional().describe('events only'),
  reminders: z.array(z.number().int().min(0).max(40_320)).max(5).optional().describe('minutes before the start or due time (up to 4 weeks); stored, not yet sent'),
};

export const newCalendarItemSchema = z.object({ kind: z.enum(['task', 'event']), ...itemFields }).strict();
export const calendarItemPatchSchema = z.object({
  kind: z.enum(['task', 'event']).optional().describe('may be sent; must be the item\'s own'),
  ...itemFields,
  title: itemFields.title.optional(),
  userId: itemFields.userId.optional().describe('move the item: write on its calendar and on the new one'),
  done: z.boolean().optional().describe('tasks only'),
}).strict();

const ids = z.string().max(4_000).transform((text) => text.split(',').map((s) => s.trim()).filter((s) => s.length > 0))
  .pipe(z.array(z.string().max(100)).max(100));

export const windowQuerySchema = z.object({
  from: instantSchema.describe('the window start (inclusive)'),
  to: instantSchema.describe('the window end (exclusive); at most 92 days after from'),
  userIds: ids.optional().describe('comma list of calendars (user ids); default every calendar the caller may read'),
  contactId: z.string().max(100).optional().describe('only items linked to this contact (seen at view)'),
  limit: z.coerce.number().int().min(1).max(2_000).default(500).describe('page size, 1-2000'),
  cursor: z.string().max(500).optional(),
});
