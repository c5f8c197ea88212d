// Tasks and events through the API (api.md "Calendars, tasks and events"): the window views (day, week, agenda) with
// recurring events expanded and keyset pages that reach every entry once, "My tasks" (open, overdue, due, done),
// what is refused as bad input, and a double submit with an Idempotency-Key. On PGlite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import { expectStatus, outcome, type Query } from './support/api-client.ts';
import { calendarClient, type CalendarItemDto } from './support/calendar-client.ts';
import { useTestApp } from './support/test-app.ts';

describe.each(['pglite', 'postgres'] as const)('calendar items on %s', (db) => {
  const t = useTestApp({ db });
  const cal = calendarClient(t.api);

  async function world() {
    return t.world({
      users: { ben: {}, eve: {}, vic: {} },
      grants: [{ owner: 'eve', user: 'ben', scope: 'calendar', level: 'view' }, { owner: 'vic', user: 'ben', scope: 'calendar', level: 'edit' }],
    });
  }
  const line = (i: CalendarItemDto) => `${i.startsAt ?? i.dueAt} ${i.title}`;

  it('a week of several calendars: one-off, long and all-day events, dated tasks, series occurrences; in order', async () => {
    const w = await world();
    const { ben, eve, vic } = w.users;
    const make = async (as: typeof ben, body: object) => expectStatus(await cal.create(body, { as }), 201).item;
    await make(ben, { kind: 'event', title: 'Weekly review', userId: ben.id, startsAt: '2025-12-29T16:00:00Z', endsAt: '2025-12-29T17:00:00Z', recurrence: { rule: 'FREQ=WEEKLY;BYDAY=MO,TH' } });
    await make(eve, { kind: 'event', title: 'Trade fair', userId: eve.id, startsAt: '2026-01-03T08:00:00Z', endsAt: '2026-01-07T18:00:00Z' });
    await make(vic, { kind: 'task', title: 'Invoice', userId: vic.id, dueAt: '2026-01-09T12:00:00Z' });
    await make(ben, { kind: 'task', title: 'Undated', userId: ben.id });
    await make(ben, { kind: 'event', title: 'Next week', userId: ben.id, startsAt: '2026-01-12T00:00:00Z', endsAt: '2026-01-12T01:00:00Z' });
    await make(ben, { kind: 'event', title: 'Ended last night', userId: ben.id, startsAt: '2026-01-04T22:00:00Z', endsAt: '2026-01-05T00:00:00Z' });
    await make(ben, { kind: 'event', title: 'Across midnight', userId: ben.id, startsAt: '2026-01-04T23:00:00Z', endsAt: '2026-01-05T01:00:00Z' });
    const week = { from: '2026-01-05T00:00:00Z', to: '2026-01-12T00:00:00Z' };
    const items = expectStatus(await cal.list({ as: ben, query: week }), 200).items;
    expect(items.map(line)).toEqual([
      '2026-01-03T08:00:00.000Z Trade fair', '2026-01-04T23:00:00.000Z Across midnight', '2026-01-05T16:00:00.000Z Weekly review',
      '2026-01-08T16:00:00.000Z Weekly review', '2026-01-09T12:00:00.000Z Invoice',
    ]);
    const review = items.find((i) => i.title === 'Weekly review');
    expect(review?.recurrence).toEqual({ rule: 'FREQ=WEEKLY;BYDAY=MO,TH', timeZone: 'UTC', seriesStartsAt: '2025-12-29T16:00:00.000Z', seriesEndsAt: '2025-12-29T17:00:00.000Z' });
    // Only some calendars; the day view.
    expect(expectStatus(await cal.list({ as: ben, query: { ...week, userIds: `${eve.id},${vic.id}` } }), 200).items.map((i) => i.title)).toEqual(['Trade fair', 'Invoice']);
    const day = expectStatus(await cal.list({ as: ben, query: { from: '2026-01-08T00:00:00Z', to: '2026-01-09T00:00:00Z' } }), 200).items;
    expect(day.map((i) => i.title)).toEqual(['Weekly review']);
    // GET of a series answers the series itself.
    expect(expectStatus(await cal.get(review?.id ?? '', { as: ben }), 200).item.startsAt).toBe('2025-12-29T16:00:00.000Z');
  });

  it('keyset pages of every size reach every entry of an agenda once, in order', async () => {
    const w = await world();
    const { ben, eve } = w.users;
    await w.add({ calendarItems: [
      { user: 'ben', title: 'Daily', startsAt: '2026-01-05T09:00:00Z', recurrence: { rule: 'FREQ=DAILY;COUNT=10', timeZone: 'Europe/Berlin' } },
      { user: 'eve', title: 'Same time', startsAt: '2026-01-06T08:00:00Z' },
      { user: 'eve', title: 'Same time too', startsAt: '2026-01-06T08:00:00Z' },
      { user: 'ben', kind: 'task', title: 'Due', dueAt: '2026-01-07T08:00:00Z' },
      { user: 'ben', title: 'Long', startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-01-10T00:00:00Z' },
    ] });
    const query = { from: '2026-01-05T00:00:00Z', to: '2026-01-19T00:00:00Z' };
    const all = expectStatus(await cal.list({ as: ben, query: { ...query, limit: 2000 } }), 200);
    expect(all.nextCursor).toBeNull();
    expect(all.items).toHaveLength(14);
    for (const limit of [1, 2, 3, 5]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 20; page += 1) {
        const answer = expectStatus(await cal.list({ as: ben, query: { ...query, limit, cursor } }), 200);
        seen.push(...answer.items.map((i) => `${line(i)} ${i.id}`));
        if (!answer.nextCursor) break;
        cursor = answer.nextCursor;
      }
      expect(seen, `pages of ${limit}`).toEqual(all.items.map((i) => `${line(i)} ${i.id}`));
    }
    expect(eve.id).toBeTruthy();
  });

  it('My tasks: open by due time (undated last), overdue, due, done; another readable calendar with userId', async () => {
    const w = await world();
    const { ben, eve, vic } = w.users;
    await w.add({ calendarItems: [
      { user: 'ben', kind: 'task', title: 'Late', dueAt: '2026-01-02T09:00:00Z' },
      { user: 'ben', kind: 'task', title: 'Soon', dueAt: '2026-01-06T09:00:00Z' },
      { user: 'ben', kind: 'task', title: 'Undated' },
      { user: 'ben', kind: 'task', title: 'Finished', dueAt: '2026-01-01T09:00:00Z', done: true },
      { user: 'ben', kind: 'event', title: 'Not a task', startsAt: '2026-01-06T09:00:00Z' },
      { user: 'eve', kind: 'task', title: "Eve's", dueAt: '2026-01-01T09:00:00Z' },
    ] });
    const titles = async (query: Query, as = ben) => expectStatus(await cal.tasks({ as, query }), 200).items.map((i) => `${i.title}${i.overdue ? '!' : ''}`);
    expect(await titles({})).toEqual(['Late!', 'Soon', 'Undated']);
    expect(await titles({ status: 'overdue' })).toEqual(['Late!']);
    expect(await titles({ status: 'due' })).toEqual(['Soon', 'Undated']);
    expect(await titles({ status: 'done' })).toEqual(['Finished']);
    expect(await titles({ userId: eve.id })).toEqual(["Eve's!"]);
    expect(outcome(await cal.tasks({ as: eve, query: { userId: ben.id } }))).toEqual({ status: 404, code: 'TANDEM_CALENDAR_NOT_FOUND' });
    t.clock.set('2026-01-06T09:00:00Z');
    expect(await titles({ status: 'overdue' })).toEqual(['Late!']);
    t.clock.set('2026-01-06T09:00:00.001Z');
    expect(await titles({ status: 'overdue' })).toEqual(['Late!', 'Soon!']);
    // Completing one: a task, done by the caller, out of the open list.
    const soon = (await cal.tasks({ as: ben, query: {} }));
    const soonId = expectStatus(soon, 200).items.find((i) => i.title === 'Soon')?.id ?? '';
    const done = expectStatus(await cal.update(soonId, { done: true }, { as: ben }), 200).item;
    expect(done).toMatchObject({ done: true, doneAt: '2026-01-06T09:00:00.001Z', overdue: false });
    expect(await titles({})).toEqual(['Late!', 'Undated']);
    expect(vic.id).toBeTruthy();
  });

  it('refuses bad input with the field named', async () => {
    const w = await world();
    const { ben } = w.users;
    const create = async (body: object) => outcome(await cal.create({ title: 'X', userId: ben.id, ...body }, { as: ben }));
    const issueOf = async (body: object) => {
      const answer = await cal.create({ title: 'X', userId: ben.id, ...body }, { as: ben });
      expect(answer.status).toBe(400);
      return (answer.body as { issues?: { path: string }[] }).issues?.map((i) => i.path);
    };
    expect(await issueOf({ kind: 'event', startsAt: '2026-01-06T09:00:00Z' })).toEqual(['endsAt']);
    expect(await issueOf({ kind: 'event', startsAt: '2026-01-06T09:00:00Z', endsAt: '2026-01-06T08:00:00Z' })).toEqual(['endsAt']);
    expect(await issueOf({ kind: 'task', startsAt: '2026-01-06T09:00:00Z' })).toEqual(['startsAt']);
    expect(await issueOf({ kind: 'event', dueAt: '2026-01-06T09:00:00Z', startsAt: '2026-01-06T09:00:00Z', endsAt: '2026-01-06T10:00:00Z' })).toEqual(['dueAt']);
    expect(await issueOf({ kind: 'task', reminders: [10] })).toEqual(['reminders']);
    const event = { kind: 'event', startsAt: '2026-01-06T09:00:00Z', endsAt: '2026-01-06T10:00:00Z' };
    expect(await issueOf({ ...event, recurrence: { rule: 'FREQ=HOURLY' } })).toEqual(['recurrence.rule']);
    expect(await issueOf({ ...event, recurrence: { rule: 'FREQ=DAILY', timeZone: 'Mars/Olympus' } })).toEqual(['recurrence.timeZone']);
    expect(await create({ kind: 'meeting' })).toMatchObject({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    expect(await create({ kind: 'task', title: '' })).toMatchObject({ status: 400 });
    expect(await create({ kind: 'task', dueAt: '2026-13-01T00:00:00Z' })).toMatchObject({ status: 400 });
    expect(await create({ kind: 'task', reminders: [1, 2, 3, 4, 5, 6] })).toMatchObject({ status: 400 });
    const task = expectStatus(await cal.create({ kind: 'task', title: 'T', userId: ben.id }, { as: ben }), 201).item;
    expect(outcome(await cal.update(task.id, { kind: 'event' }, { as: ben }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    const ev = expectStatus(await cal.create({ title: 'E', userId: ben.id, ...event }, { as: ben }), 201).item;
    expect(outcome(await cal.update(ev.id, { done: true }, { as: ben }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    const list = async (query: Query) => outcome(await cal.list({ as: ben, query }));
    expect(await list({ from: '2026-01-01T00:00:00Z', to: '2026-04-03T00:00:01Z' })).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    expect(await list({ from: '2026-01-01T00:00:00Z', to: '2026-04-03T00:00:00Z' })).toEqual({ status: 200 });
    expect(await list({ from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' })).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    expect(await list({ from: '2026-01-01T00:00:00Z' })).toMatchObject({ status: 400 });
    expect(await list({ from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z', cursor: 'bogus' })).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    expect(await list({ from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z', userIds: 'not-an-id' })).toEqual({ status: 404, code: 'TANDEM_CALENDAR_NOT_FOUND' });
  });

  it('a double submit with one Idempotency-Key creates one item', async () => {
    const w = await world();
    const { ben } = w.users;
    const body = { kind: 'task', title: 'Once', userId: ben.id };
    const headers = { 'idempotency-key': 'calendar-once-1' };
    const [a, b] = await Promise.all([cal.create(body, { as: ben, headers }), cal.create(body, { as: ben, headers })]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(expectStatus(a, 201).item.id).toBe(expectStatus(b, 201).item.id);
    expect(expectStatus(await cal.tasks({ as: ben, query: {} }), 200).items.map((i) => i.title)).toEqual(['Once']);
  });

  it('racing moves and deletes of one item succeed once', async () => {
    const w = await world();
    const { ben, vic } = w.users;
    const item = expectStatus(await cal.create({ kind: 'task', title: 'Race', userId: ben.id, dueAt: '2026-01-06T09:00:00Z' }, { as: ben }), 201).item;
    const answers = await Promise.all([cal.delete(item.id, { as: ben }), cal.delete(item.id, { as: ben }), cal.update(item.id, { userId: vic.id }, { as: ben })]);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 204)).toHaveLength(1);
    expect(statuses.every((s) => s === 204 || s === 404 || s === 200)).toBe(true);
    const audit = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', item.id).where('action', '=', 'calendar_item.delete').execute();
    expect(audit).toHaveLength(1);
  });
});
