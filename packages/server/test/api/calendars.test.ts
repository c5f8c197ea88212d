// Calendars, tasks and events (spec §7; api.md "Calendars, tasks and events"), role by role: the calendar's owner,
// a calendar viewer and editor (calendar grants), an admin without grants, a contact collaborator and viewer (record
// shares, no calendar grant), a stranger, a user of another org and a deactivated user. An item the caller cannot
// read answers 404 exactly as a missing one; 403 only for a visible item and a refused action, and for writing on a
// calendar one may not write on (spec §11, example 7).
import { describe, expect, it } from 'vitest';
import { expectStatus, outcome } from './support/api-client.ts';
import { calendarClient } from './support/calendar-client.ts';
import { useTestApp } from './support/test-app.ts';

const t = useTestApp();
const cal = calendarClient(t.api);
const MISSING = '00000000-0000-4000-8000-000000000000';
const WEEK = { from: '2026-01-05T00:00:00Z', to: '2026-01-12T00:00:00Z' };

/**
 * Acme: Ben owns contact Zoe and his calendar. Vic holds a `view` calendar grant on Ben, Eve an `edit` one, Dee an
 * `edit` one but is deactivated; Col collaborates on Zoe (record share) and Viv views her, neither with a calendar
 * grant; Cora collaborates on Zoe and holds `edit` on Ben's calendar; Vera views Zoe and holds `edit` on Ben's
 * calendar; Ada is an admin without grants; Stan a member with nothing. Globex: Oz, its admin.
 */
async function world() {
  const w = await t.world({
    orgs: { acme: {}, globex: {} },
    users: {
      ben: {}, vic: {}, eve: {}, dee: { status: 'deactivated' }, col: {}, viv: {}, cora: {}, vera: {}, ada: { role: 'admin' }, stan: {},
      oz: { org: 'globex', role: 'admin' },
    },
    contacts: { zoe: { owner: 'ben', name: 'Zoe Zimmer' } },
    shares: [
      { contact: 'zoe', user: 'col', level: 'collaborate' }, { contact: 'zoe', user: 'viv', level: 'view' },
      { contact: 'zoe', user: 'cora', level: 'collaborate' }, { contact: 'zoe', user: 'vera', level: 'view' },
    ],
    grants: [
      { owner: 'ben', user: 'vic', scope: 'calendar', level: 'view' }, { owner: 'ben', user: 'eve', scope: 'calendar', level: 'edit' },
      { owner: 'ben', user: 'dee', scope: 'calendar', level: 'edit' }, { owner: 'ben', user: 'cora', scope: 'calendar', level: 'edit' },
      { owner: 'ben', user: 'vera', scope: 'calendar', level: 'edit' },
    ],
  });
  const u = w.users;
  const event = async (title = 'Lunch', extra: object = {}) => expectStatus(await cal.create({
    kind: 'event', title, userId: u.ben.id, startsAt: '2026-01-06T12:00:00Z', endsAt: '2026-01-06T13:00:00Z', ...extra,
  }, { as: u.ben }), 201).item;
  return { ...w, u, event };
}

describe('roles on an item of Ben\'s calendar', () => {
  it('read, change and delete: owner and editor may; viewer reads; everyone else gets 404; deactivated 401', async () => {
    const { u, event } = await world();
    const expected = {
      ben: [200, 200, 204], vic: [200, 403, 403], eve: [200, 200, 204], ada: [404, 404, 404], col: [404, 404, 404], viv: [404, 404, 404],
      stan: [404, 404, 404], oz: [404, 404, 404], dee: [401, 401, 401],
    } as const;
    for (const [who, [read, change, remove]] of Object.entries(expected)) {
      const as = { as: u[who as keyof typeof expected] };
      const item = await event(`For ${who}`);
      expect((await cal.get(item.id, as)).status, `${who} reads`).toBe(read);
      expect((await cal.update(item.id, { title: 'Changed' }, as)).status, `${who} changes`).toBe(change);
      expect((await cal.delete(item.id, as)).status, `${who} deletes`).toBe(remove);
    }
  });

  it('access to the linked contact gives nothing on the item: its collaborator and viewer get 404 as strangers do', async () => {
    const { u, contacts, event } = await world();
    const item = await event('With Zoe', { contactId: contacts.zoe });
    for (const who of ['col', 'viv'] as const) {
      expect(outcome(await cal.get(item.id, { as: u[who] })), who).toEqual({ status: 404, code: 'TANDEM_CALENDAR_ITEM_NOT_FOUND' });
      expect(outcome(await cal.update(item.id, { done: true }, { as: u[who] })), who).toEqual({ status: 404, code: 'TANDEM_CALENDAR_ITEM_NOT_FOUND' });
    }
    // Ben, who owns both, sees the link; Vic, who reads only the calendar, sees the item without it.
    expect(expectStatus(await cal.get(item.id, { as: u.ben }), 200).item.contact).toEqual({ id: contacts.zoe, name: 'Zoe Zimmer' });
    expect(expectStatus(await cal.get(item.id, { as: u.vic }), 200).item.contact).toBeNull();
  });

  it('an invisible item answers exactly as a missing one', async () => {
    const { u, event } = await world();
    const item = await event();
    const invisible = await cal.get(item.id, { as: u.ada });
    const missing = await cal.get(MISSING, { as: u.ada });
    const malformed = await cal.get('not-an-id', { as: u.ada });
    expect(invisible.body).toEqual(missing.body);
    expect(malformed.body).toEqual(missing.body);
    expect(outcome(invisible)).toEqual({ status: 404, code: 'TANDEM_CALENDAR_ITEM_NOT_FOUND' });
  });

  it('creating on Ben\'s calendar: owner and editor 201; viewer, admin, collaborator, viewer, stranger 403; other org 404; deactivated 401', async () => {
    const { u } = await world();
    const expected = { ben: 201, eve: 201, vic: 403, ada: 403, col: 403, viv: 403, stan: 403, oz: 404, dee: 401 } as const;
    for (const [who, status] of Object.entries(expected)) {
      const answer = await cal.create({ kind: 'task', title: `From ${who}`, userId: u.ben.id, dueAt: '2026-01-07T09:00:00Z' }, { as: u[who as keyof typeof expected] });
      expect(outcome(answer), who).toMatchObject({ status });
      if (status === 403) expect(outcome(answer).code).toBe('TANDEM_ACCESS_FORBIDDEN');
      if (status === 404) expect(outcome(answer).code).toBe('TANDEM_CALENDAR_NOT_FOUND');
    }
  });

  it('the week view: each role sees Ben\'s items only through its own calendar or a grant', async () => {
    const { u, event } = await world();
    const item = await event();
    const expected = { ben: 200, vic: 200, eve: 200, ada: 404, col: 404, viv: 404, stan: 404, oz: 404, dee: 401 } as const;
    for (const [who, status] of Object.entries(expected)) {
      const as = u[who as keyof typeof expected];
      const answer = await cal.list({ as, query: { ...WEEK, userIds: u.ben.id } });
      expect(outcome(answer), who).toMatchObject({ status });
      if (answer.status === 200) expect(answer.body.items.map((i) => i.id)).toEqual([item.id]);
      if (status === 404) expect(outcome(answer).code).toBe('TANDEM_CALENDAR_NOT_FOUND');
      // Without userIds: every calendar the caller reads, so Ben's item only for those who read his calendar.
      const all = await cal.list({ as, query: WEEK });
      if (all.status === 200) expect(all.body.items.some((i) => i.id === item.id), who).toBe(status === 200);
    }
  });

  it('access.actions come from the core: view for a viewer, all three for the owner and an editor', async () => {
    const { u, event } = await world();
    const item = await event();
    expect(item.access.actions).toEqual(['calendar_item.view', 'calendar_item.edit', 'calendar_item.delete']);
    expect(expectStatus(await cal.get(item.id, { as: u.vic }), 200).item.access.actions).toEqual(['calendar_item.view']);
    expect(expectStatus(await cal.get(item.id, { as: u.eve }), 200).item.access.actions).toEqual(['calendar_item.view', 'calendar_item.edit', 'calendar_item.delete']);
  });

  it('GET /calendars: own first, then granted ones with their level; admins get their own only', async () => {
    const { u } = await world();
    expect(expectStatus(await cal.calendars({ as: u.vic }), 200).items.map((c) => `${c.name}:${c.level}:${c.active}`)).toEqual(['Vic:owner:true', 'Ben:view:true']);
    expect(expectStatus(await cal.calendars({ as: u.eve }), 200).items.map((c) => `${c.name}:${c.level}`)).toEqual(['Eve:owner', 'Ben:edit']);
    expect(expectStatus(await cal.calendars({ as: u.ada }), 200).items.map((c) => `${c.name}:${c.level}`)).toEqual(['Ada:owner']);
    expect(expectStatus(await cal.calendars({ as: u.oz }), 200).items.map((c) => c.name)).toEqual(['Oz']);
    expect((await cal.calendars({ as: u.dee })).status).toBe(401);
  });
});

describe('grants govern calendars as they change', () => {
  it('a calendar grant works within its window only; a team grant for the team\'s members', async () => {
    const w = await t.world({ users: { ben: {}, dan: {}, tom: {} }, teams: { sales: { members: ['tom'] } } });
    const item = expectStatus(await cal.create({ kind: 'task', title: 'Call back', userId: w.users.ben.id, dueAt: '2026-01-08T10:00:00Z' }, { as: w.users.ben }), 201).item;
    expect((await cal.get(item.id, { as: w.users.dan })).status).toBe(404);
    await w.add({ grants: [
      { owner: 'ben', user: 'dan', scope: 'calendar', level: 'edit', startsAt: '2026-01-05T10:00:00Z', expiresAt: '2026-01-06T00:00:00Z' },
      { owner: 'ben', team: 'sales', scope: 'calendar', level: 'view' },
    ] });
    expect((await cal.get(item.id, { as: w.users.dan })).status).toBe(404);
    expect((await cal.get(item.id, { as: w.users.tom })).status).toBe(200);
    t.clock.set('2026-01-05T10:00:00Z');
    expect((await cal.update(item.id, { title: 'Call back Zoe' }, { as: w.users.dan })).status).toBe(200);
    t.clock.set('2026-01-06T00:00:00Z');
    expect((await cal.get(item.id, { as: w.users.dan })).status).toBe(404);
    // A contacts grant gives nothing on the calendar.
    await w.add({ grants: [{ owner: 'ben', user: 'dan', scope: 'contacts', level: 'edit' }] });
    expect((await cal.get(item.id, { as: w.users.dan })).status).toBe(404);
  });
});

describe('moving an item needs write on both calendars', () => {
  it('an editor of Ben moves to her own calendar and back; not to a calendar she only reads or does not read', async () => {
    const w = await t.world({
      users: { ben: {}, eve: {}, vic: {}, sam: {}, dee: { status: 'deactivated' } },
      grants: [
        { owner: 'ben', user: 'eve', scope: 'calendar', level: 'edit' }, { owner: 'vic', user: 'eve', scope: 'calendar', level: 'view' },
        { owner: 'dee', user: 'eve', scope: 'calendar', level: 'edit' }, { owner: 'ben', user: 'vic', scope: 'calendar', level: 'view' },
      ],
    });
    const { ben, eve, vic, sam, dee } = w.users;
    const item = expectStatus(await cal.create({ kind: 'task', title: 'Renewal', userId: ben.id, dueAt: '2026-01-09T09:00:00Z' }, { as: eve }), 201).item;
    expect(item).toMatchObject({ userId: ben.id, createdBy: eve.id });
    expect(outcome(await cal.update(item.id, { userId: vic.id }, { as: eve }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expect(outcome(await cal.update(item.id, { userId: sam.id }, { as: eve }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expect(outcome(await cal.update(item.id, { userId: dee.id }, { as: eve }))).toEqual({ status: 409, code: 'TANDEM_USER_INACTIVE' });
    expect(outcome(await cal.update(item.id, { userId: MISSING }, { as: eve }))).toEqual({ status: 404, code: 'TANDEM_CALENDAR_NOT_FOUND' });
    expect(expectStatus(await cal.update(item.id, { userId: eve.id }, { as: eve }), 200).item.userId).toBe(eve.id);
    // Now on Eve's calendar: Vic (a reader of Ben's, not of Eve's) no longer sees it; Ben neither.
    expect((await cal.get(item.id, { as: vic })).status).toBe(404);
    expect((await cal.get(item.id, { as: ben })).status).toBe(404);
    expect(expectStatus(await cal.update(item.id, { userId: ben.id }, { as: eve }), 200).item.userId).toBe(ben.id);
    // A reader of Ben's calendar may not move his item anywhere, even to her own calendar.
    expect(outcome(await cal.update(item.id, { userId: vic.id }, { as: vic }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    const moves = await t.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('target_id', '=', item.id).where('action', '=', 'calendar_item.move').execute();
    expect(moves.map((m) => [(m.before as { userId: string }).userId, (m.after as { userId: string }).userId])).toEqual([[ben.id, eve.id], [eve.id, ben.id]]);
  });
});

describe('items linked to a contact', () => {
  it('creating linked needs collaborate on the contact besides write on the calendar', async () => {
    const { u, contacts } = await world();
    const task = { kind: 'task', title: 'Follow up with Zoe', userId: u.ben.id, dueAt: '2026-01-07T09:00:00Z', contactId: contacts.zoe };
    expect(expectStatus(await cal.create(task, { as: u.cora }), 201).item.contact).toEqual({ id: contacts.zoe, name: 'Zoe Zimmer' });
    expect(outcome(await cal.create(task, { as: u.vera }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expect(outcome(await cal.create(task, { as: u.eve }))).toEqual({ status: 404, code: 'TANDEM_CONTACT_NOT_FOUND' });
    expect(outcome(await cal.create({ ...task, contactId: MISSING }, { as: u.ben }))).toEqual({ status: 404, code: 'TANDEM_CONTACT_NOT_FOUND' });
    // Col collaborates on Zoe but may not write on Ben's calendar: the calendar is refused first.
    expect(outcome(await cal.create(task, { as: u.col }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    // On his own calendar Col may link Zoe.
    expect((await cal.create({ ...task, userId: u.col.id }, { as: u.col })).status).toBe(201);
    // An event linked to Zoe follows the same rule.
    const event = { kind: 'event', title: 'Visit Zoe', userId: u.ben.id, startsAt: '2026-01-08T10:00:00Z', endsAt: '2026-01-08T11:00:00Z', contactId: contacts.zoe };
    expect(outcome(await cal.create(event, { as: u.vera }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
  });

  it('linking later needs collaborate; unlinking and other changes need only write on the calendar', async () => {
    const { u, contacts, event } = await world();
    const item = await event();
    expect(outcome(await cal.update(item.id, { contactId: contacts.zoe }, { as: u.vera }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expect(expectStatus(await cal.update(item.id, { contactId: contacts.zoe }, { as: u.cora }), 200).item.contact?.id).toBe(contacts.zoe);
    // Eve writes on Ben's calendar without seeing Zoe: she may rename the item (the link stays, hidden from her) and unlink it.
    const renamed = expectStatus(await cal.update(item.id, { title: 'Lunch with a client' }, { as: u.eve }), 200).item;
    expect(renamed.contact).toBeNull();
    expect(expectStatus(await cal.get(item.id, { as: u.ben }), 200).item.contact?.id).toBe(contacts.zoe);
    expect(expectStatus(await cal.update(item.id, { contactId: null }, { as: u.eve }), 200).item.contact).toBeNull();
    expect(expectStatus(await cal.get(item.id, { as: u.ben }), 200).item.contact).toBeNull();
  });

  it('a contact\'s page shows a linked item only to users who see both the contact (view) and the calendar', async () => {
    const { u, contacts } = await world();
    const linked = expectStatus(await cal.create({ kind: 'task', title: 'Send offer', userId: u.ben.id, dueAt: '2026-01-07T09:00:00Z', contactId: contacts.zoe }, { as: u.ben }), 201).item;
    const onColsCalendar = expectStatus(await cal.create({ kind: 'task', title: 'Col calls Zoe', userId: u.col.id, contactId: contacts.zoe }, { as: u.col }), 201).item;
    const page = (who: keyof typeof u) => cal.ofContact(contacts.zoe, { as: u[who] });
    const ids = async (who: keyof typeof u) => expectStatus(await page(who), 200).items.map((i) => i.id);
    expect(await ids('ben')).toEqual([linked.id]);
    expect(await ids('vera')).toEqual([linked.id]);
    expect(await ids('cora')).toEqual([linked.id]);
    expect(await ids('col')).toEqual([onColsCalendar.id]);
    expect(await ids('viv')).toEqual([]);
    expect(outcome(await page('ada'))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expect(outcome(await page('vic'))).toEqual({ status: 404, code: 'TANDEM_CONTACT_NOT_FOUND' });
    expect(outcome(await page('eve'))).toEqual({ status: 404, code: 'TANDEM_CONTACT_NOT_FOUND' });
    expect(outcome(await page('stan'))).toEqual({ status: 404, code: 'TANDEM_CONTACT_NOT_FOUND' });
    expect(outcome(await page('oz'))).toEqual({ status: 404, code: 'TANDEM_CONTACT_NOT_FOUND' });
    expect((await page('dee')).status).toBe(401);
    // In the week view Vic (calendar, not contact) sees the task, without the contact; contactId filters need the contact.
    const week = expectStatus(await cal.list({ as: u.vic, query: WEEK }), 200).items;
    expect(week.find((i) => i.id === linked.id)?.contact).toBeNull();
    expect(outcome(await cal.list({ as: u.vic, query: { ...WEEK, contactId: contacts.zoe } }))).toEqual({ status: 404, code: 'TANDEM_CONTACT_NOT_FOUND' });
    expect(expectStatus(await cal.list({ as: u.vera, query: { ...WEEK, contactId: contacts.zoe } }), 200).items.map((i) => i.id)).toEqual([linked.id]);
  });

  it('a share that ends takes the contact off the item; a trashed contact cannot be linked, only its owner still sees it', async () => {
    const w = await t.world({
      users: { ben: {}, cat: {} }, contacts: { zoe: { owner: 'ben' }, old: { owner: 'ben', state: 'trashed' } },
      shares: [{ contact: 'zoe', user: 'cat', level: 'collaborate', expiresAt: '2026-01-06T00:00:00Z' }],
      grants: [{ owner: 'ben', user: 'cat', scope: 'calendar', level: 'edit' }],
    });
    const { ben, cat } = w.users;
    const item = expectStatus(await cal.create({ kind: 'task', title: 'Zoe', userId: ben.id, contactId: w.contacts.zoe }, { as: cat }), 201).item;
    expect(item.contact?.id).toBe(w.contacts.zoe);
    t.clock.set('2026-01-06T00:00:00Z');
    expect(expectStatus(await cal.get(item.id, { as: cat }), 200).item.contact).toBeNull();
    expect(outcome(await cal.ofContact(w.contacts.zoe, { as: cat }))).toEqual({ status: 404, code: 'TANDEM_CONTACT_NOT_FOUND' });
    expect(outcome(await cal.create({ kind: 'task', title: 'Old', userId: ben.id, contactId: w.contacts.old }, { as: ben }))).toEqual({ status: 409, code: 'TANDEM_CONTACT_WRONG_STATE' });
  });
});

describe('admins get nothing by being admins', () => {
  it('an admin reads and writes only calendars a grant gives them (and audits the grant they give themselves)', async () => {
    const w = await t.world({ users: { ada: { role: 'admin' }, ben: {} } });
    const { ada, ben } = w.users;
    const item = expectStatus(await cal.create({ kind: 'task', title: 'Private', userId: ben.id }, { as: ben }), 201).item;
    expect((await cal.get(item.id, { as: ada })).status).toBe(404);
    expect(expectStatus(await cal.tasks({ as: ada, query: {} }), 200).items).toEqual([]);
    expect(outcome(await cal.tasks({ as: ada, query: { userId: ben.id } }))).toEqual({ status: 404, code: 'TANDEM_CALENDAR_NOT_FOUND' });
    expectStatus(await t.api.grants.create(ben.id, { grantee: { userId: ada.id }, scope: 'calendar', level: 'view' }, { as: ada }), 201);
    expect((await cal.get(item.id, { as: ada })).status).toBe(200);
    expect(expectStatus(await cal.tasks({ as: ada, query: { userId: ben.id } }), 200).items.map((i) => i.id)).toEqual([item.id]);
  });
});

describe('the audit log', () => {
  it('records create, change, completion, reopening, move and delete, without titles, notes or times', async () => {
    const w = await t.world({ users: { ben: {}, eve: {} }, grants: [{ owner: 'eve', user: 'ben', scope: 'calendar', level: 'edit' }] });
    const { ben, eve } = w.users;
    const item = expectStatus(await cal.create({ kind: 'task', title: 'Secret plan', notes: 'very secret', userId: ben.id, dueAt: '2026-01-07T09:00:00Z' }, { as: ben }), 201).item;
    expectStatus(await cal.update(item.id, { title: 'Secret plan B' }, { as: ben }), 200);
    expectStatus(await cal.update(item.id, { title: 'Secret plan B' }, { as: ben }), 200);
    expectStatus(await cal.update(item.id, { done: true }, { as: ben }), 200);
    expectStatus(await cal.update(item.id, { done: false }, { as: ben }), 200);
    expectStatus(await cal.update(item.id, { userId: eve.id }, { as: ben }), 200);
    expect((await cal.delete(item.id, { as: ben })).status).toBe(204);
    const rows = await t.db.selectFrom('audit_log').select(['action', 'target_type', 'actor_id', 'before', 'after'])
      .where('target_id', '=', item.id).orderBy('seq').execute();
    expect(rows.map((r) => r.action)).toEqual([
      'calendar_item.create', 'calendar_item.update', 'calendar_item.complete', 'calendar_item.reopen', 'calendar_item.move', 'calendar_item.delete',
    ]);
    expect(rows.every((r) => r.target_type === 'calendar_item' && r.actor_id === ben.id)).toBe(true);
    expect(rows[1]?.after).toMatchObject({ changed: ['title'] });
    expect(JSON.stringify(rows)).not.toMatch(/Secret|secret|2026-01-07/);
  });
});
