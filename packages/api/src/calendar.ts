// The CalendarItem and Calendar objects of api.md ("Calendars, tasks and events", spec §7), their request bodies and
// the window query: one description for the server's routes, the web app and the test clients (D25).
import { z } from 'zod';
import { instantSchema, listQuerySchema } from './common.ts';

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
  reminders: z.array(z.number().int()).describe('minutes before the start or due time (each occurrence of a series) at which the assignee is e-mailed a reminder; not for done tasks; nothing without SMTP'),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  access: z.object({ actions: z.array(z.enum(['calendar_item.view', 'calendar_item.edit', 'calendar_item.delete'])) }),
});
export type CalendarItemDto = z.infer<typeof calendarItemSchema>;

export const calendarSchema = z.object({
  userId: z.string(),
  name: z.string(),
  level: z.enum(['view', 'edit', 'owner']),
  active: z.boolean().describe("false for a deactivated user's calendar: still readable through grants, it takes no new items"),
  feedCreatedAt: z.string().nullable().describe("when the caller's secret feed URL of this calendar was made; null without one"),
});
export type CalendarDto = z.infer<typeof calendarSchema>;

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
  reminders: z.array(z.number().int().min(0).max(40_320)).max(5).optional().describe('minutes before the start or due time (up to 4 weeks) at which the assignee is e-mailed a reminder (each occurrence of a series; sent once, at most 30 minutes late)'),
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

/** GET /tasks: the caller's tasks (or those of a calendar they read) by due time. */
export const TASK_STATUSES = ['open', 'overdue', 'due', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const tasksQuerySchema = z.object({
  ...listQuerySchema,
  userId: z.string().max(100).optional().describe('whose tasks; default the caller'),
  status: z.enum(TASK_STATUSES).default('open')
    .describe('open: not done; overdue: not done, due before now; due: not done, due now or later or undated; done'),
});

export type NewCalendarItem = z.input<typeof newCalendarItemSchema>;
export type CalendarItemPatch = z.input<typeof calendarItemPatchSchema>;
