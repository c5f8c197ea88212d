// Which reminders are due at a moment (docs/decisions.md D30). A reminder is due when its time, the start or due
// time of the item (each occurrence of a series, expanded in the series' zone as the API does) minus its minutes,
// lies in (now - REMINDER_GRACE_MS, now]: a reminder is never sent early, and one whose time passed more than the
// grace period ago (the server was down) is not sent at all; a late reminder about a meeting long started helps no one.
import type { DueReminder, ReminderCandidate } from '../../storage/calendar-reminder-queries.ts';
import { expandSeries } from './recurrence.ts';

const MINUTE = 60_000;
/** How late a reminder may still go out: 30 minutes after its time. */
export const REMINDER_GRACE_MS = 30 * MINUTE;
/** The longest reminder the API accepts (4 weeks, packages/api calendar.ts): how far ahead starts are looked for. */
export const MAX_REMINDER_MS = 40_320 * MINUTE;

/** The reminders of `items` due at `now`, each (item, occurrence start, minutes) once. */
export function dueReminders(items: readonly ReminderCandidate[], now: number): DueReminder[] {
  const from = now - REMINDER_GRACE_MS;
  const out: DueReminder[] = [];
  for (const item of items) {
    const longest = Math.max(...item.reminder_minutes) * MINUTE;
    const starts = item.recurrence && item.starts_at && item.ends_at
      ? expandSeries({ startsAt: item.starts_at.getTime(), endsAt: item.ends_at.getTime(), rule: item.recurrence, timeZone: item.time_zone ?? 'UTC' }, from, now + longest + 1)
        .map((o) => o.startsAt).filter((s) => s >= from)
      : [item.start_ms];
    for (const start of starts) {
      for (const minutes of new Set(item.reminder_minutes)) {
        const at = start - minutes * MINUTE;
        if (at > from && at <= now) out.push({ orgId: item.org_id, itemId: item.id, assigneeId: item.assignee_id, occurrenceAt: start, minutes });
      }
    }
  }
  return out;
}

/** Whether `reminder` is still one of `item`'s now (the item may have moved, or lost that reminder, since it was queued). */
export function stillDue(item: { recurrence: string | null; time_zone: string | null; starts_at: Date | null; ends_at: Date | null; sort_ms: number; reminder_minutes: number[] }, occurrenceAt: number, minutes: number): boolean {
  if (!item.reminder_minutes.includes(minutes)) return false;
  if (item.recurrence && item.starts_at && item.ends_at) {
    const series = { startsAt: item.starts_at.getTime(), endsAt: item.ends_at.getTime(), rule: item.recurrence, timeZone: item.time_zone ?? 'UTC' };
    return expandSeries(series, occurrenceAt, occurrenceAt + 1).some((o) => o.startsAt === occurrenceAt);
  }
  return item.sort_ms === occurrenceAt;
}
