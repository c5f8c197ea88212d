// Journeys through e-mail (issue 10, item 5), against a server that really sends it: the Tandem of this file is
// started with SMTP_URL pointing at an smtp-server inbox on loopback (support/mail-server.ts), and the tests read
// each link from the received message. Invite from the "Add a user" flow → read the link → accept; forgot password →
// read the link → choose a new one; an admin e-mails a reset link; a pending invitation is withdrawn. The token
// travels in the URL's fragment and in POST bodies only: no request the browser makes carries it in its URL.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppShell } from './pages/AppShell.ts';
import { ForgotPasswordPage, LinkPage } from './pages/AccountPages.ts';
import { SignInPage } from './pages/AuthPages.ts';
import { UsersSettingsPage } from './pages/SettingsPages.ts';
import { buildOrg, signIn, type Actor } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { launchBrowser, openPage, PHONE, screenshot } from './support/browser.ts';
import { expectInViewport, expectNoHorizontalScroll } from './support/layout.ts';
import { linkOf, useMailingServer } from './support/mail-server.ts';

const mail = useMailingServer();
let browser: Browser;
let ada: Actor;
let ben: Actor;
let tag: string;

beforeAll(async () => {
  browser = await launchBrowser();
  const org = await buildOrg(mail.baseUrl, 'Mailbox Clinic', 'Ada Lindqvist', ['Ben Okafor']);
  ada = org.admin;
  ben = org.member('Ben');
  tag = org.tag;
});
afterAll(async () => browser?.close());

/** Every URL the page asks for, to check that no token ever travels in one. */
function recordUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

async function expectAccessible(page: Page, what: string): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations, `${what}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

describe('e-mailed links', () => {
  it('invites from the Add user flow (invitation by default when mail goes out); the e-mailed link lets the person join', async () => {
    const dan = { name: 'Dan Rivera', email: `dan@${tag}.example` };
    const admin = await openPage(browser, mail.baseUrl, ada);
    const users = await new UsersSettingsPage(admin.page, mail.baseUrl).goto();
    await admin.page.getByRole('button', { name: 'Add user' }).click();
    const dialog = users.addUserDialog;
    await dialog.getByLabel('Name', { exact: true }).fill(dan.name);
    await dialog.getByLabel('E-mail', { exact: true }).fill(dan.email);
    expect(await dialog.getByRole('radio', { name: /E-mail an invitation/ }).isChecked(), 'invitation is the default when the server sends mail').toBe(true);
    await screenshot(admin.page, 'add-user-invite');
    await users.next();
    await users.next();
    const summary = await dialog.getByTestId('add-user-summary').innerText();
    expect(summary).toContain('With a password they choose');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    const result = dialog.getByTestId('invitation-result');
    await result.waitFor();
    expect(await result.innerText()).toContain(`e-mailed to ${dan.email}`);
    await expectAccessible(admin.page, 'the invitation sent');
    await screenshot(admin.page, 'add-user-invited');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await admin.page.getByTestId('invitation-row').filter({ hasText: dan.name }).waitFor();
    await admin.context.close();

    const message = await mail.next(dan.email);
    expect(message.subject).toContain('Mailbox Clinic');
    const link = linkOf(message);
    expect(link.page).toBe('/accept-invitation');
    expect(link.url.startsWith(`${mail.baseUrl}/accept-invitation#token=`)).toBe(true);

    const { context, page } = await openPage(browser, mail.baseUrl);
    const urls = recordUrls(page);
    await page.goto(link.url);
    await page.getByRole('heading', { name: 'Join Mailbox Clinic' }).waitFor();
    expect(await page.getByLabel('Work e-mail').inputValue()).toBe(dan.email);
    await expectAccessible(page, 'accept an invitation');
    await screenshot(page, 'accept-invitation');
    const linkPage = new LinkPage(page);
    await linkPage.fillPasswords('a long new password');
    await page.getByRole('button', { name: 'Join Mailbox Clinic' }).click();
    await page.waitForURL('**/contacts');
    expect(await new AppShell(page).currentUser.innerText()).toContain(dan.name);
    expect(urls.filter((u) => u.includes(link.token)), 'the token is never in a URL the browser requests').toEqual([]);
    await context.close();

    expect((await signIn(mail.baseUrl, dan.email, 'a long new password')).user).toMatchObject({ name: dan.name, role: 'member' });
    const again = await openPage(browser, mail.baseUrl);
    await again.page.goto(link.url);
    await new LinkPage(again.page).unusable.waitFor();
    await again.context.close();
  });

  it('forgot password: the same answer for any address, and the e-mailed link sets a new password and signs in', async () => {
    const { context, page } = await openPage(browser, mail.baseUrl);
    await new SignInPage(page, mail.baseUrl).goto();
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    const forgot = new ForgotPasswordPage(page, mail.baseUrl);
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await expectAccessible(page, 'forgot password');
    const answer = await forgot.ask(ben.email);
    expect(answer).toContain(`If an account uses ${ben.email}`);
    await screenshot(page, 'forgot-password-sent');
    await forgot.goto();
    const unknown = await forgot.ask(`nobody@${tag}.example`);
    expect(unknown.replace(`nobody@${tag}.example`, 'X')).toBe(answer.replace(ben.email, 'X'));
    await context.close();

    const link = linkOf(await mail.next(ben.email));
    expect(link.page).toBe('/reset-password');
    const reset = await openPage(browser, mail.baseUrl);
    const urls = recordUrls(reset.page);
    await reset.page.goto(link.url);
    await reset.page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await expectAccessible(reset.page, 'reset password');
    const linkPage = new LinkPage(reset.page);
    await linkPage.fillPasswords('short');
    await reset.page.getByRole('button', { name: 'Set password and sign in' }).click();
    await reset.page.getByText('Use at least 8 characters.').waitFor();
    await linkPage.fillPasswords('ben has a new password');
    await reset.page.getByRole('button', { name: 'Set password and sign in' }).click();
    await reset.page.waitForURL('**/contacts');
    expect(await new AppShell(reset.page).currentUser.innerText()).toContain('Ben Okafor');
    expect(urls.filter((u) => u.includes(link.token))).toEqual([]);
    await reset.context.close();
    ben = await signIn(mail.baseUrl, ben.email, 'ben has a new password');

    // A reset link has no lookup: the page learns it is used when it is posted.
    const used = await openPage(browser, mail.baseUrl);
    await used.page.goto(link.url);
    const usedPage = new LinkPage(used.page);
    await usedPage.fillPasswords('yet another password');
    await used.page.getByRole('button', { name: 'Set password and sign in' }).click();
    await usedPage.unusable.waitFor();
    expect(await usedPage.unusable.innerText()).toContain('Ask for a new link');
    await used.context.close();
  });

  it('an admin e-mails a user a reset link and is told it was e-mailed', async () => {
    const { context, page } = await openPage(browser, mail.baseUrl, ada);
    const users = await new UsersSettingsPage(page, mail.baseUrl).goto();
    await users.row('Ben Okafor').getByRole('button', { name: 'Ben Okafor' }).click();
    await users.userDialog.getByRole('button', { name: 'E-mail a reset link' }).click();
    const result = users.userDialog.getByTestId('reset-link-result');
    await result.waitFor();
    expect(await result.innerText()).toContain(`e-mailed to ${ben.email}`);
    expect(linkOf(await mail.next(ben.email)).page).toBe('/reset-password');
    await context.close();
  });

  it('withdraws a pending invitation after asking; its link stops working', async () => {
    const email = `eve@${tag}.example`;
    await ada.api.request('POST', '/invitations', { name: 'Eve Adams', email, role: 'member' });
    const link = linkOf(await mail.next(email));
    const { context, page } = await openPage(browser, mail.baseUrl, ada);
    await new UsersSettingsPage(page, mail.baseUrl).goto();
    const row = page.getByTestId('invitation-row').filter({ hasText: 'Eve Adams' });
    await row.getByRole('button', { name: 'Withdraw the invitation to Eve Adams' }).click();
    await page.getByRole('button', { name: 'Withdraw invitation' }).click();
    await row.waitFor({ state: 'detached' });
    await context.close();
    const visitor = await openPage(browser, mail.baseUrl);
    await visitor.page.goto(link.url);
    await new LinkPage(visitor.page).unusable.waitFor();
    await visitor.context.close();
  });

  it('lays out the invitation and reset pages on a phone', async () => {
    const email = `fay@${tag}.example`;
    await ada.api.request('POST', '/invitations', { name: 'Fay Chen', email, role: 'member' });
    const link = linkOf(await mail.next(email));
    const { context, page } = await openPage(browser, mail.baseUrl, undefined, 'phone');
    await page.goto(link.url);
    await page.getByRole('heading', { name: 'Join Mailbox Clinic' }).waitFor();
    await expectNoHorizontalScroll(page, PHONE.viewport.width);
    await expectInViewport(page.getByLabel('Your name'));
    await page.getByRole('button', { name: 'Join Mailbox Clinic' }).scrollIntoViewIfNeeded();
    await expectInViewport(page.getByRole('button', { name: 'Join Mailbox Clinic' }));
    await screenshot(page, 'phone-accept-invitation');
    await page.goto(`${mail.baseUrl}/reset-password#token=not-a-real-token`);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await expectNoHorizontalScroll(page, PHONE.viewport.width);
    await page.goto(`${mail.baseUrl}/forgot-password`);
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await expectNoHorizontalScroll(page, PHONE.viewport.width);
    await screenshot(page, 'phone-forgot-password');
    await context.close();
  });
});
