// The vacation-cover journey of issue 11 in the browser: Ben is away. Cat collaborates on his client Zoe and holds
// Edit on his calendar; she signs in, opens Zoe from "Shared with me", reads the history, e-mails Zoe on Ben's behalf
// (Queued, then Sent: the server really delivers it to an smtp-server inbox on loopback, support/mail-server.ts),
// sees Zoe's replies arrive in the open thread (posted by the test to the signed inbound webhook, to the Reply-To the
// e-mail carried, and sent by real SMTP to Tandem's own receiver of replies), logs a call on her phone (390×844),
// adds a follow-up task on Ben's calendar from Zoe's Tasks panel and finds it on the Calendar page. Dan collaborates on Zoe too but only views Ben's calendar: Ben's calendar is not
// offered to him (the form says adding to it needs Edit access), and a forced attempt is refused in words naming it.
import nodemailer from 'nodemailer';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarItem, Contact, HistoryItem, Page as ApiPage, Share } from '../src/api/models.ts';
import { AppShell } from './pages/AppShell.ts';
import { SignInPage } from './pages/AuthPages.ts';
import { CalendarPage, ItemDialog } from './pages/CalendarPages.ts';
import { ContactPage } from './pages/ContactPage.ts';
import { InboxPage } from './pages/InboxPage.ts';
import { buildOrg, type Actor } from './support/api.ts';
import { launchBrowser, openPage, PHONE, screenshot } from './support/browser.ts';
import { expectInViewport, expectNoHorizontalScroll } from './support/layout.ts';
import { postSignedReply } from './support/inbound.ts';
import { useMailingServer } from './support/mail-server.ts';

const REPLY_DOMAIN = 'reply.vacation-cover.example';
// The server delivers over SMTP to the inbox and runs its own SMTP receiver of replies (INBOUND_SMTP_PORT).
const mail = useMailingServer({ receiveReplies: { domain: REPLY_DOMAIN } });
/** The browser runs in UTC (support/browser.ts), so a day's wall times are its UTC times. */
const today = new Date().toISOString().slice(0, 10);
const ZOE_EMAIL = 'zoe@hartmann-freight.example';
const FOLLOW_UP = 'Call Zoe about the revised quote';
let browser: Browser;
let ada: Actor;
let ben: Actor;
let cat: Actor;
let dan: Actor;
let zoe: Contact;
let catShare: Share;
/** The Reply-To of the e-mail Cat sent: where Zoe's reply goes. */
let replyTo = '';

beforeAll(async () => {
  browser = await launchBrowser();
  const org = await buildOrg(mail.baseUrl, 'Vacation Cover', 'Ada Lindqvist', ['Ben Okafor', 'Cat Moreau', 'Dan Whitfield']);
  ada = org.admin;
  ben = org.member('Ben');
  cat = org.member('Cat');
  dan = org.member('Dan');
  zoe = await ben.api.createContact({ name: 'Zoe Hartmann', emails: [ZOE_EMAIL] });
  await ben.api.addNote(zoe.id, 'Zoe wants the revised quote before Friday.');
  // Before leaving, Ben shares Zoe with both; Ada (calendar grants are an admin's, api.md) gives Cat Edit on Ben's
  // calendar and Dan only View.
  catShare = await ben.api.share(zoe.id, { userId: cat.user.id }, 'collaborate');
  await ben.api.share(zoe.id, { userId: dan.user.id }, 'collaborate');
  await ada.api.grant(ben.user.id, { userId: cat.user.id }, 'calendar', 'edit');
  await ada.api.grant(ben.user.id, { userId: dan.user.id }, 'calendar', 'view');
});
afterAll(async () => browser?.close());

const composerOf = (page: Page) => page.getByTestId('composer');
const historyOf = async () => (await ben.api.request<ApiPage<HistoryItem>>('GET', `/contacts/${zoe.id}/history?limit=50`)).items;

/** Posts Zoe's reply to the org's inbound webhook, signed with its inbound secret as a provider would. */
async function zoeReplies(reply: { to: string; body: string; subject: string; messageId: string }): Promise<string> {
  const res = await postSignedReply(mail.baseUrl, ada, 'email', { from: `Zoe Hartmann <${ZOE_EMAIL}>`, ...reply });
  expect(res.status).toBe(200);
  return res.body.outcome ?? '';
}

describe('Cat covers for Ben', () => {
  it('signs in, opens Zoe from Shared with me, reads the history and e-mails her as Ben: Queued, then Sent', async () => {
    const { context, page } = await openPage(browser, mail.baseUrl);
    await new SignInPage(page, mail.baseUrl).goto();
    await new SignInPage(page, mail.baseUrl).signIn(cat.email, cat.password);
    const inbox = new InboxPage(page, mail.baseUrl);
    await inbox.show('Shared with me');
    await inbox.row('Zoe Hartmann').waitFor();
    await inbox.open('Zoe Hartmann');
    const contactPage = new ContactPage(page, mail.baseUrl);
    await contactPage.historyItem('Zoe wants the revised quote before Friday.').waitFor();

    const composer = composerOf(page);
    await composer.getByRole('tab', { name: 'Message' }).click();
    await composer.getByRole('radio', { name: 'Email' }).check();
    await composer.getByRole('textbox', { name: 'Subject' }).fill('Your revised quote');
    await composer.getByRole('textbox', { name: 'Write to the client…' }).fill('Ben is away this week; here is the revised quote.');
    await composer.getByRole('button', { name: 'Send message' }).click();
    const sent = contactPage.historyItem('Ben is away this week');
    await sent.getByTestId('delivery-status').filter({ hasText: 'Queued' }).waitFor();
    await new AppShell(page).toast(/Queued for delivery on behalf of Ben Okafor/).waitFor();
    expect(await sent.getByTestId('history-author').innerText()).toBe('Sent by Cat Moreau on behalf of Ben Okafor');

    const received = await mail.next(ZOE_EMAIL);
    expect(received.subject).toBe('Your revised quote');
    expect(received.from?.value).toEqual([{ name: 'Ben Okafor', address: ben.email }]);
    expect(received.headers.get('sender')).toMatchObject({ value: [{ name: 'Cat Moreau', address: cat.email }] });
    expect(received.headers.get('x-tandem-sent-by')).toBe(`Cat Moreau <${cat.user.id}>`);
    replyTo = received.replyTo?.value[0]?.address ?? '';
    expect(replyTo).toBe(`reply+${ben.user.id.replace(/-/g, '')}@${REPLY_DOMAIN}`);
    await sent.getByTestId('delivery-status').filter({ hasText: 'Sent' }).waitFor({ timeout: 15_000 });
    expect(await sent.innerText()).toContain(`to ${ZOE_EMAIL}`);

    // Zoe answers while Cat still has the page open: the reply shows in the thread, on the client's side.
    expect(await zoeReplies({ to: replyTo, subject: 'Re: Your revised quote', body: 'Thanks Cat, can we talk on Tuesday?', messageId: `<zoe-1-${Date.now()}@hartmann-freight.example>` })).toBe('appended');
    const reply = contactPage.historyItem('can we talk on Tuesday?');
    await reply.waitFor({ timeout: 20_000 });
    expect(await reply.getAttribute('data-direction')).toBe('inbound');
    expect(await reply.getByTestId('history-author').innerText()).toBe('Reply from Zoe Hartmann');
    expect(await reply.getByTestId('history-from').innerText()).toContain(ZOE_EMAIL);

    // Then she answers from her mail client: real SMTP to Tandem's own receiver, to the same Reply-To.
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: mail.replyPort, secure: false, ignoreTLS: true });
    const relayed = await transport.sendMail({
      from: `Zoe Hartmann <${ZOE_EMAIL}>`, to: replyTo, subject: 'Re: Your revised quote', text: 'Tuesday at 10 suits me.', inReplyTo: received.messageId,
    });
    expect(relayed.accepted).toEqual([replyTo]);
    const mailed = contactPage.historyItem('Tuesday at 10 suits me.');
    await mailed.waitFor({ timeout: 20_000 });
    expect(await mailed.getAttribute('data-direction')).toBe('inbound');
    await screenshot(page, 'vacation-cover-thread');
    await context.close();
  });

  it('logs the call on her phone (390×844)', async () => {
    const { context, page } = await openPage(browser, mail.baseUrl, cat, 'phone');
    const contactPage = await new ContactPage(page, mail.baseUrl).goto(zoe.id, 'Zoe Hartmann');
    await contactPage.historyItem('can we talk on Tuesday?').waitFor();
    const composer = composerOf(page);
    await composer.getByRole('tab', { name: 'Call' }).click();
    await composer.getByRole('textbox', { name: 'What was said on the call?' }).fill('Called Zoe: she accepts the quote, wants a follow-up on Thursday.');
    await expectInViewport(composer.getByRole('button', { name: 'Log call' }));
    await composer.getByRole('button', { name: 'Log call' }).click();
    await contactPage.historyItem('she accepts the quote').waitFor();
    await expectNoHorizontalScroll(page, PHONE.viewport.width);
    await screenshot(page, 'vacation-cover-phone-call');
    const call = (await historyOf()).find((i) => i.body.includes('she accepts the quote'));
    expect(call).toMatchObject({ kind: 'call', sentBy: cat.user.id });
    await context.close();
  });

  it('adds a follow-up task on Ben’s calendar from Zoe’s Tasks panel, and finds it on the Calendar page', async () => {
    const { context, page } = await openPage(browser, mail.baseUrl, cat);
    await new ContactPage(page, mail.baseUrl).goto(zoe.id, 'Zoe Hartmann');
    const panel = page.getByTestId('contact-tasks');
    await panel.getByRole('button', { name: 'Add task' }).click();
    const form = new ItemDialog(page);
    await form.root.getByText('Zoe Hartmann').waitFor();
    expect(await form.calendarChoices()).toEqual(['Cat Moreau (you)', 'Ben Okafor']);
    await form.fill({ title: FOLLOW_UP, calendar: 'Ben Okafor', due: `${today}T16:00` });
    await form.submit();
    const row = panel.getByTestId('contact-task').filter({ hasText: FOLLOW_UP });
    await row.waitFor();
    expect(await row.innerText()).toContain('Ben Okafor');

    const calendar = await new CalendarPage(page, mail.baseUrl).goto('week', today);
    await calendar.item(FOLLOW_UP).waitFor();
    expect(await calendar.item(FOLLOW_UP).textContent()).toContain('on Ben Okafor’s calendar');
    await context.close();

    // Ben, back from vacation, finds it among his tasks (linked to Zoe, made by Cat), on Zoe's page and on his calendar.
    const bens = await ben.api.request<{ items: CalendarItem[] }>('GET', '/tasks?status=open');
    expect(bens.items.find((t) => t.title === FOLLOW_UP)).toMatchObject({ userId: ben.user.id, createdBy: cat.user.id, contact: { id: zoe.id } });
    const back = await openPage(browser, mail.baseUrl, ben);
    await new ContactPage(back.page, mail.baseUrl).goto(zoe.id, 'Zoe Hartmann');
    await back.page.getByTestId('contact-tasks').getByTestId('contact-task').filter({ hasText: FOLLOW_UP }).waitFor();
    await back.page.getByTestId('history-item').filter({ hasText: 'she accepts the quote' }).waitFor();
    const bensCalendar = await new CalendarPage(back.page, mail.baseUrl).goto('agenda', today);
    await bensCalendar.item(FOLLOW_UP).waitFor();
    expect(await bensCalendar.item(FOLLOW_UP).textContent()).toContain('Zoe Hartmann');
    await back.context.close();
  });
});

describe('Dan (View on Ben’s calendar)', () => {
  it('is not offered Ben’s calendar for the task, and a forced attempt is refused naming the Edit access', async () => {
    const { context, page } = await openPage(browser, mail.baseUrl, dan);
    await new ContactPage(page, mail.baseUrl).goto(zoe.id, 'Zoe Hartmann');
    const panel = page.getByTestId('contact-tasks');
    // He sees Cat's follow-up on Ben's calendar (he may read it) but may put tasks on his own calendar only.
    await panel.getByTestId('contact-task').filter({ hasText: FOLLOW_UP }).waitFor();
    await panel.getByRole('button', { name: 'Add task' }).click();
    const form = new ItemDialog(page);
    await form.root.waitFor();
    expect(await form.calendarChoices()).toEqual(['Dan Whitfield (you)']);
    // The form says why Ben's calendar is not among the choices.
    await form.root.getByText('You only view Ben Okafor’s calendar: adding to it needs Edit access.').waitFor();
    await page.keyboard.press('Escape');

    const forced = await page.evaluate(async ({ userId, contactId, dueAt }) => {
      const csrf = decodeURIComponent(document.cookie.split('; ').find((c) => c.startsWith('tandem_csrf='))?.split('=')[1] ?? '');
      const res = await fetch('/api/v1/calendar-items', {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ kind: 'task', title: 'Dan’s follow-up', userId, contactId, dueAt }),
      });
      return { status: res.status, body: (await res.json()) as { code: string; detail: string } };
    }, { userId: ben.user.id, contactId: zoe.id, dueAt: `${today}T17:00:00Z` });
    expect(forced.status).toBe(403);
    expect(forced.body.code).toBe('TANDEM_ACCESS_FORBIDDEN');
    expect(forced.body.detail).toMatch(/needs Edit access to Ben Okafor's calendar/);
    const bens = await ben.api.request<{ items: CalendarItem[] }>('GET', '/tasks?status=open');
    expect(bens.items.map((t) => t.title)).toEqual([FOLLOW_UP]);
    await context.close();
  });
});

describe('when Ben ends the cover', () => {
  it('Cat\'s open page of Zoe says she is not available any more, and the follow-up stays on Ben\'s calendar without Zoe', async () => {
    const { context, page } = await openPage(browser, mail.baseUrl, cat);
    const contactPage = await new ContactPage(page, mail.baseUrl).goto(zoe.id, 'Zoe Hartmann');
    await contactPage.historyItem('can we talk on Tuesday?').waitFor();
    // Ben revokes the share while Cat's page is open: the thread, still watched for Zoe's replies, is refused, and
    // the page reads the contact again instead of showing a stale thread.
    await ben.api.request('DELETE', `/contacts/${zoe.id}/shares/${catShare.id}`);
    await page.getByRole('heading', { name: 'This contact is not available' }).waitFor({ timeout: 20_000 });
    expect(await contactPage.historyItems.count()).toBe(0);
    await expect(cat.api.request('GET', `/contacts/${zoe.id}/history`)).rejects.toThrow(/answered 404/);

    const calendar = await new CalendarPage(page, mail.baseUrl).goto('agenda', today);
    await calendar.item(FOLLOW_UP).waitFor();
    expect(await calendar.item(FOLLOW_UP).textContent()).not.toContain('Zoe Hartmann');
    await context.close();
  });
});

describe('a message the mail server defers', () => {
  it('shows as Retrying… with the server\'s words, not as Not delivered', async () => {
    const ivo = await ben.api.createContact({ name: 'Ivo Greylist', emails: ['ivo@greylist.example'] });
    await ben.api.share(ivo.id, { userId: cat.user.id }, 'collaborate');
    const { context, page } = await openPage(browser, mail.baseUrl, cat);
    const contactPage = await new ContactPage(page, mail.baseUrl).goto(ivo.id, 'Ivo Greylist');
    mail.inbox.deferNext = 1;
    const composer = composerOf(page);
    await composer.getByRole('tab', { name: 'Message' }).click();
    await composer.getByRole('textbox', { name: 'Write to the client…' }).fill('Ben is away; I am covering for him.');
    await composer.getByRole('button', { name: 'Send message' }).click();
    const item = contactPage.historyItem('I am covering for him.');
    // The first attempt is answered 451: the queue keeps the message and tries again in 30 s (D27's backoff).
    await item.getByTestId('delivery-status').filter({ hasText: 'Retrying…' }).waitFor({ timeout: 15_000 });
    expect(await item.getByTestId('delivery-retry').innerText()).toMatch(/^The last attempt did not go through: SMTP 451: .*try again later.*\. Tandem will try again\.$/i);
    expect(await item.getByTestId('delivery-error').count(), 'not shown as failed').toBe(0);
    const [stored] = (await ben.api.request<ApiPage<HistoryItem>>('GET', `/contacts/${ivo.id}/history?limit=5`)).items;
    expect(stored).toMatchObject({ status: 'queued', sentAt: null, error: expect.stringMatching(/451/) as unknown });
    await context.close();
  });
});
