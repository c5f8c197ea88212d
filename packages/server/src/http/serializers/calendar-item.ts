// The CalendarItem and Calendar objects of api.md ("Calendars, tasks and events") from the domain's views; their
// schemas are @tandem/api's (calendar.ts).
import type { CalendarDto, CalendarItemDto } from '@tandem/api';
import type { CalendarItemView } from '../../domain/calendars/calendar-item-view.ts';
import type { CalendarView } from '../../domain/calendars/list-calendars.ts';

export type { CalendarDto, CalendarItemDto } from '@tandem/api';

const iso = (d: Date | number | null): string | null => (d === null ? null : new Date(d).toISOString());

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

export function toCalendarDto(view: CalendarView): CalendarDto {
  return { userId: view.userId, name: view.name, level: view.level, active: view.active, feedCreatedAt: iso(view.feedCreatedAt) };
}
