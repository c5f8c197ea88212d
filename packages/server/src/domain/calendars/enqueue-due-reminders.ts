// The periodic half of calendar reminders (docs/decisions.md D30): find the reminders due now and, in one
// transaction, record each not yet recorded (calendar_reminders_sent, unique per item, occurrence and minutes) and
// enqueue one `calendar-reminder` job for each row recorded now. A second run, a second node or a restart finds the
// rows and enqueues nothing; the queue (D27) then delivers each job at least once.
import { claimReminders, listReminderCandidates } from '../../storage/calendar-reminder-queries.ts';
import { enqueueJob } from '../../storage/queue-queries.ts';
import type { Deps } from '../shared/deps.ts';
import { dueReminders, MAX_REMINDER_MS, REMINDER_GRACE_MS } from './due-reminders.ts';

export const CALENDAR_REMINDER_QUEUE = 'calendar-reminder';
/** Attempts of a reminder's send: waits of 30 s and 2 min between them, so a retried reminder stays within the grace. */
export const REMINDER_ATTEMPTS = 3;
/** A cap on the items read per run, earliest start first (D30: beyond it, reminders of later starts can be missed). */
const CANDIDATES_PER_RUN = 10_000;

export type ReminderJobPayload = { reminderId: string; itemId: string; occurrenceAt: number; minutes: number };

export async function enqueueDueReminders(deps: Deps, now: number): Promise<{ candidates: number; due: number; enqueued: number }> {
  const candidates = await listReminderCandidates(deps.db, now - REMINDER_GRACE_MS, now + MAX_REMINDER_MS, CANDIDATES_PER_RUN);
  const due = dueReminders(candidates, now);
  if (due.length === 0) return { candidates: candidates.length, due: 0, enqueued: 0 };
  const enqueued = await deps.db.transaction().execute(async (trx) => {
    const claimed = await claimReminders(trx, due, now);
    for (const r of claimed) {
      const payload: ReminderJobPayload = { reminderId: r.id, itemId: r.itemId, occurrenceAt: r.occurrenceAt, minutes: r.minutes };
      await enqueueJob(trx, { queue: CALENDAR_REMINDER_QUEUE, orgId: r.orgId, payload, maxAttempts: REMINDER_ATTEMPTS, availableAt: now }, now);
    }
    return claimed.length;
  });
  return { candidates: candidates.length, due: due.length, enqueued };
}
