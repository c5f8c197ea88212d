// Journeys for administrators: turn on "Share all contacts" (a member then finds a profile in search but no
// history), give a user access to a colleague's contacts on the Users page, and verify the audit chain.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Contact, Grant } from '../src/api/models.ts';
import { ContactPage } from './pages/ContactPage.ts';
import { InboxPage } from './pages/InboxPage.ts';
import { AuditLogPage, BillingSettingsPage, BrandingSettingsPage, PermissionsSettingsPage, UsersSettingsPage } from './pages/SettingsPages.ts';
import type { Org } from '../src/api/models.ts';
import { buildOrg, type Actor } from './support/api.ts';
import { launchBrowser, openPage, screenshot } from './support/browser.ts';
import { BEN_BOOK, ZOE } from './support/people.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let ada: Actor;
let ben: Actor;
let finn: Actor;
let zoe: Contact;

beforeAll(async () => {
  browser = await launchBrowser();
  const org = await buildOrg(baseUrl, 'Harbour Dental Group', 'Ada Lindqvist', ['Ben Okafor', 'Finn Gallagher', 'Gus Ferreira']);
  ada = org.admin;
  ben = org.member('Ben');
  finn = org.member('Finn');
  zoe = await ben.api.createContact(ZOE);
  await ben.api.sendMessage(zoe.id, 'Hi Zoe, here is the proposal we discussed.');
  for (const c of BEN_BOOK) await ben.api.createContact(c);
});
afterAll(async () => browser?.close());

describe('administration', () => {
  it('turns on Share all contacts: a member finds the profile in search, but not its history', async () => {
    const member = await openPage(browser, baseUrl, finn);
    const inbox = await new InboxPage(member.page, baseUrl).goto();
    await inbox.search('Zoe');
    await member.page.getByText('No contacts match “Zoe”').waitFor();

    const admin = await openPage(browser, baseUrl, ada);
    const permissions = await new PermissionsSettingsPage(admin.page, baseUrl).goto();
    const shareAll = permissions.toggle('Share all contacts');
    expect(await shareAll.getAttribute('aria-checked')).toBe('false');
    await shareAll.click();
    await permissions.save();
    expect(await shareAll.getAttribute('aria-checked')).toBe('true');
    await admin.page.mouse.move(0, 0);
    await screenshot(admin.page, 'permissions');
    expect(await ada.api.request('GET', '/org/settings')).toMatchObject({ shareAllContacts: true });

    await inbox.goto();
    await inbox.search('Zo');
    await expect.poll(() => inbox.names()).toEqual([ZOE.name]);
    await inbox.open(ZOE.name);
    const contact = new ContactPage(member.page, baseUrl);
    await contact.history.getByText('History is private').waitFor();
    expect(await contact.historyItems.count()).toBe(0);
    expect(await contact.actionsBar.count()).toBe(0);
    expect(await contact.explain.level()).toBe('Profile only');
    expect(await contact.explain.sourceKinds()).toEqual(['share_all']);
    await member.context.close();
    await admin.context.close();
  });

  it('gives a user View access to a colleague’s contacts on the Users page', async () => {
    const { context, page } = await openPage(browser, baseUrl, ada);
    const users = await new UsersSettingsPage(page, baseUrl).goto();
    await users.row('Ben Okafor').waitFor();
    await screenshot(page, 'users-settings');
    await users.row('Finn Gallagher').click();
    await users.userDialog.waitFor();
    const row = users.userDialog.getByTestId('grant-row').filter({ hasText: 'Ben Okafor' });
    await row.getByRole('radiogroup', { name: 'Ben Okafor\'s contacts' }).getByRole('radio', { name: 'View' }).click();
    await expect.poll(async () => row.getByRole('radiogroup', { name: 'Ben Okafor\'s contacts' }).getByRole('radio', { name: 'View' }).getAttribute('aria-checked')).toBe('true');
    await users.userDialog.getByRole('radio', { name: 'Only these' }).check();
    await users.userDialog.getByRole('checkbox', { name: 'CSV file' }).check();
    await users.userDialog.getByRole('button', { name: 'Save export channels' }).click();
    await page.getByRole('status').filter({ hasText: 'Export channels saved' }).waitFor();
    await screenshot(page, 'user-access');
    const grants = await ada.api.request<{ items: Grant[] }>('GET', '/grants');
    expect(grants.items).toEqual([expect.objectContaining({ ownerId: ben.user.id, grantee: { userId: finn.user.id }, scope: 'contacts', level: 'view' })]);
    await users.closeUserDialog();
    expect(await users.row('Finn Gallagher').innerText()).toContain('CSV file');
    await context.close();

    const member = await openPage(browser, baseUrl, finn);
    const contact = await new ContactPage(member.page, baseUrl).goto(zoe.id, ZOE.name);
    await contact.historyItem('proposal').waitFor();
    expect(await contact.actionsBar.count()).toBe(0);
    await member.context.close();
  });

  it('lists changes in the audit log and verifies the chain', async () => {
    const { context, page } = await openPage(browser, baseUrl, ada);
    const audit = await new AuditLogPage(page, baseUrl).goto();
    await audit.rows.first().waitFor();
    expect(await audit.rows.count()).toBeGreaterThan(3);
    expect(await audit.verify()).toContain('The chain is intact');
    await screenshot(page, 'audit-log');
    await context.close();
  });

  it('applies the org’s name and accent colour to everyone, and stores billing details', async () => {
    const admin = await openPage(browser, baseUrl, ada);
    const branding = await new BrandingSettingsPage(admin.page, baseUrl).goto();
    await branding.setName('Harbour Dental');
    await branding.setAccent('#0e9f6e');
    expect(await branding.accent()).toBe('#0e9f6e');
    await branding.save();
    expect(await admin.page.getByTestId('org-name').innerText()).toBe('Harbour Dental');
    const billing = await new BillingSettingsPage(admin.page, baseUrl).goto();
    await billing.fill({ contactName: 'Ada Lindqvist', email: 'billing@harbour.example', address: '12 Quay Street\nBristol BS1 4DJ', vatId: 'GB123456789' });
    await billing.save();
    await admin.context.close();

    const { org } = await ada.api.request<{ org: Org }>('GET', '/me');
    expect(org).toMatchObject({ name: 'Harbour Dental', accentColor: '#0e9f6e', billing: { email: 'billing@harbour.example', vatId: 'GB123456789' } });

    const member = await openPage(browser, baseUrl, finn);
    await new InboxPage(member.page, baseUrl).goto();
    expect(await member.page.getByTestId('org-name').innerText()).toBe('Harbour Dental');
    expect(await member.page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim())).toBe('#0e9f6e');
    await member.context.close();
  });
});
