// Secret iCalendar feeds (issue 11, item 4): made, replaced and revoked by their holder, read back with a real
// iCalendar parser (ical.js), evaluated as the holder at each request: the same URL answers 404 once the holder's
// read access to the calendar ends, the holder or the calendar's user is deactivated, or the URL was replaced.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { expectStatus, outcome } from './support/api-client.ts';
import { calendarClient } from './support/calendar-client.ts';
import { useTestApp } from './support/test-app.ts';

const t = useTestApp({ publicUrl: 'https://crm.example.test/' });
const cal = calendarClient(t.api);

type ParsedEvent = { uid: string; summary: string; start: string; end: string | null; description: string | null; categories: string[]; alarms: number; allDay: boolean };

/** The VEVENTs of a feed, as ical.js reads them, in start order. */
function parse(text: string): { name: string; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((c): ParsedEvent => {
    const event = new ICAL.Event(c);
    return {
      uid: event.uid, summary: event.summary, start: event.startDate.toJSDate().toISOString(), end: event.endDate ? event.endDate.toJSDate().toISOString() : null,
      description: event.description ?? null, categories: c.getAllProperties('categories').flatMap((p) => p.getValues().map(String)),
      alarms: c.getAllSubcomponents('valarm').length, allDay: event.startDate.isDate,
    };
  });
  return { name: String(calendar.getFirstPropertyValue('x-wr-calname') ?? calendar.getFirstPropertyValue('name')), events: events.sort((a, b) => a.start.localeCompare(b.start)) };
}

async function world() {
  const w = await t.world({
    users: { ben: {}, vic: {}, ada: { role: 'admin' }, stan: {} },
    contacts: { zoe: { owner: 'ben', name: 'Zoe Zimmer' } },
    shares: [],
    grants: [{ owner: 'ben', user: 'vic', scope: 'calendar', level: 'view' }],
  });
  return w;
}

describe('calendar feeds', () => {
  it('the holder reads the calendar as iCalendar: events, dated tasks, series as occurrences, reminders, contacts only when seen', async () => {
    const w = await world();
    const { ben, vic } = w.users;
    const as = { as: ben };
    expectStatus(await cal.create({ kind: 'event', title: 'Standup', userId: ben.id, startsAt: '2026-01-05T08:00:00Z', endsAt: '2026-01-05T08:15:00Z',
      recurrence: { rule: 'FREQ=WEEKLY;COUNT=3', timeZone: 'Europe/Paris' }, reminders: [10] }, as), 201);
    expectStatus(await cal.create({ kind: 'task', title: 'Send offer', userId: ben.id, dueAt: '2026-01-07T16:00:00Z', contactId: w.contacts.zoe, notes: 'Price list v2' }, as), 201);
    expectStatus(await cal.create({ kind: 'task', title: 'Someday', userId: ben.id }, as), 201);
    expectStatus(await cal.create({ kind: 'event', title: 'Offsite', userId: ben.id, startsAt: '2026-01-20T00:00:00Z', endsAt: '2026-01-22T00:00:00Z', allDay: true }, as), 201);
    const { url } = expectStatus(await cal.createFeed(ben.id, { as: vic }), 201);
    expect(url).toMatch(/^https:\/\/crm\.example\.test\/api\/v1\/calendar-feeds\/[A-Za-z0-9_-]{43}\.ics$/);

    const answer = await cal.readFeed(url);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const feed = parse(String(answer.body));
    expect(feed.name).toBe('Ben (Tandem)');
    expect(feed.events.map((e) => `${e.start} ${e.summary}`)).toEqual([
      '2026-01-05T08:00:00.000Z Standup', '2026-01-07T16:00:00.000Z Send offer', '2026-01-12T08:00:00.000Z Standup',
      '2026-01-19T08:00:00.000Z Standup', '2026-01-20T00:00:00.000Z Offsite',
    ]);
    const offer = feed.events.find((e) => e.summary === 'Send offer');
    // Vic reads Ben's calendar but not Zoe: the task is there, her name is not.
    expect(offer).toMatchObject({ categories: ['Task'], description: 'Price list v2' });
    expect(feed.events.find((e) => e.summary === 'Offsite')).toMatchObject({ allDay: true });
    expect(feed.events.filter((e) => e.summary === 'Standup').every((e) => e.alarms === 1)).toBe(true);
    expect(new Set(feed.events.map((e) => e.uid)).size).toBe(feed.events.length);

    // The same occurrences the API expands for the window.
    const window = expectStatus(await cal.list({ as: vic, query: { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' } }), 200).items;
    expect(window.map((i) => `${i.startsAt ?? i.dueAt} ${i.title}`)).toEqual(feed.events.map((e) => `${e.start} ${e.summary}`));

    // Ben's own feed names Zoe.
    const own = parse(String((await cal.readFeed(expectStatus(await cal.createFeed(ben.id, as), 201).url)).body));
    expect(own.events.find((e) => e.summary === 'Send offer')?.description).toBe('Contact: Zoe Zimmer\n\nPrice list v2');
  });

  it('answers 404 once the holder\'s grant ends, and again when it comes back', async () => {
    const w = await t.world({ users: { ben: {}, vic: {} }, grants: [{ owner: 'ben', user: 'vic', scope: 'calendar', level: 'view', expiresAt: '2026-01-06T00:00:00Z' }] });
    const { url } = expectStatus(await cal.createFeed(w.users.ben.id, { as: w.users.vic }), 201);
    expect((await cal.readFeed(url)).status).toBe(200);
    t.clock.set('2026-01-06T00:00:00Z');
    const gone = await cal.readFeed(url);
    expect(outcome(gone)).toEqual({ status: 404, code: 'TANDEM_CALENDAR_FEED_NOT_FOUND' });
    expect(gone.body).toEqual((await cal.readFeed(`/api/v1/calendar-feeds/${'A'.repeat(43)}.ics`)).body);
    await w.add({ grants: [{ owner: 'ben', user: 'vic', scope: 'calendar', level: 'edit' }] });
    expect((await cal.readFeed(url)).status).toBe(200);
  });

  it('answers 404 when the grant is revoked, the holder or the calendar\'s user is deactivated', async () => {
    const w = await t.world({ users: { ada: { role: 'admin' }, ben: {}, vic: {} } });
    const { ada, ben, vic } = w.users;
    const grant = expectStatus(await t.api.grants.create(ben.id, { grantee: { userId: vic.id }, scope: 'calendar', level: 'view' }, { as: ada }), 201).grant;
    const { url } = expectStatus(await cal.createFeed(ben.id, { as: vic }), 201);
    const own = expectStatus(await cal.createFeed(vic.id, { as: vic }), 201).url;
    expect((await cal.readFeed(url)).status).toBe(200);
    expect((await t.api.grants.revoke(grant.id, { as: ada })).status).toBe(204);
    expect((await cal.readFeed(url)).status).toBe(404);
    expectStatus(await t.api.grants.create(ben.id, { grantee: { userId: vic.id }, scope: 'calendar', level: 'view' }, { as: ada }), 201);
    expect((await cal.readFeed(url)).status).toBe(200);
    expectStatus(await t.api.users.update(ben.id, { status: 'deactivated' }, { as: ada }), 200);
    expect((await cal.readFeed(url)).status).toBe(404);
    expect((await cal.readFeed(own)).status).toBe(200);
    expectStatus(await t.api.users.update(ben.id, { status: 'active' }, { as: ada }), 200);
    expectStatus(await t.api.users.update(vic.id, { status: 'deactivated' }, { as: ada }), 200);
    expect((await cal.readFeed(url)).status).toBe(404);
    expect((await cal.readFeed(own)).status).toBe(404);
  });

  it('asking again replaces the URL; revoking ends it; only calendars the caller reads; audited', async () => {
    const w = await world();
    const { ben, vic, ada, stan } = w.users;
    const first = expectStatus(await cal.createFeed(ben.id, { as: vic }), 201).url;
    const second = expectStatus(await cal.createFeed(ben.id, { as: vic }), 201).url;
    expect(second).not.toBe(first);
    expect((await cal.readFeed(first)).status).toBe(404);
    expect((await cal.readFeed(second)).status).toBe(200);
    const listed = expectStatus(await cal.calendars({ as: vic }), 200).items.find((c) => c.userId === ben.id);
    expect(listed?.feedCreatedAt).toBe('2026-01-05T09:00:00.000Z');
    expect((await cal.revokeFeed(ben.id, { as: vic })).status).toBe(204);
    expect((await cal.readFeed(second)).status).toBe(404);
    expect(outcome(await cal.revokeFeed(ben.id, { as: vic }))).toEqual({ status: 404, code: 'TANDEM_CALENDAR_FEED_NOT_FOUND' });
    for (const who of [ada, stan]) expect(outcome(await cal.createFeed(ben.id, { as: who }))).toEqual({ status: 404, code: 'TANDEM_CALENDAR_NOT_FOUND' });
    expect(outcome(await cal.createFeed('nope', { as: vic }))).toEqual({ status: 404, code: 'TANDEM_CALENDAR_NOT_FOUND' });
    expect((await cal.createFeed(ben.id)).status).toBe(401);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'target_id']).where('org_id', '=', w.orgId).where('target_type', '=', 'calendar').orderBy('seq').execute();
    expect(audit.map((a) => `${a.action} ${a.target_id === ben.id}`)).toEqual(['calendar.feed.create true', 'calendar.feed.rotate true', 'calendar.feed.revoke true']);
  });

  it('shows only what its holder reads: items moved off the calendar leave the feed', async () => {
    const w = await t.world({ users: { ben: {}, eve: {} }, grants: [{ owner: 'ben', user: 'eve', scope: 'calendar', level: 'edit' }] });
    const { ben, eve } = w.users;
    const item = expectStatus(await cal.create({ kind: 'task', title: 'Moving', userId: ben.id, dueAt: '2026-01-08T10:00:00Z' }, { as: ben }), 201).item;
    const benFeed = expectStatus(await cal.createFeed(ben.id, { as: ben }), 201).url;
    expect(parse(String((await cal.readFeed(benFeed)).body)).events.map((e) => e.summary)).toEqual(['Moving']);
    expectStatus(await cal.update(item.id, { userId: eve.id }, { as: eve }), 200);
    expect(parse(String((await cal.readFeed(benFeed)).body)).events).toEqual([]);
  });
});
