// The fields of a task or event, checked as a whole (a new item, or an item with a change applied), and the window
// columns storage keeps for them. Shapes (lengths, dates, enums) are the routes' zod schemas; what depends on several
// fields at once is here, refused with 400 TANDEM_INPUT_INVALID naming the field.
import { AppError } from '../../errors.ts';
import type { CalendarItemRow, CalendarItemValues } from '../../storage/calendar-queries.ts';
import { canonicalTimeZone, checkSeries } from './recurrence.ts';

const DAY = 86_400_000;

export type Recurrence = { rule: string; timeZone: string };

/** An item's fields as the user set them; times are epoch ms. */
export type ItemFields = {
  kind: 'task' | 'event'; title: string; notes: string | null; assigneeId: string; contactId: string | null;
  dueAt: number | null; startsAt: number | null; endsAt: number | null; allDay: boolean; recurrence: Recurrence | null;
  reminders: number[]; done: { at: number; by: string } | null;
};

/** What a request may set; undefined leaves a field as it is, null clears it. Instants are ISO text. */
export type ItemChange = {
  title?: string; notes?: string | null; userId?: string; contactId?: string | null; dueAt?: string | null; startsAt?: string | null;
  endsAt?: string | null; allDay?: boolean; recurrence?: { rule: string; timeZone?: string } | null; reminders?: number[]; done?: boolean;
};

type Issue = { path: string; message: string };

function refuse(issues: Issue[]): never {
  const detail = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new AppError('TANDEM_INPUT_INVALID', detail, { issues });
}

const ms = (value: string | null | undefined, kept: number | null): number | null =>
  (value === undefined ? kept : value === null ? null : Date.parse(value));

/** The item's fields once `change` is applied (done by `by` at `now` when `done` turns true). */
export function applyChange(fields: ItemFields, change: ItemChange, by: string, now: number): ItemFields {
  const next: ItemFields = {
    ...fields,
    title: change.title ?? fields.title,
    notes: change.notes === undefined ? fields.notes : change.notes,
    assigneeId: change.userId ?? fields.assigneeId,
    contactId: change.contactId === undefined ? fields.contactId : change.contactId,
    dueAt: ms(change.dueAt, fields.dueAt),
    startsAt: ms(change.startsAt, fields.startsAt),
    endsAt: ms(change.endsAt, fields.endsAt),
    allDay: change.allDay ?? fields.allDay,
    reminders: change.reminders ? [...new Set(change.reminders)].sort((a, b) => a - b) : fields.reminders,
  };
  if (change.recurrence !== undefined) {
    next.recurrence = change.recurrence === null ? null : { rule: change.recurrence.rule, timeZone: change.recurrence.timeZone ?? 'UTC' };
  }
  if (change.done !== undefined) next.done = change.done ? (fields.done ?? { at: now, by }) : null;
  return next;
}

/** A new item's fields from a create request (then checked like any change). */
export function newItemFields(kind: ItemFields['kind'], change: ItemChange & { title: string; userId: string }, by: string, now: number): ItemFields {
  const empty: ItemFields = {
    kind, title: '', notes: null, assigneeId: change.userId, contactId: null, dueAt: null, startsAt: null, endsAt: null,
    allDay: false, recurrence: null, reminders: [], done: null,
  };
  return applyChange(empty, change, by, now);
}

export function fieldsOfRow(row: CalendarItemRow): ItemFields {
  const time = (d: Date | null) => (d === null ? null : d.getTime());
  return {
    kind: row.kind, title: row.title, notes: row.notes, assigneeId: row.assignee_id, contactId: row.contact_id, dueAt: time(row.due_at),
    startsAt: time(row.starts_at), endsAt: time(row.ends_at), allDay: row.all_day,
    recurrence: row.recurrence === null ? null : { rule: row.recurrence, timeZone: row.time_zone ?? 'UTC' },
    reminders: row.reminder_minutes, done: row.done_at === null ? null : { at: row.done_at.getTime(), by: row.done_by ?? row.created_by },
  };
}

function kindIssues(f: ItemFields): Issue[] {
  const issues: Issue[] = [];
  if (f.kind === 'task') {
    for (const [path, value] of [['startsAt', f.startsAt], ['endsAt', f.endsAt], ['recurrence', f.recurrence]] as const) {
      if (value !== null) issues.push({ path, message: 'a task has dueAt; startsAt, endsAt and recurrence are for events' });
    }
    return issues;
  }
  if (f.dueAt !== null) issues.push({ path: 'dueAt', message: 'an event has startsAt and endsAt; dueAt is for tasks' });
  if (f.done !== null) issues.push({ path: 'done', message: 'only tasks are done' });
  if (f.startsAt === null) issues.push({ path: 'startsAt', message: 'an event needs startsAt' });
  if (f.endsAt === null) issues.push({ path: 'endsAt', message: 'an event needs endsAt' });
  if (f.startsAt !== null && f.endsAt !== null && f.endsAt < f.startsAt) issues.push({ path: 'endsAt', message: 'must not be before startsAt' });
  return issues;
}

/** Checks an item's fields as a whole and answers what storage keeps; 400 naming every field at fault. */
export function itemValues(f: ItemFields): CalendarItemValues {
  const issues = kindIssues(f);
  if (f.reminders.length > 0 && f.dueAt === null && f.startsAt === null) issues.push({ path: 'reminders', message: 'a reminder needs dueAt or startsAt' });
  let range = { start: f.dueAt ?? f.startsAt ?? Infinity, end: f.dueAt ?? f.endsAt ?? Infinity };
  let recurrence: Recurrence | null = null;
  if (issues.length === 0 && f.recurrence && f.startsAt !== null && f.endsAt !== null) {
    const timeZone = canonicalTimeZone(f.recurrence.timeZone);
    if (!timeZone) issues.push({ path: 'recurrence.timeZone', message: 'must be an IANA time zone name, e.g. Europe/Paris' });
    const checked = timeZone ? checkSeries({ startsAt: f.startsAt, endsAt: f.endsAt, rule: f.recurrence.rule, timeZone }) : null;
    if (typeof checked === 'string') issues.push({ path: 'recurrence.rule', message: checked });
    else if (checked && timeZone) {
      recurrence = { rule: checked.rule, timeZone };
      range = { start: f.startsAt, end: checked.end };
    }
  }
  if (issues.length > 0) refuse(issues);
  return {
    assignee_id: f.assigneeId, kind: f.kind, title: f.title, notes: f.notes, contact_id: f.contactId,
    due_at: f.dueAt === null ? null : new Date(f.dueAt), starts_at: f.startsAt === null ? null : new Date(f.startsAt),
    ends_at: f.endsAt === null ? null : new Date(f.endsAt), all_day: f.allDay,
    done_at: f.done ? new Date(f.done.at) : null, done_by: f.done?.by ?? null,
    recurrence: recurrence?.rule ?? null, time_zone: recurrence?.timeZone ?? null, reminder_minutes: f.reminders,
    range_start: range.start, range_end: range.end,
    long_span: recurrence !== null || (range.end !== Infinity && range.end - range.start > DAY),
  };
}

/** What the audit log keeps of an item: ids and flags, never its title, notes or times (admins read the log, spec §8). */
export function itemSnapshot(v: CalendarItemValues): Record<string, unknown> {
  return {
    kind: v.kind, userId: v.assignee_id, contactId: v.contact_id, allDay: v.all_day, done: v.done_at !== null,
    recurring: v.recurrence !== null, reminders: v.reminder_minutes.length,
  };
}

/** The names of the fields a change really changed (for the audit entry). */
export function changedFields(before: ItemFields, after: ItemFields): string[] {
  const keys = Object.keys(before) as (keyof ItemFields)[];
  return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).map((k) => (k === 'assigneeId' ? 'userId' : k));
}
