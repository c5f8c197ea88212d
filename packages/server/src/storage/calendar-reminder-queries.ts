// Calendar reminders by e-mail (migration 0013, docs/decisions.md D30). The periodic job reads, across every org, the
// items whose reminders may be due; this is the server acting for each calendar's owner, not a caller's list, so no
// access policy applies here: the queue job asks the core about the linked contact as the assignee before naming it.
// `claimReminders` is the once-only step: a reminder's row is inserted once, whoever runs the job.
import { sql } from 'kysely';
import type { Db } from './connect.ts';

/** An open item with reminders, of an active assignee, that may have a reminder due (the domain decides which). */
export type ReminderCandidate = {
  org_id: string; id: string; assignee_id: string; recurrence: string | null; time_zone: string | null;
  starts_at: Date | null; ends_at: Date | null; reminder_minutes: number[];
  /** The due time or start (epoch ms). */
  start_ms: number;
};

/**
 * Items of active assignees, not done, with reminders, whose start (a series: any occurrence) may lie in [from, to]:
 * one-off items by their start, series by their span. At most `limit`, earliest start first.
 */
export async function listReminderCandidates(db: Db, from: number, to: number, limit: number): Promise<ReminderCandidate[]> {
  const f = new Date(from).toISOString();
  const t = new Date(to).toISOString();
  const result = await sql<ReminderCandidate>`SELECT ci.org_id, ci.id, ci.assignee_id, ci.recurrence, ci.time_zone, ci.starts_at, ci.ends_at,
      ci.reminder_minutes, floor(extract(epoch from ci.range_start) * 1000)::float8 AS start_ms
    FROM calendar_items ci
    JOIN users u ON u.org_id = ci.org_id AND u.id = ci.assignee_id AND u.status = 'active'
    WHERE ci.reminder_minutes <> '{}' AND ci.done_at IS NULL AND (
      (ci.recurrence IS NULL AND ci.range_start >= ${f}::timestamptz AND ci.range_start <= ${t}::timestamptz)
      OR (ci.recurrence IS NOT NULL AND ci.range_end >= ${f}::timestamptz AND ci.range_start <= ${t}::timestamptz))
    ORDER BY ci.range_start, ci.id
    LIMIT ${limit}::int`.execute(db);
  return result.rows.map((r) => ({ ...r, start_ms: Number(r.start_ms), reminder_minutes: r.reminder_minutes.map(Number) }));
}

export type DueReminder = { orgId: string; itemId: string; assigneeId: string; occurrenceAt: number; minutes: number };

/** Inserts the rows of `due` not yet recorded; answers the ones inserted now (with their ids), so each is enqueued once. */
export async function claimReminders(trx: Db, due: readonly DueReminder[], now: number): Promise<(DueReminder & { id: string })[]> {
  if (due.length === 0) return [];
  const rows = await trx.insertInto('calendar_reminders_sent').values(due.map((d) => ({
    org_id: d.orgId, item_id: d.itemId, assignee_id: d.assigneeId, occurrence_at: new Date(d.occurrenceAt), minutes: d.minutes, created_at: new Date(now),
  }))).onConflict((oc) => oc.columns(['org_id', 'item_id', 'occurrence_at', 'minutes']).doNothing())
    .returning(['id', 'org_id', 'item_id', 'occurrence_at', 'minutes', 'assignee_id']).execute();
  return rows.map((r) => ({ id: r.id, orgId: r.org_id, itemId: r.item_id, assigneeId: r.assignee_id, occurrenceAt: new Date(r.occurrence_at).getTime(), minutes: r.minutes }));
}

/** Writes what became of a reminder (its queue job's outcome). */
export async function recordReminderOutcome(trx: Db, orgId: string, id: string, status: 'sent' | 'skipped' | 'failed', reason: string | null, now: number): Promise<void> {
  await trx.updateTable('calendar_reminders_sent').set({ status, reason, finished_at: new Date(now) }).where('org_id', '=', orgId).where('id', '=', id).execute();
}

/** A user's name, address and status, for the reminder's recipient. */
export async function loadReminderRecipient(db: Db, orgId: string, userId: string): Promise<{ name: string; email: string; status: string } | null> {
  return (await db.selectFrom('users').select(['name', 'email', 'status']).where('org_id', '=', orgId).where('id', '=', userId).executeTakeFirst()) ?? null;
}
