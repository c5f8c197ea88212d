// Journeys: sign up and add a colleague; the colleague signs in; a member opening an admin URL is refused.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AppShell } from './pages/AppShell.ts';
import { SignInPage, SignUpPage } from './pages/AuthPages.ts';
import { InboxPage } from './pages/InboxPage.ts';
import { UsersSettingsPage } from './pages/SettingsPages.ts';
import { PASSWORD, signIn } from './support/api.ts';
import { launchBrowser, openPage, screenshot } from './support/browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe('accounts', () => {
  const ada = { orgName: 'Northwind Care', name: 'Ada Lindqvist', email: 'ada@northwind-care.example', password: PASSWORD };
  const ben = { name: 'Ben Okafor', email: 'ben@northwind-care.example', password: 'welcome-ben-1' };

  it('signs up, adds a colleague, and the colleague signs in', async () => {
    const { context, page } = await openPage(browser, baseUrl);
    const signInPage = await new SignInPage(page, baseUrl).goto();
    await screenshot(page, 'sign-in');
    await page.getByRole('link', { name: 'Create an organisation' }).click();
    await new SignUpPage(page, baseUrl).signUp(ada);

    const shell = new AppShell(page);
    expect(await shell.currentUser.innerText()).toContain('Ada Lindqvist');
    expect(await page.getByTestId('org-name').innerText()).toBe('Northwind Care');
    expect(await new InboxPage(page, baseUrl).emptyState().innerText()).toContain('No contacts yet');

    await shell.settingsLink.click();
    const users = new UsersSettingsPage(page, baseUrl);
    await page.getByRole('heading', { name: 'Users', level: 2 }).waitFor();
    await users.addUser(ben);
    await users.userDialog.waitFor();
    await users.closeUserDialog();
    expect(await users.row('Ben Okafor').innerText()).toContain('Member');

    await shell.signOut();
    await signInPage.signIn(ben.email, ben.password);
    expect(await shell.currentUser.innerText()).toContain('Ben Okafor');
    expect(await shell.settingsLink.count()).toBe(0);
    await context.close();
  });

  it('refuses a member who opens an admin page by its address', async () => {
    const member = await signIn(baseUrl, ben.email, ben.password);
    const { context, page } = await openPage(browser, baseUrl, member);
    for (const path of ['/settings/users', '/settings/permissions', '/settings/audit']) {
      await page.goto(`${baseUrl}${path}`);
      const refusal = page.getByTestId('not-allowed');
      await refusal.waitFor();
      expect(await refusal.innerText()).toContain("You don't have access to this page");
      expect(await page.getByRole('heading', { name: 'Users' }).count()).toBe(0);
    }
    await context.close();
  });

  it('shows a wrong password in words', async () => {
    const { context, page } = await openPage(browser, baseUrl);
    await new SignInPage(page, baseUrl).goto();
    await page.getByLabel('Work e-mail').fill(ben.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('That e-mail and password do not match');
    await context.close();
  });
});
