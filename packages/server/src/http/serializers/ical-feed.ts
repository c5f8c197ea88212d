// A calendar feed as iCalendar text (RFC 5545), written by ical-generator. Each entry is a VEVENT: an event, each
// occurrence of a series in the feed's span (its UID the series id and the occurrence's start, so the times clients
// show are the ones the API expands, daylight saving included), and each dated task as a moment at its due time
// (category "Task", "✓ " before the title once done). All-day items are DATE values on their wall-clock day (in the
// series' zone, else UTC). Reminders become display alarms. A linked contact is named only when the holder sees it.
import ical, { ICalAlarmType } from 'ical-generator';
import type { FeedContent } from '../../domain/calendars/calendar-feeds.ts';
import { wallOf } from '../../domain/calendars/recurrence.ts';

function when(ms: number, allDay: boolean, timeZone: string): Date {
  return new Date(allDay ? wallOf(ms, timeZone) : ms);
}

export function toICalendar(feed: FeedContent, now: number): string {
  const calendar = ical({
    name: `${feed.calendarName} (Tandem)`, prodId: { company: 'Tandem', product: 'Tandem CRM', language: 'EN' }, ttl: 15 * 60,
  });
  for (const { row, occurrence, contact } of feed.entries) {
    const timeZone = row.time_zone ?? 'UTC';
    const start = occurrence?.startsAt ?? (row.kind === 'task' ? row.due_at : row.starts_at)?.getTime();
    if (start === undefined) continue;
    const end = occurrence?.endsAt ?? row.ends_at?.getTime() ?? null;
    const notes = [contact ? `Contact: ${contact.name}` : null, row.notes].filter((s) => s !== null).join('\n\n');
    calendar.createEvent({
      id: occurrence ? `${row.id}-${new Date(start).toISOString()}@tandem` : `${row.id}@tandem`,
      start: when(start, row.all_day, timeZone),
      end: end === null ? null : when(end, row.all_day, timeZone),
      allDay: row.all_day,
      summary: `${row.kind === 'task' && row.done_at ? '✓ ' : ''}${row.title}`,
      description: notes.length > 0 ? notes : null,
      categories: row.kind === 'task' ? [{ name: 'Task' }] : [],
      stamp: new Date(now),
      created: row.created_at,
      lastModified: row.updated_at,
      alarms: row.reminder_minutes.map((minutes) => ({ type: ICalAlarmType.display, triggerBefore: minutes * 60, description: row.title })),
      x: { 'X-TANDEM-KIND': row.kind, 'X-TANDEM-ITEM-ID': row.id },
    });
  }
  return calendar.toString();
}
