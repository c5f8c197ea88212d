// Calendar reminders by e-mail (docs/decisions.md D30): a periodic job of the scheduler that, every minute, records
// the reminders now due and enqueues one queue job for each (domain/calendars/enqueue-due-reminders.ts), and the
// queue handler that sends one (domain/calendars/send-calendar-reminder.ts), run by the queue worker beside message
// delivery (main.ts).
import { CALENDAR_REMINDER_QUEUE, enqueueDueReminders, type ReminderJobPayload } from '../domain/calendars/enqueue-due-reminders.ts';
import { sendCalendarReminder } from '../domain/calendars/send-calendar-reminder.ts';
import type { MailDeps } from '../domain/shared/deps.ts';
import type { Job } from './job.ts';
import type { QueueHandler } from './queue.ts';

export const calendarRemindersJob: Job = {
  name: 'calendar-reminders',
  schedule: { everyMs: 60_000, atStart: true },
  run: (deps, now) => enqueueDueReminders(deps, now),
};

export function calendarReminderHandler(deps: MailDeps): QueueHandler {
  return {
    queue: CALENDAR_REMINDER_QUEUE,
    run: (job, now) => sendCalendarReminder(deps, {
      orgId: job.org_id, payload: job.payload as ReminderJobPayload, lastAttempt: job.attempts >= job.max_attempts, now,
    }),
  };
}
