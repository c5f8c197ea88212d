// Inbound replies, an admin's screens (issue 11, item 2): the webhook and its signing secret on Settings › Permissions
// (hidden until shown; rotating asks first, and the old secret is refused at once), a user's SMS line set in their
// dialog (a line another user has is refused under the field), an SMS reply signed with the secret reaching the
// contact's history, an unknown sender listed under Settings › Unmatched replies, and a member seeing neither.
// Requests are signed with node:crypto from the documented scheme, as a provider signs them (support/inbound.ts).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Contact } from '../src/api/models.ts';
import { AppShell } from './pages/AppShell.ts';
import { ContactPage } from './pages/ContactPage.ts';
import { InboundRepliesCard, UnmatchedRepliesPage } from './pages/InboundPages.ts';
import { PermissionsSettingsPage, UsersSettingsPage } from './pages/SettingsPages.ts';
import { buildOrg, type Actor } from './support/api.ts';
import { launchBrowser, openPage } from './support/browser.ts';
import { postSignedReply, type InboundReply } from './support/inbound.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let ada: Actor;
let ben: Actor;
let orgId: string; // the webhook's path names it
let liam: Contact;

/** Posts a reply signed with `secret`, as a provider does. */
const post = (channel: 'email' | 'sms', reply: InboundReply, secret: string) => postSignedReply(baseUrl, ada, channel, reply, secret);

const secretNow = async () => (await ada.api.request<{ inboundSecret?: string }>('GET', '/org/settings')).inboundSecret ?? '';

beforeAll(async () => {
  browser = await launchBrowser();
  const org = await buildOrg(baseUrl, 'Reply Desk', 'Ada Lindqvist', ['Ben Okafor']);
  ada = org.admin;
  ben = org.member('Ben');
  orgId = (await ada.api.request<{ org: { id: string } }>('GET', '/me')).org.id;
  liam = await ben.api.createContact({ name: 'Liam Novak', company: 'Novak & Partners', phones: ['+1 415 555 0181'] });
});
afterAll(async () => browser?.close());

describe('inbound replies for an admin', () => {
  it('shows the webhook and the hidden secret, and rotating it makes the old signature fail with 401', async () => {
    const { context, page } = await openPage(browser, baseUrl, ada);
    await new PermissionsSettingsPage(page, baseUrl).goto();
    const card = new InboundRepliesCard(page);
    expect(await card.webhook.innerText()).toBe(`${baseUrl}/api/v1/inbound/${orgId}/email|sms`);
    expect(await card.card.innerText()).toContain('Tandem-Signature: t=<unix seconds>,v1=');
    const before = await secretNow();
    expect(before).toMatch(/^whsec_/);
    const hidden = await card.secretField.inputValue();
    expect(hidden.startsWith('whsec_')).toBe(true);
    expect(hidden).not.toContain(before.slice(6, 12));
    expect(await card.showSecret()).toBe(before);

    const warning = await card.rotate();
    expect(warning).toContain('The old secret stops working at once');
    await page.waitForFunction((old) => {
      const field = document.querySelector<HTMLInputElement>('[data-testid="inbound-secret"]');
      return field !== null && field.value.startsWith('whsec_') && field.value !== old;
    }, before);
    const after = await card.secretField.inputValue();
    expect(after).toBe(await secretNow());

    const reply = { from: '+1 415 555 0181', to: '+1 415 555 9999', body: 'Signed with the old secret' };
    expect(await post('sms', reply, before)).toEqual({ status: 401, body: expect.objectContaining({ code: 'TANDEM_INBOUND_SIGNATURE_INVALID' }) });
    expect(await post('sms', { ...reply, body: 'Signed with the new secret' }, after)).toEqual({ status: 200, body: { outcome: 'unmatched' } });
    await context.close();
  });

  it("sets a user's SMS line in their dialog, refuses a taken one under the field, and an SMS reply to it lands in the contact's history", async () => {
    const { context, page } = await openPage(browser, baseUrl, ada);
    const users = await new UsersSettingsPage(page, baseUrl).goto();
    await users.row('Ben Okafor').click();
    const dialog = page.getByTestId('user-dialog');
    const field = dialog.getByRole('textbox', { name: /^SMS line/ });
    await field.fill('+1 (415) 555-0100');
    await dialog.getByRole('button', { name: 'Save SMS line' }).click();
    await users.row('Ben Okafor').getByTestId('user-sms-line').filter({ hasText: 'SMS +14155550100' }).waitFor();
    // The field shows the server's normalised number once the dialog has re-read the user.
    await expect.poll(() => field.inputValue()).toBe('+14155550100');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // The same line for Ada: 409, said under the field, and nothing saved.
    await users.row('Ada Lindqvist').click();
    await field.fill('+14155550100');
    await dialog.getByRole('button', { name: 'Save SMS line' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="sms-line-input"]')?.getAttribute('aria-invalid') === 'true');
    const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy}"]`).innerText()).toContain('Another user already has +14155550100');
    const adaNow = (await ada.api.request<{ user: { smsLine?: string | null } }>('GET', '/me')).user;
    expect(adaNow.smsLine).toBeNull();
    // A malformed line is refused before anything is sent.
    await field.fill('555-0100');
    await dialog.getByRole('button', { name: 'Save SMS line' }).click();
    expect(await page.locator(`[id="${describedBy}"]`).innerText()).toContain('In international form');
    await context.close();

    const answer = await post('sms', { from: '+14155550181', to: '+14155550100', body: 'Running ten minutes late, sorry!', messageId: 'SM-e2e-1' }, await secretNow());
    expect(answer).toEqual({ status: 200, body: { outcome: 'appended' } });
    const benPage = await openPage(browser, baseUrl, ben);
    const contact = await new ContactPage(benPage.page, baseUrl).goto(liam.id, liam.name);
    const reply = contact.historyItem('Running ten minutes late, sorry!');
    await reply.waitFor();
    expect(await reply.getAttribute('data-direction')).toBe('inbound');
    expect(await reply.getByTestId('history-from').innerText()).toContain('+14155550181');
    await benPage.context.close();
  });

  it('lists a reply from an unknown sender under Settings › Unmatched replies', async () => {
    const answer = await post('sms', { from: '+44 20 5550 7788', to: '+14155550100', body: 'Who is this? You texted me yesterday.' }, await secretNow());
    expect(answer).toEqual({ status: 200, body: { outcome: 'unmatched' } });
    const { context, page } = await openPage(browser, baseUrl, ada);
    await new PermissionsSettingsPage(page, baseUrl).goto();
    await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Unmatched replies' }).click();
    const unmatched = new UnmatchedRepliesPage(page, baseUrl);
    const item = unmatched.reply('Who is this? You texted me yesterday.');
    await item.waitFor();
    expect(await item.getByTestId('unmatched-from').innerText()).toBe('+44 20 5550 7788');
    expect(await item.getByTestId('unmatched-to').innerText()).toBe('+14155550100');
    const text = await item.innerText();
    expect(text).toContain('SMS');
    expect(text).toContain('Unknown sender');
    // The reply signed with the rotated-away secret never arrived; the one signed with the new secret did (newest first).
    const all = await unmatched.replies.allInnerTexts();
    expect(all.some((t) => t.includes('Signed with the old secret'))).toBe(false);
    expect(all.findIndex((t) => t.includes('Who is this?'))).toBeLessThan(all.findIndex((t) => t.includes('Signed with the new secret')));
    await context.close();
  });

  it('pages the unmatched replies with Load more, each once', async () => {
    const secret = await secretNow();
    for (let i = 1; i <= 26; i += 1) {
      expect((await post('email', { from: `stranger${i}@nowhere.example`, to: 'no-such-line@reply-desk.example', body: `Unknown note ${i}` }, secret)).body.outcome).toBe('unmatched');
    }
    const { context, page } = await openPage(browser, baseUrl, ada);
    const unmatched = await new UnmatchedRepliesPage(page, baseUrl).goto();
    await unmatched.replies.first().waitFor();
    expect(await unmatched.replies.count()).toBe(25);
    const total = (await ada.api.request<{ items: unknown[] }>('GET', '/inbound/unmatched?limit=200')).items.length;
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="unmatched-reply"]').length === n, total);
    const texts = await unmatched.replies.allInnerTexts();
    const notes = texts.map((t) => /Unknown note (\d+)/.exec(t)?.[1]).filter((n): n is string => n !== undefined).map(Number);
    // Each once across the two pages (the order within one millisecond is the server's id order, so not asserted here).
    expect(notes.slice().sort((a, b) => a - b)).toEqual(Array.from({ length: 26 }, (_v, i) => i + 1));
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    await context.close();
  });

  it('shows a member neither the secret nor the Unmatched replies page', async () => {
    expect(await ben.api.request<Record<string, unknown>>('GET', '/org/settings')).not.toHaveProperty('inboundSecret');
    const res = await fetch(`${baseUrl}/api/v1/inbound/unmatched`, { headers: { authorization: `Bearer ${ben.token}` } });
    expect(res.status).toBe(404);
    const { context, page } = await openPage(browser, baseUrl, ben);
    await page.goto(`${baseUrl}/contacts`);
    const shell = new AppShell(page);
    await shell.sidebar.getByRole('link', { name: 'Contacts' }).first().waitFor();
    expect(await shell.settingsLink.count()).toBe(0);
    for (const path of ['unmatched-replies', 'permissions']) {
      await page.goto(`${baseUrl}/settings/${path}`);
      await page.getByTestId('not-allowed').waitFor();
      expect(await page.getByTestId('inbound-card').count()).toBe(0);
      expect(await page.getByTestId('unmatched-reply').count()).toBe(0);
      expect(await page.content()).not.toContain('whsec_');
    }
    await context.close();
  });
});
