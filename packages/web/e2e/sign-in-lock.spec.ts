// D46 in the browser: after 10 wrong passwords the sign-in page says, in words, that signing in is paused and how
// many minutes to wait; the admin's Users page shows "Locked until HH:MM" with an Unlock button, and after Unlock
// the user signs in at once. (The server of the e2e run keeps the production lockout: 10 failures, 15 minutes.)
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SignInPage } from './pages/AuthPages.ts';
import { UsersSettingsPage } from './pages/SettingsPages.ts';
import { buildOrg, signIn, type Actor } from './support/api.ts';
import { launchBrowser, openPage, screenshot } from './support/browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let ada: Actor;
let ben: Actor;

beforeAll(async () => {
  browser = await launchBrowser();
  const org = await buildOrg(baseUrl, 'Lockwood Partners', 'Ada Lindqvist', ['Ben Okafor']);
  ada = org.admin;
  ben = org.member('Ben');
  for (let i = 0; i < 10; i += 1) {
    const res = await fetch(`${baseUrl}/api/v1/sessions`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ben.email, password: 'not-the-password' }),
    });
    expect(res.status).toBe(401);
  }
});
afterAll(async () => browser?.close());

describe('sign-in lockout', () => {
  it('the sign-in page says signing in is paused and for how many minutes, even with the right password', async () => {
    const { context, page } = await openPage(browser, baseUrl);
    await new SignInPage(page, baseUrl).goto();
    await page.getByLabel('Work e-mail').fill(ben.email);
    await page.getByLabel('Password').fill(ben.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toContain('Signing in is paused for this e-mail after too many wrong passwords');
    expect(text).toMatch(/Try again in 1[45] minutes, or ask an admin to unlock the account/);
    await screenshot(page, 'sign-in-locked');
    await context.close();
  });

  it('an admin sees "Locked until HH:MM" on the Users page and unlocks; the user then signs in', async () => {
    const { context, page } = await openPage(browser, baseUrl, ada);
    const users = await new UsersSettingsPage(page, baseUrl).goto();
    const lock = users.row('Ben Okafor').getByTestId('user-lock');
    await lock.waitFor();
    expect(await lock.innerText()).toMatch(/Locked until \d\d:\d\d/);
    expect(await users.row('Ada Lindqvist').getByTestId('user-lock').count()).toBe(0);
    await screenshot(page, 'users-locked');
    await lock.getByRole('button', { name: 'Unlock Ben Okafor' }).click();
    await lock.waitFor({ state: 'detached' });
    expect((await signIn(baseUrl, ben.email)).user.id).toBe(ben.user.id);
    await context.close();
  });
});
