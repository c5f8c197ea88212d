// Calendars in the browser (spec §7; issue 11, item 5): creating an event and a task, the week, day and agenda views,
// dragging to move, what a calendar viewer (View grant) and editor (Edit grant) may do, an administrator without
// grants, My tasks, the contact page's tasks, and the calendar on a phone.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CalendarItem, Contact } from '../src/api/models.ts';
import { ContactPage } from './pages/ContactPage.ts';
import { CalendarPage, ItemDialog, TasksPage } from './pages/CalendarPages.ts';
import { buildOrg, type Actor } from './support/api.ts';
import { launchBrowser, openPage, PHONE, screenshot, SMALL_PHONE } from './support/browser.ts';
import { expectInViewport, expectNoHorizontalScroll } from './support/layout.ts';
import { ZOE } from './support/people.ts';

const baseUrl = inject('baseUrl');
const DAY = 86_400_000;
/** The browser runs in UTC (support/browser.ts), so a day's wall times are its UTC times. */
const today = new Date().toISOString().slice(0, 10);
const yesterday = new Date(Date.now() - DAY).toISOString().slice(0, 10);
let browser: Browser;
let ada: Actor;
let ben: Actor;
let cat: Actor;
let dan: Actor;
let zoe: Contact;

const createItem = (actor: Actor, body: Record<string, unknown>) =>
  actor.api.request<{ item: CalendarItem }>('POST', '/calendar-items', body).then((r) => r.item);
const getItem = (actor: Actor, id: string) => actor.api.request<{ item: CalendarItem }>('GET', `/calendar-items/${id}`).then((r) => r.item);
const openTasks = (actor: Actor) => actor.api.request<{ items: CalendarItem[] }>('GET', '/tasks?status=open').then((r) => r.items);

beforeAll(async () => {
  browser = await launchBrowser();
  const org = await buildOrg(baseUrl, 'Calendar Care', 'Ada Lindqvist', ['Ben Okafor', 'Cat Moreau', 'Dan Whitfield']);
  ada = org.admin;
  ben = org.member('Ben');
  cat = org.member('Cat');
  dan = org.member('Dan');
  zoe = await ben.api.createContact(ZOE);
  await ben.api.share(zoe.id, { userId: cat.user.id }, 'collaborate');
  await ben.api.share(zoe.id, { userId: dan.user.id }, 'view');
  // Vacation cover: Cat holds Edit on Ben's calendar, Dan only View.
  await ada.api.grant(ben.user.id, { userId: cat.user.id }, 'calendar', 'edit');
  await ada.api.grant(ben.user.id, { userId: dan.user.id }, 'calendar', 'view');
});
afterAll(async () => browser?.close());

describe('the calendar', () => {
  it('creates an event and a task, and shows them in the week, the day and the agenda', async () => {
    const { context, page } = await openPage(browser, baseUrl, ben);
    const calendar = await new CalendarPage(page, baseUrl).goto('week', today);
    const event = await calendar.openNew();
    expect(await event.calendarChoices()).toEqual(['Ben Okafor (you)']);
    await event.fill({ title: 'Quarterly review', start: `${today}T10:00`, end: `${today}T11:00` });
    await event.submit();
    const task = await calendar.openNew();
    await task.fill({ kind: 'Task', title: 'Send Zoe the contract', due: `${today}T15:00`, contact: 'Zoe' });
    await task.submit();

    for (const view of ['Week', 'Day', 'Agenda'] as const) {
      await calendar.view(view);
      await calendar.item('Quarterly review').waitFor();
      await calendar.item('Send Zoe the contract').waitFor();
    }
    expect(await calendar.item('Send Zoe the contract').textContent()).toContain(ZOE.name);
    await calendar.view('Week');
    await screenshot(page, 'calendar-week');
    const tasks = await openTasks(ben);
    expect(tasks.find((t) => t.title === 'Send Zoe the contract')?.contact?.id).toBe(zoe.id);
    await context.close();
  });

  it('makes a weekly series in the form and shows each occurrence the API expands', async () => {
    const { context, page } = await openPage(browser, baseUrl, ben);
    const calendar = await new CalendarPage(page, baseUrl).goto('agenda', today);
    const form = await calendar.openNew();
    await form.fill({ title: 'Team sync', start: `${today}T12:00`, end: `${today}T12:30` });
    await form.root.getByLabel('Repeats').selectOption({ label: 'Every week' });
    await form.submit();
    // Fourteen days from today hold two occurrences; each says it repeats, and the form says a change applies to all.
    await calendar.item('Team sync').nth(1).waitFor();
    expect(await calendar.item('Team sync').count()).toBe(2);
    expect(await calendar.item('Team sync').first().textContent()).toContain('Repeats every week');
    await calendar.item('Team sync').nth(1).click();
    await form.root.getByText('A change applies to every occurrence.').waitFor();
    expect(await form.root.getByLabel('Repeats').inputValue()).toBe('WEEKLY');
    await page.keyboard.press('Escape');
    await context.close();
  });

  it('moves an event by dragging it two hours later', async () => {
    const item = await createItem(ben, { kind: 'event', title: 'Supplier call', userId: ben.user.id, startsAt: `${today}T08:00:00Z`, endsAt: `${today}T09:00:00Z` });
    const { context, page } = await openPage(browser, baseUrl, ben);
    const calendar = await new CalendarPage(page, baseUrl).goto('day', today);
    const chip = calendar.item('Supplier call');
    expect(await chip.getAttribute('data-movable')).toBe('true');
    await calendar.drag(chip, 0, 96);
    await page.getByText('Moved', { exact: true }).waitFor();
    expect((await getItem(ben, item.id)).startsAt).toBe(`${today}T10:00:00.000Z`);
    expect((await getItem(ben, item.id)).endsAt).toBe(`${today}T11:00:00.000Z`);
    await context.close();
  });

  it('shows a viewer a colleague’s calendar without create or drag, and explains a refused move', async () => {
    const bens = await createItem(ben, { kind: 'event', title: 'Ben’s planning', userId: ben.user.id, startsAt: `${today}T13:00:00Z`, endsAt: `${today}T14:00:00Z` });
    await createItem(dan, { kind: 'event', title: 'Dan’s stand-up', userId: dan.user.id, startsAt: `${today}T09:00:00Z`, endsAt: `${today}T09:30:00Z` });
    const { context, page } = await openPage(browser, baseUrl, dan);
    const calendar = await new CalendarPage(page, baseUrl).goto('day', today);
    expect(await calendar.toggles.innerText()).toContain('View only');
    const heads = page.getByTestId('grid-column-head');
    expect(await heads.allInnerTexts()).toEqual(['You', 'Ben Okafor\nView only']);
    // Ben's item is shown but cannot be dragged, and opens read-only.
    expect(await calendar.item('Ben’s planning').getAttribute('data-movable')).toBe('false');
    await calendar.item('Ben’s planning').click();
    const details = new ItemDialog(page);
    await details.root.getByTestId('view-only-notice').waitFor();
    await screenshot(page, 'calendar-item-view-only');
    expect(await details.root.getByRole('button', { name: 'Save changes' }).count()).toBe(0);
    expect(await details.root.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    await details.root.getByRole('button', { name: 'Close' }).first().click();
    // Creating offers his own calendar only.
    const form = await calendar.openNew();
    expect(await form.calendarChoices()).toEqual(['Dan Whitfield (you)']);
    await page.keyboard.press('Escape');
    await form.root.waitFor({ state: 'detached' });

    // Dragging his own item onto Ben's column is refused in words, and the item goes back.
    const youBox = await heads.nth(0).boundingBox();
    const benBox = await heads.nth(1).boundingBox();
    if (!youBox || !benBox) throw new Error('no column heads');
    await calendar.drag(calendar.item('Dan’s stand-up'), benBox.x - youBox.x, 0);
    await calendar.refusal.waitFor();
    await screenshot(page, 'calendar-day-refused-move');
    expect(await calendar.refusal.innerText()).toMatch(/needs Edit access to Ben Okafor's calendar/);
    await page.getByTestId('grid-column').nth(0).getByTestId('calendar-item').filter({ hasText: 'Dan’s stand-up' }).waitFor();
    expect(await page.getByTestId('grid-column').nth(1).getByTestId('calendar-item').filter({ hasText: 'Dan’s stand-up' }).count()).toBe(0);

    // A forced move of Ben's item from Dan's session is refused by the server with the same explanation in words.
    const forced = await page.evaluate(async (id) => {
      const csrf = decodeURIComponent(document.cookie.split('; ').find((c) => c.startsWith('tandem_csrf='))?.split('=')[1] ?? '');
      const res = await fetch(`/api/v1/calendar-items/${id}`, {
        method: 'PATCH', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify({ startsAt: new Date(Date.now()).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() }),
      });
      return { status: res.status, body: (await res.json()) as { code: string; detail: string } };
    }, bens.id);
    expect(forced.status).toBe(403);
    expect(forced.body.code).toBe('TANDEM_ACCESS_FORBIDDEN');
    expect(forced.body.detail).toMatch(/needs Edit access/);
    expect((await getItem(ben, bens.id)).startsAt).toBe(`${today}T13:00:00.000Z`);
    await context.close();
  });

  it('lets an editor create on the colleague’s calendar and move the colleague’s items by dragging', async () => {
    const { context, page } = await openPage(browser, baseUrl, cat);
    const calendar = await new CalendarPage(page, baseUrl).goto('week', today);
    const form = await calendar.openNew();
    expect(await form.calendarChoices()).toEqual(['Cat Moreau (you)', 'Ben Okafor']);
    await form.fill({ kind: 'Task', title: 'Follow up with Zoe (cover)', calendar: 'Ben Okafor', due: `${today}T16:00`, contact: 'Zoe' });
    await form.submit();
    await calendar.item('Follow up with Zoe (cover)').waitFor();
    expect(await calendar.item('Follow up with Zoe (cover)').textContent()).toContain('on Ben Okafor’s calendar');
    expect(await calendar.item('Quarterly review').getAttribute('data-movable')).toBe('true');
    const bens = await openTasks(ben);
    const cover = bens.find((t) => t.title === 'Follow up with Zoe (cover)');
    expect(cover?.userId).toBe(ben.user.id);
    expect(cover?.createdBy).toBe(cat.user.id);
    // Her Edit grant lets her move Ben's task an hour later by dragging it.
    await calendar.drag(calendar.item('Follow up with Zoe (cover)'), 0, 48);
    await page.getByText('Moved', { exact: true }).waitFor();
    expect((await getItem(ben, cover?.id ?? '')).dueAt).toBe(`${today}T17:00:00.000Z`);
    await context.close();
  });

  it('hands an item over through its form to another calendar the editor writes on', async () => {
    const item = await createItem(ben, { kind: 'event', title: 'Site visit', userId: ben.user.id, startsAt: `${today}T14:00:00Z`, endsAt: `${today}T15:00:00Z` });
    const { context, page } = await openPage(browser, baseUrl, cat);
    const calendar = await new CalendarPage(page, baseUrl).goto('agenda', today);
    await calendar.item('Site visit').click();
    const form = calendar.dialog;
    await form.root.getByLabel('Calendar').selectOption({ label: 'Cat Moreau (you)' });
    await form.submit('Save changes');
    expect((await getItem(cat, item.id)).userId).toBe(cat.user.id);
    expect(await calendar.item('Site visit').textContent()).toContain('Cat Moreau');
    await context.close();
  });

  it('changes an item, marks a task done from its form, and deletes an event only after asking', async () => {
    const task = await createItem(ben, { kind: 'task', title: 'Order brochures', userId: ben.user.id, dueAt: `${today}T18:00:00Z` });
    const event = await createItem(ben, { kind: 'event', title: 'Lunch with Ada', userId: ben.user.id, startsAt: `${today}T11:30:00Z`, endsAt: `${today}T12:30:00Z` });
    const { context, page } = await openPage(browser, baseUrl, ben);
    const calendar = await new CalendarPage(page, baseUrl).goto('agenda', today);
    await calendar.item('Order brochures').click();
    await calendar.dialog.root.getByLabel('Title').fill('Order the new brochures');
    await calendar.dialog.submit('Save changes');
    await calendar.item('Order the new brochures').click();
    await calendar.dialog.root.getByRole('button', { name: 'Mark done' }).click();
    await calendar.dialog.root.waitFor({ state: 'detached' });
    expect((await getItem(ben, task.id))).toMatchObject({ title: 'Order the new brochures', done: true });

    await calendar.item('Lunch with Ada').click();
    await calendar.dialog.root.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete “Lunch with Ada”?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect((await getItem(ben, event.id)).title).toBe('Lunch with Ada');
    await calendar.dialog.root.getByRole('button', { name: 'Delete' }).click();
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await calendar.item('Lunch with Ada').waitFor({ state: 'detached' });
    await expect(getItem(ben, event.id)).rejects.toThrow(/404/);

    // Closing a form with something typed asks first.
    const form = await calendar.openNew();
    await form.root.getByLabel('Title').fill('Half-typed idea');
    await page.keyboard.press('Escape');
    const discard = page.getByRole('dialog', { name: 'Discard the new item?' });
    await discard.getByRole('button', { name: 'Discard' }).click();
    await form.root.waitFor({ state: 'detached' });
    expect(await calendar.item('Half-typed idea').count()).toBe(0);
    await context.close();
  });

  it('shows an administrator without grants no colleague’s calendar', async () => {
    const { context, page } = await openPage(browser, baseUrl, ada);
    const calendar = await new CalendarPage(page, baseUrl).goto('week', today);
    expect((await calendar.toggles.getByRole('checkbox').count())).toBe(1);
    expect(await calendar.toggles.innerText()).toContain('Ada Lindqvist (you)');
    expect(await calendar.toggles.innerText()).not.toContain('Ben Okafor');
    expect(await calendar.item('Quarterly review').count()).toBe(0);
    await context.close();
  });
});

describe('my tasks and the contact page', () => {
  it('groups open tasks as Overdue, and marks one done', async () => {
    await createItem(ben, { kind: 'task', title: 'Renew the insurance', userId: ben.user.id, dueAt: `${yesterday}T09:00:00Z` });
    await createItem(ben, { kind: 'task', title: 'Tidy the pipeline', userId: ben.user.id });
    const { context, page } = await openPage(browser, baseUrl, ben);
    const tasks = await new TasksPage(page, baseUrl).goto();
    await tasks.group('overdue').getByText('Renew the insurance').waitFor();
    await tasks.group('undated').getByText('Tidy the pipeline').waitFor();
    await screenshot(page, 'my-tasks');
    expect(await tasks.group('overdue').getByText('Tidy the pipeline').count()).toBe(0);
    await tasks.row('Renew the insurance').getByRole('button', { name: 'Mark “Renew the insurance” done' }).click();
    await tasks.row('Renew the insurance').waitFor({ state: 'detached' });
    const done = await ben.api.request<{ items: CalendarItem[] }>('GET', '/tasks?status=done');
    expect(done.items.map((t) => t.title)).toContain('Renew the insurance');
    await context.close();
  });

  it('lists a contact’s tasks and adds one linked to the contact; a viewer of the contact cannot add', async () => {
    const { context, page } = await openPage(browser, baseUrl, ben);
    await new ContactPage(page, baseUrl).goto(zoe.id, ZOE.name);
    const panel = page.getByTestId('contact-tasks');
    await panel.getByTestId('contact-task').filter({ hasText: 'Send Zoe the contract' }).waitFor();
    await panel.getByRole('button', { name: 'Add task' }).click();
    const form = new ItemDialog(page);
    await form.root.getByText(ZOE.name).waitFor();
    await form.fill({ title: 'Call Zoe back', due: `${today}T17:00` });
    await form.submit();
    await panel.getByTestId('contact-task').filter({ hasText: 'Call Zoe back' }).waitFor();
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'contact-tasks');
    expect((await openTasks(ben)).find((t) => t.title === 'Call Zoe back')?.contact?.id).toBe(zoe.id);
    await context.close();

    // Dan sees Zoe at view and Ben's calendar at view: the linked items show, Add task does not.
    const viewer = await openPage(browser, baseUrl, dan);
    await new ContactPage(viewer.page, baseUrl).goto(zoe.id, ZOE.name);
    const seen = viewer.page.getByTestId('contact-tasks');
    await seen.getByTestId('contact-task').filter({ hasText: 'Call Zoe back' }).waitFor();
    expect(await seen.getByRole('button', { name: 'Add task' }).count()).toBe(0);
    await viewer.context.close();
  });
});

describe('the calendar on a phone', () => {
  it('opens on the agenda at 390×844 and never scrolls sideways, in any view, nor at 360', async () => {
    const { context, page } = await openPage(browser, baseUrl, ben, 'phone');
    const calendar = new CalendarPage(page, baseUrl);
    await page.goto(`${baseUrl}/calendar?date=${today}`);
    await page.getByTestId('agenda').waitFor();
    await calendar.item('Quarterly review').waitFor();
    await expectNoHorizontalScroll(page, PHONE.viewport.width);
    await expectInViewport(page.getByRole('button', { name: 'New', exact: true }));
    await screenshot(page, 'phone-calendar');
    for (const view of ['Week', 'Day'] as const) {
      await calendar.view(view);
      await page.getByTestId('time-grid').waitFor();
      await expectNoHorizontalScroll(page, PHONE.viewport.width);
    }
    await new TasksPage(page, baseUrl).goto();
    await page.getByTestId('task-row').first().waitFor();
    await expectNoHorizontalScroll(page, PHONE.viewport.width);
    await context.close();

    const small = await openPage(browser, baseUrl, ben, 'small-phone');
    for (const path of [`/calendar?view=week&date=${today}`, `/calendar?view=agenda&date=${today}`, '/tasks']) {
      await small.page.goto(`${baseUrl}${path}`);
      await small.page.getByTestId(path === '/tasks' ? 'task-row' : 'calendar-item').first().waitFor();
      await expectNoHorizontalScroll(small.page, SMALL_PHONE.viewport.width);
    }
    await small.context.close();
  });
});
