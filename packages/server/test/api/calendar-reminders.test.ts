// Calendar reminders by e-mail (docs/decisions.md D30), on PGlite and PostgreSQL: the scheduler's periodic job
// (run here by hand at the test clock's now) records each due reminder once and enqueues its queue job; the queue
// (run with `drain()`) sends it over real SMTP (npm smtp-server on loopback) to the calendar's owner. Never early,
// never twice (a second run, a second node at once, a restart), not after the grace period; nothing for a done task,
// a deleted item or a deactivated assignee; the linked contact named only when the assignee sees it; no SMTP: nothing.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REMINDER_GRACE_MS } from '../../src/domain/calendars/due-reminders.ts';
import { enqueueDueReminders } from '../../src/domain/calendars/enqueue-due-reminders.ts';
import type { Mailer, OutgoingMail } from '../../src/domain/shared/mailer.ts';
import { calendarReminderHandler, calendarRemindersJob } from '../../src/jobs/calendar-reminders-job.ts';
import { startQueue, type QueueWorker } from '../../src/jobs/queue.ts';
import { smtpMailer } from '../../src/mail/smtp-mailer.ts';
import { startScriptedSmtp, type ScriptedSmtp } from '../mail/scripted-smtp.ts';
import { DATABASE_KINDS } from '../support/databases.ts';
import { expectStatus } from './support/api-client.ts';
import { calendarClient } from './support/calendar-client.ts';
import { useTestApp } from './support/test-app.ts';

const MINUTE = 60_000;
const PUBLIC_URL = 'https://tandem.acme.test';

describe.each(DATABASE_KINDS)('calendar reminders on %s', (kind) => {
  const t = useTestApp({ db: kind });
  const cal = calendarClient(t.api);
  let smtp: ScriptedSmtp;
  const errors: unknown[] = [];
  const log = { info: () => {}, error: (obj: object) => void errors.push(obj) };
  const workers: QueueWorker[] = [];

  beforeAll(async () => { smtp = await startScriptedSmtp(); });
  afterAll(async () => { await smtp.close(); });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    expect(errors.splice(0)).toEqual([]);
  });

  /** A queue worker (a "node") with the reminder handler, run by `drain()` only. */
  function queue(mailer: Mailer = smtpMailer({ url: smtp.url, from: 'Tandem <tandem@acme.test>' })): QueueWorker {
    const worker = startQueue(t.db, [calendarReminderHandler({ db: t.db, mailer, publicUrl: PUBLIC_URL })], t.clock, log, { poll: false });
    workers.push(worker);
    return worker;
  }
  /** One minute of the scheduler: the periodic job at the clock's now, then the queue. */
  async function tick(worker: QueueWorker): Promise<{ enqueued: number; ran: number }> {
    const result = await calendarRemindersJob.run({ db: t.db }, t.clock.now()) as { enqueued: number };
    return { enqueued: result.enqueued, ran: await worker.drain() };
  }
  // Each test's world is a new org on the same database and server: look only at what arrived since it began.
  let firstOfTest = 0;
  beforeEach(() => { firstOfTest = smtp.accepted.length; });
  const to = (address: string) => smtp.accepted.slice(firstOfTest).filter((a) => a.envelopeTo.includes(address));
  const sentRows = (orgId: string) => t.db.selectFrom('calendar_reminders_sent').selectAll().where('org_id', '=', orgId).orderBy('occurrence_at').execute();

  async function world() {
    return t.world({
      users: { ben: {}, eve: {} },
      contacts: { kim: { owner: 'ben', name: 'Kim Visible' }, zoe: { owner: 'eve', name: 'Zoe Hidden' } },
      grants: [{ owner: 'ben', user: 'eve', scope: 'calendar', level: 'edit' }],
    });
  }

  it('a task with a 30-minute reminder: one e-mail when the clock passes due − 30 min, not before, never twice', async () => {
    const w = await world();
    const { ben, eve } = w.users;
    const start = t.clock.now();
    const due = start + 2 * 60 * MINUTE;
    await w.add({ calendarItems: [{ user: 'ben', kind: 'task', title: 'Call the bank', dueAt: new Date(due).toISOString(), reminders: [30], contact: 'kim' }] });
    const worker = queue();
    expect(await tick(worker)).toEqual({ enqueued: 0, ran: 0 });
    t.clock.set(due - 31 * MINUTE);
    expect(await tick(worker)).toEqual({ enqueued: 0, ran: 0 });
    expect(to(ben.email)).toHaveLength(0);

    t.clock.set(due - 30 * MINUTE);
    expect(await tick(worker)).toEqual({ enqueued: 1, ran: 1 });
    const mails = to(ben.email);
    expect(mails).toHaveLength(1);
    const mail = mails[0]?.mail;
    expect(mail?.subject).toBe('Reminder: Call the bank (due Monday 5 January 2026, 11:00 (UTC))');
    expect(mail?.text).toContain('Due: Monday 5 January 2026, 11:00 (UTC)');
    expect(mail?.text).toContain('Contact: Kim Visible');
    expect(mail?.text).toContain(`Your calendar: ${PUBLIC_URL}/calendar`);
    expect(mail?.messageId).toMatch(/^<tandem\.reminder\.[0-9a-f-]{36}@tandem\.acme\.test>$/);
    expect(to(eve.email), 'only the assignee is reminded, not who holds a grant on the calendar').toHaveLength(0);

    // The same minute again, a minute later, and after a restart (a new worker): nothing more.
    expect(await tick(worker)).toEqual({ enqueued: 0, ran: 0 });
    t.clock.advance(MINUTE);
    expect(await tick(worker)).toEqual({ enqueued: 0, ran: 0 });
    await worker.stop();
    t.clock.advance(5 * MINUTE);
    expect(await tick(queue())).toEqual({ enqueued: 0, ran: 0 });
    expect(to(ben.email)).toHaveLength(1);
    expect((await sentRows(w.orgId)).map((r) => [r.minutes, r.status, r.reason])).toEqual([[30, 'sent', null]]);
  });

  it('two nodes running the job at the same moment enqueue the reminder once', async () => {
    const w = await world();
    const due = t.clock.now() + 30 * MINUTE;
    await w.add({ calendarItems: [{ user: 'ben', kind: 'task', title: 'Twice?', dueAt: new Date(due).toISOString(), reminders: [30, 10] }] });
    const results = await Promise.all([enqueueDueReminders({ db: t.db }, t.clock.now()), enqueueDueReminders({ db: t.db }, t.clock.now())]);
    expect(results.map((r) => r.enqueued).sort()).toEqual([0, 1]);
    expect(await Promise.all([queue().drain(), queue().drain()]).then((r) => r[0] + r[1])).toBe(1);
    expect(to(w.users.ben.email)).toHaveLength(1);
  });

  it('a worker that dies mid-send: the periodic job does not enqueue again; after the lease one e-mail arrives', async () => {
    const w = await world();
    const { ben } = w.users;
    await w.add({ calendarItems: [{ user: 'ben', kind: 'task', title: 'Crash test', dueAt: new Date(t.clock.now() + 30 * MINUTE).toISOString(), reminders: [30] }] });
    expect((await enqueueDueReminders({ db: t.db }, t.clock.now())).enqueued).toBe(1);
    const held = smtp.stallNext();
    const dying = queue();
    const run = dying.drain();
    await held;
    dying.abandon();
    smtp.release('drop');
    await run;
    expect(to(ben.email)).toHaveLength(0);
    // The restarted node: the job finds the reminder recorded; the queue waits for the lease (5 minutes), then sends.
    const restarted = queue();
    expect(await tick(restarted)).toEqual({ enqueued: 0, ran: 0 });
    t.clock.advance(5 * MINUTE);
    expect(await tick(restarted)).toEqual({ enqueued: 0, ran: 1 });
    expect(to(ben.email)).toHaveLength(1);
    expect((await sentRows(w.orgId)).map((r) => r.status)).toEqual(['sent']);
  });

  it('an event series sends one reminder per occurrence, at the time in the series\' zone', async () => {
    const w = await world();
    const { ben } = w.users;
    // Daily at 10:00 Paris (09:00 UTC in January) from tomorrow, reminded 15 minutes before.
    await w.add({ calendarItems: [{ user: 'ben', title: 'Stand-up', startsAt: '2026-01-06T09:00:00Z', endsAt: '2026-01-06T09:15:00Z', recurrence: { rule: 'FREQ=DAILY;COUNT=5', timeZone: 'Europe/Paris' }, reminders: [15] }] });
    const worker = queue();
    for (const day of ['2026-01-06', '2026-01-07', '2026-01-08']) {
      t.clock.set(`${day}T08:44:00Z`);
      expect(await tick(worker), `${day}, 16 minutes before`).toEqual({ enqueued: 0, ran: 0 });
      t.clock.set(`${day}T08:45:00Z`);
      expect(await tick(worker), day).toEqual({ enqueued: 1, ran: 1 });
      t.clock.set(`${day}T08:50:00Z`);
      expect(await tick(worker)).toEqual({ enqueued: 0, ran: 0 });
    }
    const texts = to(ben.email).map((a) => a.mail?.text ?? '');
    expect(texts.map((x) => x.split('\n')[1])).toEqual([
      'Starts: Tuesday 6 January 2026, 10:00 (Europe/Paris)', 'Starts: Wednesday 7 January 2026, 10:00 (Europe/Paris)', 'Starts: Thursday 8 January 2026, 10:00 (Europe/Paris)',
    ]);
    expect((await sentRows(w.orgId)).map((r) => new Date(r.occurrence_at).toISOString())).toEqual(['2026-01-06T09:00:00.000Z', '2026-01-07T09:00:00.000Z', '2026-01-08T09:00:00.000Z']);
  });

  it('a done task, a deleted item and a deactivated assignee get nothing; an item deleted after queueing sends nothing', async () => {
    const w = await world();
    const { ben, eve } = w.users;
    const due = t.clock.now() + 20 * MINUTE;
    const at = new Date(due).toISOString();
    const ids = (await w.add({ calendarItems: [
      { user: 'ben', kind: 'task', title: 'Done already', dueAt: at, reminders: [30], done: true },
      { user: 'ben', kind: 'task', title: 'Deleted', dueAt: at, reminders: [30] },
      { user: 'eve', kind: 'task', title: 'Eve leaves', dueAt: at, reminders: [30] },
    ] })).calendarItems;
    expectStatus(await cal.delete(ids[1] ?? '', { as: ben }), 204);
    await t.db.updateTable('users').set({ status: 'deactivated' }).where('id', '=', eve.id).execute();
    const worker = queue();
    expect(await tick(worker)).toEqual({ enqueued: 0, ran: 0 });

    // Queued, then deleted before the queue ran: the job finds no item.
    const late = (await w.add({ calendarItems: [{ user: 'ben', kind: 'task', title: 'Deleted while queued', dueAt: at, reminders: [30] }] })).calendarItems[0] ?? '';
    expect((await enqueueDueReminders({ db: t.db }, t.clock.now())).enqueued).toBe(1);
    expectStatus(await cal.delete(late, { as: ben }), 204);
    expect(await worker.drain()).toBe(1);
    expect(to(ben.email)).toHaveLength(0);
    expect(to(eve.email)).toHaveLength(0);
  });

  it('a linked contact the assignee cannot see is not named', async () => {
    const w = await world();
    const { ben } = w.users;
    const due = t.clock.now() + 30 * MINUTE;
    // Eve (edit on Ben's calendar) links her own contact, which Ben cannot see, to a task on Ben's calendar.
    await w.add({ calendarItems: [{ user: 'ben', by: 'eve', kind: 'task', title: 'Meet Eve\'s client', dueAt: new Date(due).toISOString(), reminders: [30], contact: 'zoe' }] });
    expect(await tick(queue())).toEqual({ enqueued: 1, ran: 1 });
    const text = to(ben.email)[0]?.mail?.text ?? '';
    expect(text).toContain('Meet Eve\'s client');
    expect(text).not.toContain('Zoe');
    expect(text).not.toContain('Contact:');
  });

  it('a reminder whose time passed more than the grace period ago (the server was down) is not sent', async () => {
    const w = await world();
    const due = t.clock.now() + 60 * MINUTE;
    await w.add({ calendarItems: [{ user: 'ben', kind: 'task', title: 'Missed', dueAt: new Date(due).toISOString(), reminders: [120, 30] }] });
    // The 120-minute reminder was due an hour ago (beyond the grace); the 30-minute one is not due yet.
    expect(await tick(queue())).toEqual({ enqueued: 0, ran: 0 });
    t.clock.set(due - 30 * MINUTE + REMINDER_GRACE_MS + MINUTE);
    expect(await tick(queue())).toEqual({ enqueued: 0, ran: 0 });
    expect(to(w.users.ben.email)).toHaveLength(0);
  });

  it('no SMTP configured: nothing is sent or logged, nothing fails, the reminder is recorded as skipped', async () => {
    const w = await world();
    const handed: OutgoingMail[] = [];
    const logged: Mailer = { mode: 'logged', send: async (mail) => { handed.push(mail); } };
    await w.add({ calendarItems: [{ user: 'ben', kind: 'task', title: 'No SMTP', dueAt: new Date(t.clock.now() + 10 * MINUTE).toISOString(), reminders: [10] }] });
    const worker = queue(logged);
    expect(await tick(worker)).toEqual({ enqueued: 1, ran: 1 });
    expect(await tick(worker)).toEqual({ enqueued: 0, ran: 0 });
    expect(handed).toEqual([]);
    expect((await sentRows(w.orgId)).map((r) => [r.status, r.reason])).toEqual([['skipped', 'no SMTP server is configured']]);
  });
});
