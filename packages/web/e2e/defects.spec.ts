// Issue 10's defects that live in the contact screens, one test each (each failed before its fix), and the double
// submits of item 7: a double click on "Create contact" or "Send message" makes one record.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Contact, Grant, HistoryItem, Page as ApiPage, Share } from '../src/api/models.ts';
import { AppShell } from './pages/AppShell.ts';
import { ContactPage } from './pages/ContactPage.ts';
import { InboxPage } from './pages/InboxPage.ts';
import { AuditLogPage, BrandingSettingsPage, PermissionsSettingsPage } from './pages/SettingsPages.ts';
import { buildOrg, type Actor } from './support/api.ts';
import { launchBrowser, openPage, screenshot } from './support/browser.ts';
import { BEN_BOOK, ZOE } from './support/people.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let ada: Actor;
let ben: Actor;
let cat: Actor;
let zoe: Contact;

beforeAll(async () => {
  browser = await launchBrowser();
  const org = await buildOrg(baseUrl, 'Defect Dental', 'Ada Lindqvist', ['Ben Okafor', 'Cat Moreau']);
  ada = org.admin;
  ben = org.member('Ben');
  cat = org.member('Cat');
  zoe = await ben.api.createContact(ZOE);
  await ben.api.sendMessage(zoe.id, 'Hi Zoe, here is the renewal proposal.');
  await ben.api.share(zoe.id, { userId: ada.user.id }, 'view');
  for (const c of BEN_BOOK) await ben.api.createContact(c);
});
afterAll(async () => browser?.close());

async function as(actor: Actor): Promise<{ page: Page; close: () => Promise<void> }> {
  const { context, page } = await openPage(browser, baseUrl, actor);
  return { page, close: () => context.close() };
}

const contactsNamed = async (actor: Actor, q: string) => (await actor.api.request<ApiPage<Contact>>('GET', `/contacts?q=${encodeURIComponent(q)}`)).items;

describe('contact screens', () => {
  it('3: the owner of a trashed contact is offered Restore, and is never told to ask herself', async () => {
    const tina = await cat.api.createContact({ name: 'Tina Trashed' });
    await cat.api.addNote(tina.id, 'Called about the invoice.');
    await cat.api.request('DELETE', `/contacts/${tina.id}`);
    const { page, close } = await as(cat);
    const contact = await new ContactPage(page, baseUrl).goto(tina.id, 'Tina Trashed');
    await contact.history.getByText('History is hidden while the contact is in the trash').waitFor();
    expect(await contact.history.innerText()).not.toContain('Ask Cat Moreau');
    await contact.history.getByRole('button', { name: 'Restore from trash' }).click();
    await contact.historyItem('Called about the invoice.').waitFor();
    await close();
  });

  it('4: an admin sees the shared icon and "Shared with me" only for what is shared with her', async () => {
    const { page, close } = await as(ada);
    const inbox = await new InboxPage(page, baseUrl).goto();
    await inbox.row('Liam Novak').waitFor();
    expect(await inbox.sharedIcon('Liam Novak').count(), 'admin visibility is not sharing').toBe(0);
    expect(await inbox.sharedIcon(ZOE.name).count(), 'Ben shared Zoe with Ada').toBe(1);
    await inbox.show('Shared with me');
    await expect.poll(() => inbox.names(), { timeout: 10_000 }).toEqual([ZOE.name]);
    const liam = (await contactsNamed(ben, 'Liam'))[0] as Contact;
    await new ContactPage(page, baseUrl).goto(liam.id, 'Liam Novak');
    expect(await page.getByTestId('shared-icon').count()).toBe(0);
    await close();
  });

  it('5: reassign offers only who the caller may hand to, and a refusal names the missing Edit access', async () => {
    const rita = await ben.api.createContact({ name: 'Rita Reassign' });
    const grant = await ada.api.grant(cat.user.id, { userId: ben.user.id }, 'contacts', 'edit');
    const { page, close } = await as(ben);
    const contact = await new ContactPage(page, baseUrl).goto(rita.id, 'Rita Reassign');
    await contact.moreButton.click();
    await page.getByRole('menuitem', { name: 'Reassign' }).click();
    const dialog = page.getByTestId('reassign-dialog');
    // The people arrive after the dialog opens: read the options once they have.
    await dialog.getByRole('combobox', { name: 'New owner' }).locator('option', { hasText: 'Cat Moreau' }).waitFor({ state: 'attached' });
    const options = await dialog.getByRole('combobox', { name: 'New owner' }).locator('option').allInnerTexts();
    expect(options.map((o) => o.split(' · ')[0])).toEqual(['Choose a person…', 'Cat Moreau']);
    await ada.api.request('DELETE', `/grants/${(grant as Grant).id}`);
    await dialog.getByRole('combobox', { name: 'New owner' }).selectOption({ label: `Cat Moreau · ${cat.email}` });
    await dialog.getByRole('button', { name: 'Reassign' }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('You need Edit access to Cat Moreau’s contacts');
    await close();
  });

  it('6: avatar initials keep an emoji whole', async () => {
    await ben.api.createContact({ name: '🦊 Fox Studio' });
    const { page, close } = await as(ben);
    const inbox = await new InboxPage(page, baseUrl).goto();
    const initials = await inbox.row('Fox Studio').locator('[aria-hidden="true"]').first().innerText();
    expect(initials).toBe('🦊S');
    await close();
  });

  it('7: a server validation error shows under its field, and inputs stop at the API limits', async () => {
    const { page, close } = await as(ben);
    await new InboxPage(page, baseUrl).goto();
    await page.getByRole('button', { name: 'New contact' }).first().click();
    const form = page.getByTestId('contact-form');
    expect(await form.getByLabel('Name').getAttribute('maxlength')).toBe('200');
    expect(await form.getByLabel('Company').getAttribute('maxlength')).toBe('200');
    await form.getByLabel('Name').fill('Val Idation');
    await form.getByLabel('Tags').fill(`ok, ${'x'.repeat(60)}`);
    await form.getByRole('button', { name: 'Create contact' }).click();
    const tags = form.getByLabel('Tags');
    await expect.poll(() => tags.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
    const message = await page.locator(`[id="${await tags.getAttribute('aria-describedby')}"]`).innerText();
    expect(message).toBe('Entry 2: Use at most 50 characters.');
    expect(await form.getByRole('alert').count(), 'no raw schema text in a notice').toBe(0);
    await close();
  });

  it('8: unsaved contact edits and Permissions switches are not dropped without asking', async () => {
    const member = await as(ben);
    await (await new InboxPage(member.page, baseUrl).goto()).open(ZOE.name);
    const contact = new ContactPage(member.page, baseUrl);
    await contact.actionsBar.getByRole('button', { name: 'Edit' }).click();
    const form = member.page.getByTestId('contact-form');
    await form.getByLabel('Company').fill('Hartmann Freight');
    await member.page.keyboard.press('Escape');
    await member.page.getByRole('heading', { name: 'Discard your changes?' }).waitFor();
    await member.page.getByRole('button', { name: 'Cancel' }).last().click();
    expect(await form.getByLabel('Company').inputValue()).toBe('Hartmann Freight');
    // Back while the form is open: the app asks, and staying keeps the edit.
    await member.page.goBack();
    await member.page.getByRole('heading', { name: 'Leave without saving?' }).waitFor();
    await member.page.getByRole('button', { name: 'Cancel' }).last().click();
    expect(member.page.url()).toContain(`/contacts/${zoe.id}`);
    expect(await form.getByLabel('Company').inputValue()).toBe('Hartmann Freight');
    await member.close();

    const admin = await as(ada);
    const permissions = await new PermissionsSettingsPage(admin.page, baseUrl).goto();
    await permissions.toggle('Share all contacts').click();
    await admin.page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Users' }).click();
    await admin.page.getByRole('heading', { name: 'Leave without saving?' }).waitFor();
    await admin.page.getByRole('button', { name: 'Cancel' }).click();
    expect(admin.page.url()).toContain('/settings/permissions');
    await admin.page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Users' }).click();
    await admin.page.getByRole('button', { name: 'Leave without saving' }).click();
    await admin.page.waitForURL('**/settings/users');
    await admin.close();
  });

  it('9: branding warns about an accent colour white text cannot be read on, with the measured ratio', async () => {
    const { page, close } = await as(ada);
    const branding = await new BrandingSettingsPage(page, baseUrl).goto();
    await branding.setAccent('#ffd60a');
    const warning = page.getByTestId('contrast-warning');
    await warning.waitFor();
    expect(await warning.innerText()).toMatch(/measures 1\.\d\d:1; buttons and links need at least 4\.50:1/);
    await screenshot(page, 'branding-contrast-warning');
    await warning.getByRole('button', { name: /^Use #/ }).click();
    await warning.waitFor({ state: 'detached' });
    await close();
  });

  it('10: the audit log says who did what to whom, without codes, and filters by person and kind', async () => {
    const { page, close } = await as(ada);
    const asked: URL[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname === '/api/v1/audit') asked.push(url);
    });
    const audit = await new AuditLogPage(page, baseUrl).goto();
    const shared = audit.rows.filter({ hasText: `shared ${ZOE.name} with Ada Lindqvist (View)` });
    await shared.first().waitFor();
    expect(await shared.first().innerText()).toContain('Ben Okafor');
    const text = await audit.rows.allInnerTexts();
    expect(text.join('\n')).not.toMatch(/contact\.share\.create|user\.create|contact\.create/);
    await page.getByLabel('Who').selectOption({ label: 'Cat Moreau' });
    await expect.poll(async () => new Set((await audit.rows.locator('td:nth-child(2)').allInnerTexts()).map((t) => t.trim())), { timeout: 10_000 }).toEqual(new Set(['Cat Moreau']));
    await page.getByLabel('What').selectOption({ label: 'Contact moved to the trash' });
    await expect.poll(() => audit.rows.count(), { timeout: 10_000 }).toBe(1);
    expect(await audit.rows.first().innerText()).toContain('moved Tina Trashed to the trash');
    // The server filtered (GET /audit?actorId=…&action=…), not the browser over the pages it had loaded.
    expect(asked.some((u) => u.searchParams.get('actorId') === cat.user.id && u.searchParams.get('action') === 'contact.delete')).toBe(true);
    await screenshot(page, 'audit-log-filtered');
    await close();
  });

  it('11: Back from a contact returns to the list where it was scrolled', async () => {
    await Promise.all(Array.from({ length: 45 }, (_, i) => cat.api.createContact({ name: `Scroll Person ${String(i).padStart(2, '0')}` })));
    const { page, close } = await as(cat);
    const inbox = await new InboxPage(page, baseUrl).goto();
    await inbox.row('Scroll Person 30').scrollIntoViewIfNeeded();
    const before = await page.evaluate(() => document.getElementById('main')?.scrollTop ?? 0);
    expect(before).toBeGreaterThan(300);
    await inbox.open('Scroll Person 30');
    await page.goBack();
    await inbox.row('Scroll Person 30').waitFor();
    await expect.poll(() => page.evaluate(() => document.getElementById('main')?.scrollTop ?? 0), { timeout: 10_000 }).toBeGreaterThan(before - 40);
    expect(await page.evaluate(() => document.getElementById('main')?.scrollTop ?? 0)).toBeLessThan(before + 40);
    await close();
  });

  it('12: a page left open when a share expires stops offering the composer, without a reload', async () => {
    const expiresAt = new Date(Date.now() + 8_000).toISOString();
    await ben.api.share(zoe.id, { userId: cat.user.id }, 'collaborate', { expiresAt });
    const { page, close } = await as(cat);
    const contact = await new ContactPage(page, baseUrl).goto(zoe.id, ZOE.name);
    await page.getByTestId('composer').waitFor();
    await page.getByRole('heading', { name: 'This contact is not available' }).waitFor({ timeout: 25_000 });
    expect(await page.getByTestId('composer').count()).toBe(0);
    expect(await contact.actionsBar.count()).toBe(0);
    await close();
  });

  it('12: a refused send (the share was revoked meanwhile) reads the contact again', async () => {
    const share = await ben.api.share(zoe.id, { userId: cat.user.id }, 'collaborate');
    const { page, close } = await as(cat);
    await new ContactPage(page, baseUrl).goto(zoe.id, ZOE.name);
    const composer = page.getByTestId('composer');
    await composer.getByRole('textbox', { name: 'Write to the client…' }).fill('Are you free on Thursday?');
    await ben.api.request('DELETE', `/contacts/${zoe.id}/shares/${(share as Share).id}`);
    await composer.getByRole('button', { name: 'Send message' }).click();
    // The page itself (not only the error toast) says so: the contact was read again and is gone.
    await page.getByRole('heading', { name: 'This contact is not available' }).waitFor();
    expect(await page.getByTestId('composer').count()).toBe(0);
    await close();
  });

  it('13: a message is said to be queued for delivery, not sent', async () => {
    const { page, close } = await as(ben);
    const contact = await new ContactPage(page, baseUrl).goto(zoe.id, ZOE.name);
    await contact.sendMessage('Following up on Thursday.');
    // The answer to the send says `queued`: the toast says so, and never claims the message was sent.
    await new AppShell(page).toast(/Queued for delivery/).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Message sent' }).count()).toBe(0);
    await close();
  });

  it('16: closing a dialog opened by a shortcut gives focus back to the page, not to <body>', async () => {
    const { page, close } = await as(ben);
    await new ContactPage(page, baseUrl).goto(zoe.id, ZOE.name);
    // A click on plain text outside the page's content (the organisation's name in the sidebar) leaves focus on <body>.
    await page.getByTestId('org-name').click();
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    await page.keyboard.press('e');
    await page.getByTestId('contact-form').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('contact-form').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement !== document.body && document.activeElement !== null)).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.getElementById('main')?.contains(document.activeElement))).toBe(true);
    await close();
  });
});

describe('double submits (item 7)', () => {
  it('a double click on "Create contact" creates one contact', async () => {
    const { page, close } = await as(ben);
    await new InboxPage(page, baseUrl).goto();
    await page.getByRole('button', { name: 'New contact' }).first().click();
    const form = page.getByTestId('contact-form');
    await form.getByLabel('Name').fill('Double Dora');
    await form.getByRole('button', { name: 'Create contact' }).dblclick();
    await page.getByRole('heading', { name: 'Double Dora', level: 1 }).waitFor();
    await page.waitForTimeout(500);
    expect(await contactsNamed(ben, 'Double Dora')).toHaveLength(1);
    await close();
  });

  it('a double click on "Send message" logs one message', async () => {
    const { page, close } = await as(ben);
    const contact = await new ContactPage(page, baseUrl).goto(zoe.id, ZOE.name);
    await contact.actionsBar.getByRole('button', { name: 'Message' }).click();
    const composer = page.getByTestId('composer');
    await composer.getByRole('textbox', { name: 'Write to the client…' }).fill('Only once, please.');
    await composer.getByRole('button', { name: 'Send message' }).dblclick();
    await contact.historyItem('Only once, please.').waitFor();
    await page.waitForTimeout(500);
    const history = await ben.api.request<ApiPage<HistoryItem>>('GET', `/contacts/${zoe.id}/history?limit=50`);
    expect(history.items.filter((i) => i.body === 'Only once, please.')).toHaveLength(1);
    await close();
  });
});
