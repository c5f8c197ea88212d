// The queue half of calendar reminders (docs/decisions.md D30): one job per reminder, enqueued by
// enqueue-due-reminders.ts. The item and its assignee are read afresh: a deleted item, a done task, a deactivated
// assignee, an item moved or a reminder removed since it was queued, or a reminder now past the grace period, send
// nothing. The linked contact is named only when the core lets the assignee see it at `view` (their facts loaded now,
// as a request would). Without SMTP nothing is sent or logged. The outcome is written with the job's finish.
import { canSeeLinkedContact } from '@tandem/core';
import { loadReminderRecipient, recordReminderOutcome } from '../../storage/calendar-reminder-queries.ts';
import { loadCalendarItem } from '../../storage/calendar-queries.ts';
import type { Db } from '../../storage/connect.ts';
import { loadContacts } from '../../storage/contact-read.ts';
import { loadActorContext } from '../../storage/load-actor-context.ts';
import type { MailDeps } from '../shared/deps.ts';
import { REMINDER_GRACE_MS, stillDue } from './due-reminders.ts';
import type { ReminderJobPayload } from './enqueue-due-reminders.ts';
import { reminderMail } from './reminder-mail.ts';

/** What the queue writes when it finishes the job (the shape of the queue's JobRunResult). */
export type JobRunResult = { status: string; record?: (trx: Db) => Promise<void>; retry?: { error: string } };

export type ReminderJob = { orgId: string; payload: ReminderJobPayload; lastAttempt: boolean; now: number };

const MINUTE = 60_000;

export async function sendCalendarReminder(deps: MailDeps, job: ReminderJob): Promise<JobRunResult> {
  const { db } = deps;
  const { orgId, payload, now } = job;
  const outcome = (status: 'sent' | 'skipped' | 'failed', reason: string | null): JobRunResult => ({
    status, record: (trx: Db) => recordReminderOutcome(trx, orgId, payload.reminderId, status, reason, now),
  });
  const item = await loadCalendarItem(db, orgId, payload.itemId);
  if (!item) return outcome('skipped', 'the item was deleted');
  if (item.done_at) return outcome('skipped', 'the task is done');
  if (!stillDue(item, payload.occurrenceAt, payload.minutes)) return outcome('skipped', 'the item or its reminders changed');
  if (now > payload.occurrenceAt - payload.minutes * MINUTE + REMINDER_GRACE_MS) return outcome('skipped', 'past the grace period');
  const recipient = await loadReminderRecipient(db, orgId, item.assignee_id);
  const ctx = await loadActorContext(db, orgId, item.assignee_id, now);
  if (!recipient || recipient.status !== 'active' || !ctx || ctx.actor.status !== 'active') return outcome('skipped', 'the assignee is deactivated');
  if (deps.mailer.mode !== 'sent') return outcome('skipped', 'no SMTP server is configured');
  let contactName: string | null = null;
  if (item.contact_id) {
    const found = (await loadContacts(db, ctx, [item.contact_id])).get(item.contact_id);
    if (found && canSeeLinkedContact(ctx, found.facts)) contactName = found.row.name;
  }
  const mail = reminderMail({
    to: { name: recipient.name, address: recipient.email }, kind: item.kind, title: item.title, at: payload.occurrenceAt,
    timeZone: item.time_zone ?? 'UTC', contactName, publicUrl: deps.publicUrl, reminderId: payload.reminderId,
  });
  try {
    await deps.mailer.send(mail);
  } catch (err: unknown) {
    const error = err instanceof Error ? err.message : String(err);
    return job.lastAttempt ? outcome('failed', error) : { retry: { error }, status: 'retry' };
  }
  return outcome('sent', null);
}
