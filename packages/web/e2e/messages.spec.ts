// Writing to a client (issue 11, item 5): the composer picks e-mail or SMS, a channel the contact has no address for
// is disabled with the reason, a 409 for a channel whose address went away is shown under that channel, and a
// message shows what became of it: "Queued" at once, then "Sent" (or "Not delivered" with the reason) as the
// delivery queue reports, with the thread read again only while something is queued; a client's reply shows on the
// client's side of the thread. The Tandem of this file really sends e-mail: SMTP_URL points at an smtp-server inbox
// on loopback (support/mail-server.ts); the reply comes through the signed inbound webhook, as a provider posts it.
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contact, HistoryItem, Page as ApiPage } from '../src/api/models.ts';
import { AppShell } from './pages/AppShell.ts';
import { ContactPage } from './pages/ContactPage.ts';
import { buildOrg, type Actor } from './support/api.ts';
import { launchBrowser, openPage } from './support/browser.ts';
import { postSignedReply, type InboundReply } from './support/inbound.ts';
import { useMailingServer } from './support/mail-server.ts';

const mail = useMailingServer();
let browser: Browser;
let ada: Actor;
let ben: Actor;

beforeAll(async () => {
  browser = await launchBrowser();
  const org = await buildOrg(mail.baseUrl, 'Courier Clinic', 'Ada Lindqvist', ['Ben Okafor']);
  ada = org.admin;
  ben = org.member('Ben');
});
afterAll(async () => browser?.close());

async function openContact(contact: Contact): Promise<{ page: Page; contactPage: ContactPage; close: () => Promise<void> }> {
  const { context, page } = await openPage(browser, mail.baseUrl, ben);
  const contactPage = await new ContactPage(page, mail.baseUrl).goto(contact.id, contact.name);
  await contactPage.actionsBar.getByRole('button', { name: 'Message' }).click();
  return { page, contactPage, close: () => context.close() };
}

const composerOf = (page: Page) => page.getByTestId('composer');
const channel = (page: Page, label: 'Email' | 'SMS') => composerOf(page).getByRole('radio', { name: label });
/** The text of the elements a control's aria-describedby names: what a screen reader reads after its name. */
async function descriptionOf(page: Page, label: 'Email' | 'SMS'): Promise<string> {
  const ids = (await channel(page, label).getAttribute('aria-describedby')) ?? '';
  const parts = await Promise.all(ids.split(' ').filter(Boolean).map((id) => page.locator(`[id="${id}"]`).innerText()));
  return parts.join(' ');
}
/** The bodies of the messages the page posts. */
function recordSends(page: Page): Record<string, unknown>[] {
  const sent: Record<string, unknown>[] = [];
  page.on('request', (r: Request) => {
    if (r.method() === 'POST' && /\/contacts\/[^/]+\/messages$/.test(new URL(r.url()).pathname)) sent.push(r.postDataJSON() as Record<string, unknown>);
  });
  return sent;
}
const historyOf = async (contact: Contact) => (await ben.api.request<ApiPage<HistoryItem>>('GET', `/contacts/${contact.id}/history?limit=50`)).items;

describe('the channel picker', () => {
  it('offers e-mail with a subject and SMS; a contact without a phone has SMS disabled with the reason', async () => {
    const noah = await ben.api.createContact({ name: 'Noah Mailonly', emails: ['noah@mailonly.example'] });
    const { page, close } = await openContact(noah);
    expect(await channel(page, 'Email').isChecked()).toBe(true);
    expect(await descriptionOf(page, 'Email')).toBe('to noah@mailonly.example');
    expect(await channel(page, 'SMS').isDisabled()).toBe(true);
    expect(await descriptionOf(page, 'SMS')).toBe('No phone number on this contact');
    expect(await composerOf(page).getByRole('textbox', { name: 'Subject' }).count()).toBe(1);
    await close();
  });

  it('sends by SMS when SMS is picked (no subject), and by e-mail with its subject', async () => {
    const zara = await ben.api.createContact({ name: 'Zara Both', emails: ['zara@both.example'], phones: ['+44 20 7946 0012'] });
    const { page, contactPage, close } = await openContact(zara);
    const sent = recordSends(page);
    await channel(page, 'SMS').check();
    expect(await composerOf(page).getByRole('textbox', { name: 'Subject' }).count(), 'SMS has no subject').toBe(0);
    expect(await descriptionOf(page, 'SMS')).toBe('to +44 20 7946 0012');
    await composerOf(page).getByRole('textbox', { name: 'Write to the client…' }).fill('Your order ships today.');
    await composerOf(page).getByRole('button', { name: 'Send message' }).click();
    const sms = contactPage.historyItem('Your order ships today.');
    await sms.waitFor();
    expect(await sms.innerText()).toContain('SMS');

    await channel(page, 'Email').check();
    await composerOf(page).getByRole('textbox', { name: 'Subject' }).fill('Your order');
    await composerOf(page).getByRole('textbox', { name: 'Write to the client…' }).fill('The invoice is attached.');
    await composerOf(page).getByRole('button', { name: 'Send message' }).click();
    await contactPage.historyItem('The invoice is attached.').waitFor();
    expect(await contactPage.historyItem('The invoice is attached.').innerText()).toContain('Your order');
    expect(sent).toEqual([
      { body: 'Your order ships today.', channel: 'sms' },
      { body: 'The invoice is attached.', channel: 'email', subject: 'Your order' },
    ]);
    const stored = await historyOf(zara);
    expect(stored.map((i) => [i.body, i.channel, i.subject])).toEqual([
      ['The invoice is attached.', 'email', 'Your order'],
      ['Your order ships today.', 'sms', null],
    ]);
    await close();
  });

  it('a 409 for a contact whose phone went away is shown under SMS, and SMS is then disabled', async () => {
    const pia = await ben.api.createContact({ name: 'Pia Phoneless', emails: ['pia@phoneless.example'], phones: ['+33 1 5550 0101'] });
    const { page, close } = await openContact(pia);
    await channel(page, 'SMS').check();
    await composerOf(page).getByRole('textbox', { name: 'Write to the client…' }).fill('Can we move our call?');
    // The phone is removed after the page was read: the page still offers SMS, the server refuses it.
    await ben.api.request('PATCH', `/contacts/${pia.id}`, { phones: [] });
    await composerOf(page).getByRole('button', { name: 'Send message' }).click();
    const refusal = composerOf(page).getByTestId('channel-sms').getByTestId('channel-error');
    await refusal.waitFor();
    expect(await refusal.getAttribute('role')).toBe('alert');
    // The contact is read again: SMS is now disabled with its reason, and the refusal stays with it.
    await page.waitForFunction(() => (document.querySelector('[data-testid="channel-sms"] input') as HTMLInputElement | null)?.disabled === true);
    expect(await descriptionOf(page, 'SMS')).toContain('No phone number on this contact');
    expect(await channel(page, 'Email').isChecked()).toBe(true);
    expect(await composerOf(page).getByRole('textbox', { name: 'Write to the client…' }).inputValue(), 'the words are kept').toBe('Can we move our call?');
    expect(await historyOf(pia)).toHaveLength(0);
    await close();
  });
});

describe('delivery', () => {
  it('an e-mail shows as Queued at once, says so in the toast, then shows Sent; the thread is then read only every 10 s (for the reply)', async () => {
    const otto = await ben.api.createContact({ name: 'Otto Inbox', emails: ['otto@inbox.example'] });
    const { page, contactPage, close } = await openContact(otto);
    // Hold the thread's reads back for a moment: what shows first is the answer to the send itself.
    let hold = true;
    await page.route('**/api/v1/contacts/*/history*', async (route) => {
      while (hold) await new Promise((r) => setTimeout(r, 50));
      await route.continue();
    });
    await composerOf(page).getByRole('textbox', { name: 'Subject' }).fill('Welcome');
    await composerOf(page).getByRole('textbox', { name: 'Write to the client…' }).fill('Welcome aboard, Otto.');
    await composerOf(page).getByRole('button', { name: 'Send message' }).click();
    const item = contactPage.historyItem('Welcome aboard, Otto.');
    await item.getByTestId('delivery-status').filter({ hasText: 'Queued' }).waitFor();
    const toast = new AppShell(page).toast(/Queued for delivery/);
    await toast.waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Message sent' }).count()).toBe(0);
    hold = false;

    const received = await mail.next('otto@inbox.example');
    expect(received.subject).toBe('Welcome');
    expect(received.text).toContain('Welcome aboard, Otto.');
    await item.getByTestId('delivery-status').filter({ hasText: 'Sent' }).waitFor({ timeout: 15_000 });
    expect(await item.innerText()).toContain('to otto@inbox.example');

    let reads = 0;
    page.on('request', (r) => {
      if (/\/history/.test(r.url())) reads += 1;
    });
    await page.waitForTimeout(4_500);
    expect(reads, 'nothing is queued: no more 2-second reads, only the 10-second look for a reply').toBe(0);
    await close();
  });

  it('a refused e-mail shows Not delivered with the reason, and Send again sends it anew', async () => {
    const rita = await ben.api.createContact({ name: 'Rita Refused', emails: ['rita@refused.example'] });
    const { page, contactPage, close } = await openContact(rita);
    mail.inbox.refuse = true;
    try {
      await composerOf(page).getByRole('textbox', { name: 'Write to the client…' }).fill('Are you still there?');
      await composerOf(page).getByRole('button', { name: 'Send message' }).click();
      const item = contactPage.historyItem('Are you still there?');
      await item.getByTestId('delivery-status').filter({ hasText: 'Not delivered' }).waitFor({ timeout: 30_000 });
      expect(await item.getByTestId('delivery-error').innerText()).toMatch(/^Not delivered: .+/);
    } finally {
      mail.inbox.refuse = false;
    }
    const failed = contactPage.historyItem('Are you still there?');
    await failed.getByRole('button', { name: 'Send again' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="history-item"]').length === 2);
    const received = await mail.next('rita@refused.example');
    expect(received.text).toContain('Are you still there?');
    await contactPage.historyItems.first().getByTestId('delivery-status').filter({ hasText: 'Sent' }).waitFor({ timeout: 15_000 });
    const stored = await historyOf(rita);
    expect(stored.map((i) => i.status)).toEqual(['sent', 'failed']);
    await close();
  });
});

/** Posts a client's reply to the org's inbound webhook, signed with its inbound secret as a provider would. */
async function receiveReply(reply: InboundReply): Promise<string> {
  const res = await postSignedReply(mail.baseUrl, ada, 'email', reply);
  expect(res.status).toBe(200);
  return res.body.outcome ?? '';
}

describe('replies', () => {
  it("a client's reply shows on the client's side of the thread, with the client's address and no delivery badge", async () => {
    const lena = await ben.api.createContact({ name: 'Lena Replies', emails: ['lena@replies.example'] });
    await ben.api.request('POST', `/contacts/${lena.id}/messages`, { body: 'Shall we meet next week?', channel: 'email', subject: 'Meeting' });
    expect(await receiveReply({ from: 'Lena <lena@replies.example>', to: ben.email, subject: 'Re: Meeting', body: 'Tuesday suits me.', messageId: '<r1@replies.example>' })).toBe('appended');
    const { contactPage, close } = await openContact(lena);
    const reply = contactPage.historyItem('Tuesday suits me.');
    await reply.waitFor();
    expect(await reply.getAttribute('data-direction')).toBe('inbound');
    expect(await reply.getByTestId('history-author').innerText()).toBe('Reply from Lena Replies');
    expect(await reply.getByTestId('history-from').innerText()).toContain('lena@replies.example');
    expect(await reply.innerText()).toContain('Re: Meeting');
    expect(await reply.getByTestId('delivery-status').count(), 'a reply is not ours to deliver').toBe(0);
    // The client's side: the reply is set in from the thread's edge, and its icon sits at the other end.
    const sent = contactPage.historyItem('Shall we meet next week?');
    const [replyBox, sentBox] = [await reply.boundingBox(), await sent.boundingBox()];
    expect(replyBox && sentBox && replyBox.x > sentBox.x).toBe(true);
    const [replyIcon, sentIcon] = [await reply.locator('span').first().boundingBox(), await sent.locator('span').first().boundingBox()];
    expect(replyIcon && sentIcon && replyIcon.x > sentIcon.x + 200).toBe(true);
    await close();
  });
});
