// The item form's values and what they send: text inputs in the browser's zone (datetime-local, or date for all-day
// items) to and from the API's instants. A change sends only the fields that changed, so saving the title of one
// occurrence of a series does not move the series' start to that occurrence.
import type { CalendarItemPatch, NewCalendarItem } from '@tandem/api';
import type { Calendar, CalendarItem } from '../../api/models.ts';
import { fromLocalInput, toLocalInput } from '../../lib/format.ts';
import { addDays, dateKey, HOUR, parseDateKey } from './calendar-time.ts';

export type ItemFormValues = {
  kind: 'task' | 'event';
  title: string;
  userId: string;
  allDay: boolean;
  due: string;
  start: string;
  end: string;
  notes: string;
  contact: { id: string; name: string } | null;
  /** Events: '' (does not repeat) or an RRULE FREQ the API accepts. */
  repeat: Repeat;
};

export const REPEATS = [
  { id: '', label: 'Does not repeat' }, { id: 'DAILY', label: 'Every day' }, { id: 'WEEKLY', label: 'Every week' },
  { id: 'MONTHLY', label: 'Every month' }, { id: 'YEARLY', label: 'Every year' },
] as const;
export type Repeat = (typeof REPEATS)[number]['id'];

/** The plain repeat a rule is, or null for a rule the form cannot show (INTERVAL, BYDAY... set through the API). */
export function repeatOf(rule: string | undefined): Repeat | null {
  if (!rule) return '';
  const m = /^FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)$/.exec(rule.trim());
  return m ? (m[1] as Repeat) : null;
}

/** The series repeats in the browser's zone, so 09:00 stays 09:00 across daylight saving (D26). */
function recurrenceOf(repeat: Repeat): { rule: string; timeZone: string } | null {
  return repeat ? { rule: `FREQ=${repeat}`, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' } : null;
}

/** An instant as the input shows it: a date for all-day items, else a local date and time. */
function toInput(iso: string | null, allDay: boolean, isEnd = false): string {
  if (!iso) return '';
  const date = new Date(iso);
  // An all-day event ends at the midnight after its last day: the form shows that last day.
  return allDay ? dateKey(isEnd ? addDays(date, -1) : date) : toLocalInput(date);
}

/** What an input shows for a value kept across an All day switch: a date alone, or a date at 09:00. */
export function asInput(value: string, allDay: boolean): string {
  if (allDay) return value.slice(0, 10);
  return value.length === 10 ? `${value}T09:00` : value;
}

function fromInput(value: string, allDay: boolean, isEnd = false): string | null {
  if (!allDay) return value ? fromLocalInput(asInput(value, false)) : null;
  const day = parseDateKey(value.slice(0, 10));
  return day ? (isEnd ? addDays(day, 1) : day).toISOString() : null;
}

/** A new item's values: an event from the next full hour (or `at`) for an hour, a task due then. */
export function newItemValues(userId: string, at?: Date, contact?: { id: string; name: string }): ItemFormValues {
  const start = at ?? new Date(Math.ceil(Date.now() / HOUR) * HOUR);
  return {
    kind: 'event', title: '', userId, allDay: false, due: toLocalInput(start), start: toLocalInput(start),
    end: toLocalInput(new Date(start.getTime() + HOUR)), notes: '', contact: contact ?? null, repeat: '',
  };
}

export function valuesOf(item: CalendarItem): ItemFormValues {
  return {
    kind: item.kind, title: item.title, userId: item.userId, allDay: item.allDay,
    due: toInput(item.dueAt, item.allDay), start: toInput(item.startsAt, item.allDay), end: toInput(item.endsAt, item.allDay, true),
    notes: item.notes ?? '', contact: item.contact, repeat: repeatOf(item.recurrence?.rule) ?? '',
  };
}

/** The times the form means, or the first problem with them in words. */
export function timesOf(v: ItemFormValues): { dueAt?: string | null; startsAt?: string; endsAt?: string; problem?: string } {
  if (v.kind === 'task') {
    if (v.allDay && v.due) return { dueAt: fromInput(v.due, true) };
    return { dueAt: v.due ? fromInput(v.due, false) : null };
  }
  const startsAt = fromInput(v.start, v.allDay);
  const endsAt = fromInput(v.end || v.start, v.allDay, true);
  if (!startsAt) return { problem: 'An event needs a start.' };
  if (!endsAt || Date.parse(endsAt) < Date.parse(startsAt)) return { problem: 'The end cannot be before the start.' };
  return { startsAt, endsAt };
}

export function toNewItem(v: ItemFormValues): NewCalendarItem {
  const { problem: _problem, ...times } = timesOf(v);
  return {
    kind: v.kind, title: v.title.trim(), userId: v.userId, allDay: v.allDay, notes: v.notes.trim() || null,
    contactId: v.contact?.id ?? null, ...times, ...(v.kind === 'event' && v.repeat ? { recurrence: recurrenceOf(v.repeat) } : {}),
  };
}

/** Only what changed from the item's own values. */
export function toPatch(item: CalendarItem, v: ItemFormValues): CalendarItemPatch {
  const before = valuesOf(item);
  const patch: CalendarItemPatch = {};
  if (v.title.trim() !== before.title) patch.title = v.title.trim();
  if (v.userId !== before.userId) patch.userId = v.userId;
  if (v.allDay !== before.allDay) patch.allDay = v.allDay;
  if ((v.notes.trim() || null) !== (item.notes ?? null)) patch.notes = v.notes.trim() || null;
  if ((v.contact?.id ?? null) !== (item.contact?.id ?? null)) patch.contactId = v.contact?.id ?? null;
  // A rule the form cannot show is kept unless the person picks another repeat.
  if (item.kind === 'event' && v.repeat !== (repeatOf(item.recurrence?.rule) ?? v.repeat)) patch.recurrence = recurrenceOf(v.repeat);
  const timesChanged = v.allDay !== before.allDay || (v.kind === 'task' ? v.due !== before.due : v.start !== before.start || v.end !== before.end);
  if (timesChanged) {
    const { problem: _problem, ...times } = timesOf(v);
    Object.assign(patch, times);
  }
  return patch;
}

/**
 * What the form says under its Calendar choice: whose calendars it offers, and which calendars the user reads but
 * may not add to, naming the Edit access that would allow it (a colleague covering with View only otherwise finds
 * the owner's calendar simply missing from the list). Null when there is nothing to say.
 */
export function calendarChoiceHint(calendars: readonly Calendar[]): string | null {
  const writable = calendars.filter((c) => c.active && (c.level === 'owner' || c.level === 'edit'));
  const viewOnly = calendars.filter((c) => c.active && c.level === 'view').map((c) => `${c.name}’s`);
  const parts: string[] = [];
  if (writable.length > 1) parts.push('Whose calendar it sits on. You can use your own and those you have Edit access to.');
  if (viewOnly.length > 0) {
    const names = viewOnly.length === 1 ? viewOnly[0] : `${viewOnly.slice(0, -1).join(', ')} and ${viewOnly.at(-1)}`;
    parts.push(`You only view ${names} ${viewOnly.length === 1 ? 'calendar' : 'calendars'}: adding to ${viewOnly.length === 1 ? 'it' : 'them'} needs Edit access.`);
  }
  return parts.length > 0 ? parts.join(' ') : null;
}
