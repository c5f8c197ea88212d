// Settings › Users for administrators (issue 10: item 4, the Users part of item 2, defects 2 and 14) and one's own
// profile (item 5): adding a user answers the seed's questions in one flow; team grants with a window; opening a user
// is one history entry; the Administrator switch, Deactivate and Move all contacts ask first and offer Undo where
// the API allows; an admin sets a password; the profile changes name, e-mail and password.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Grant, Team, User } from '../src/api/models.ts';
import { ProfilePage } from './pages/AccountPages.ts';
import { AppShell } from './pages/AppShell.ts';
import { UsersSettingsPage } from './pages/SettingsPages.ts';
import { buildOrg, PASSWORD, signIn, type Actor } from './support/api.ts';
import { launchBrowser, openPage, screenshot } from './support/browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let ada: Actor;
let ben: Actor;
let cat: Actor;
let tag: string;
let sales: Team;

beforeAll(async () => {
  browser = await launchBrowser();
  const org = await buildOrg(baseUrl, 'Userland Clinic', 'Ada Lindqvist', ['Ben Okafor', 'Cat Moreau', 'Gus Ferreira']);
  ada = org.admin;
  ben = org.member('Ben');
  cat = org.member('Cat');
  tag = org.tag;
  sales = await ada.api.createTeam('Sales', [ben.user.id, cat.user.id]);
  for (const name of ['Liam Novak', 'Sofia Brandt']) await ben.api.createContact({ name });
});
afterAll(async () => browser?.close());

async function asAdmin(): Promise<{ page: Page; users: UsersSettingsPage; close: () => Promise<void> }> {
  const { context, page } = await openPage(browser, baseUrl, ada);
  const users = await new UsersSettingsPage(page, baseUrl).goto();
  return { page, users, close: () => context.close() };
}
const userNamed = async (name: string) => (await ada.api.request<{ items: User[] }>('GET', '/users?limit=200')).items.find((u) => u.name === name);
const grants = async () => (await ada.api.request<{ items: Grant[] }>('GET', '/grants')).items;

describe('Settings › Users', () => {
  it('adds a user in one flow: administrator?, exports per channel, whose contacts and calendar, a summary, then all of it saved', async () => {
    const { page, users, close } = await asAdmin();
    await page.getByRole('button', { name: 'Add user' }).click();
    const dialog = users.addUserDialog;
    await dialog.getByLabel('Name', { exact: true }).fill('Dan Rivera');
    await dialog.getByLabel('E-mail', { exact: true }).fill(`dan@${tag}.example`);
    expect(await dialog.getByRole('radio', { name: /Set a password now/ }).isChecked(), 'no mail server here: a password is the default').toBe(true);
    expect(await dialog.innerText()).toContain('No mail server is set up');
    await dialog.getByLabel('Temporary password').fill('welcome-dan-1');
    await users.next();
    expect(await dialog.getByRole('heading', { name: 'Is this an administrator?' }).count()).toBe(1);
    expect(await dialog.getByRole('radio', { name: /No, a member/ }).isChecked()).toBe(true);
    await users.next();
    await dialog.getByRole('heading', { name: 'Should this user be able to export contacts?' }).waitFor();
    await dialog.getByRole('radio', { name: /Yes, through these channels/ }).check();
    await dialog.getByRole('checkbox', { name: 'Excel file' }).uncheck();
    await dialog.getByRole('checkbox', { name: 'vCard (Google Contacts)' }).uncheck();
    await screenshot(page, 'add-user-exports');
    await users.next();
    await dialog.getByRole('heading', { name: 'Whose contacts and calendar may they use?' }).waitFor();
    await dialog.getByRole('radiogroup', { name: 'Ben Okafor\'s contacts' }).getByRole('radio', { name: 'View' }).click();
    await dialog.getByRole('radiogroup', { name: 'Cat Moreau\'s calendar' }).getByRole('radio', { name: 'Edit' }).click();
    await screenshot(page, 'add-user-access');
    await users.next();
    const summary = await dialog.getByTestId('add-user-summary').innerText();
    expect(summary).toContain('Member');
    expect(summary).toContain('CSV file');
    expect(summary).toContain('View: Ben Okafor');
    expect(summary).toContain('Edit: Cat Moreau');
    await screenshot(page, 'add-user-summary');
    expect(await userNamed('Dan Rivera'), 'nothing is saved before the summary').toBeUndefined();
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await users.userDialog.waitFor();
    const dan = await userNamed('Dan Rivera');
    expect(dan).toMatchObject({ role: 'member', exportChannels: ['csv'] });
    expect((await grants()).filter((g) => 'userId' in g.grantee && g.grantee.userId === dan?.id).map((g) => [g.ownerId, g.scope, g.level]).sort()).toEqual(
      [[ben.user.id, 'contacts', 'view'], [cat.user.id, 'calendar', 'edit']].sort(),
    );
    await close();
    expect((await signIn(baseUrl, `dan@${tag}.example`, 'welcome-dan-1')).user.name).toBe('Dan Rivera');
  });

  it('2: opening a user is one history entry; Back closes the dialog, and Back after closing does not reopen it', async () => {
    const { page, users, close } = await asAdmin();
    await page.goto(`${baseUrl}/contacts`);
    await page.goto(`${baseUrl}/settings/users`);
    await users.row('Cat Moreau').waitFor();
    const length = () => page.evaluate(() => history.length);
    const before = await length();
    await users.row('Cat Moreau').getByRole('button', { name: 'Cat Moreau' }).click();
    await users.userDialog.waitFor();
    expect(await length()).toBe(before + 1);
    await page.goBack();
    await users.userDialog.waitFor({ state: 'detached' });
    expect(page.url()).toMatch(/\/settings\/users$/);

    await users.row('Cat Moreau').getByRole('button', { name: 'Cat Moreau' }).click();
    await users.userDialog.waitFor();
    await users.closeUserDialog();
    expect(page.url()).toMatch(/\/settings\/users$/);
    await page.goBack();
    await page.waitForURL('**/contacts');
    expect(await users.userDialog.count()).toBe(0);
    await close();
  });

  it('gives a team View on a colleague’s contacts for a window, and shows it', async () => {
    const { page, users, close } = await asAdmin();
    await users.row('Gus Ferreira').getByRole('button', { name: 'Gus Ferreira' }).click();
    const dialog = users.userDialog;
    await dialog.getByRole('button', { name: /Give access to Gus’s contacts or calendar/ }).click();
    const form = dialog.getByRole('form', { name: /Give access to Gus Ferreira/ });
    await form.getByLabel('Who').selectOption({ label: 'Sales (team)' });
    await form.getByLabel('Access').selectOption('view');
    await form.getByLabel('Ends').fill('2030-06-30T17:00');
    await form.getByRole('button', { name: 'Give access' }).click();
    const item = dialog.getByTestId('owner-grant').filter({ hasText: 'Sales (team)' });
    await item.waitFor();
    expect(await item.innerText()).toMatch(/View contacts · until .*2030/);
    const gus = await userNamed('Gus Ferreira');
    const made = (await grants()).find((g) => g.ownerId === gus?.id);
    expect(made).toMatchObject({ grantee: { teamId: sales.id }, scope: 'contacts', level: 'view', startsAt: null });
    expect(made?.expiresAt?.startsWith('2030-06-30')).toBe(true);
    await item.scrollIntoViewIfNeeded();
    await screenshot(page, 'user-team-grant');

    // Ben, in Sales, now reads Gus's contacts through the team: his own row says so.
    await users.closeUserDialog();
    await users.row('Ben Okafor').getByRole('button', { name: 'Ben Okafor' }).click();
    const gusRow = users.userDialog.getByTestId('grant-row').filter({ hasText: 'Gus Ferreira' });
    expect(await gusRow.innerText()).toContain('Team Sales: View');
    await close();
  });

  it('14: the Administrator switch asks first and can be undone', async () => {
    const { page, users, close } = await asAdmin();
    await users.row('Ben Okafor').getByRole('button', { name: 'Ben Okafor' }).click();
    const toggle = users.userDialog.getByRole('switch', { name: 'Administrator' });
    await toggle.click();
    await page.getByRole('heading', { name: 'Make Ben Okafor an administrator?' }).waitFor();
    expect((await userNamed('Ben Okafor'))?.role, 'nothing changes before the answer').toBe('member');
    await page.getByRole('button', { name: 'Cancel' }).last().click();
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    await toggle.click();
    await page.getByRole('button', { name: 'Make administrator' }).click();
    await expect.poll(async () => (await userNamed('Ben Okafor'))?.role, { timeout: 10_000 }).toBe('admin');
    await new AppShell(page).toast('is now an administrator').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await userNamed('Ben Okafor'))?.role, { timeout: 10_000 }).toBe('member');
    await expect.poll(() => toggle.getAttribute('aria-checked'), { timeout: 10_000 }).toBe('false');
    await close();
  });

  it('14: Deactivate asks first and can be undone; Move all contacts asks first', async () => {
    const { page, users, close } = await asAdmin();
    await users.row('Ben Okafor').getByRole('button', { name: 'Ben Okafor' }).click();
    const dialog = users.userDialog;
    await dialog.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByRole('heading', { name: 'Deactivate Ben Okafor?' }).waitFor();
    expect((await userNamed('Ben Okafor'))?.status).toBe('active');
    await page.getByRole('button', { name: 'Deactivate' }).last().click();
    await expect.poll(async () => (await userNamed('Ben Okafor'))?.status, { timeout: 10_000 }).toBe('deactivated');
    await new AppShell(page).toast('Ben Okafor deactivated').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await userNamed('Ben Okafor'))?.status, { timeout: 10_000 }).toBe('active');

    await dialog.getByRole('combobox', { name: 'New owner of all their contacts' }).selectOption({ label: 'Cat Moreau' });
    await dialog.getByRole('button', { name: 'Move all contacts' }).click();
    await page.getByRole('heading', { name: 'Move all of Ben’s contacts to Cat Moreau?' }).waitFor();
    await screenshot(page, 'user-move-all-confirm');
    expect((await cat.api.request<{ items: unknown[] }>('GET', '/contacts?scope=mine')).items).toHaveLength(0);
    await page.getByRole('button', { name: 'Move all contacts' }).last().click();
    await new AppShell(page).toast('2 contacts moved to Cat Moreau').waitFor();
    await close();
  });

  it('an admin sets another user’s password; the user signs in with it', async () => {
    const { page, users, close } = await asAdmin();
    await users.row('Gus Ferreira').getByRole('button', { name: 'Gus Ferreira' }).click();
    await users.userDialog.getByRole('button', { name: 'Set a password' }).click();
    await users.userDialog.getByLabel('New password').fill('gus-new-password');
    await users.userDialog.getByRole('button', { name: 'Set password' }).click();
    await new AppShell(page).toast('New password set for Gus Ferreira').waitFor();
    await close();
    expect((await signIn(baseUrl, `gus@${tag}.example`, 'gus-new-password')).user.name).toBe('Gus Ferreira');
  });
});

describe('your profile', () => {
  it('changes the name at once, the e-mail only with the current password, and the password', async () => {
    const { context, page } = await openPage(browser, baseUrl, cat);
    await page.goto(`${baseUrl}/contacts`);
    await new AppShell(page).currentUser.click();
    const profile = new ProfilePage(page, baseUrl);
    await page.getByRole('heading', { name: 'Your profile', level: 1 }).waitFor();
    await profile.details.getByLabel('Name').fill('Cat Moreau-Diaz');
    await profile.details.getByRole('button', { name: 'Save' }).click();
    await new AppShell(page).toast('Your name is saved').waitFor();
    await expect.poll(() => new AppShell(page).currentUser.innerText(), { timeout: 10_000 }).toContain('Cat Moreau-Diaz');

    await profile.details.getByLabel('E-mail').fill(`cat.md@${tag}.example`);
    await profile.details.getByLabel('Current password').fill('not my password');
    await profile.details.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => profile.fieldMessage(profile.details, 'Current password'), { timeout: 10_000 }).toBe('That is not your current password.');
    await profile.details.getByLabel('Current password').fill(PASSWORD);
    await profile.details.getByRole('button', { name: 'Save' }).click();
    await new AppShell(page).toast('Sign in with your new e-mail').waitFor();
    await screenshot(page, 'profile');

    await profile.password.getByLabel('Current password').fill('wrong one');
    await profile.password.getByLabel('New password', { exact: true }).fill('cat-new-password');
    await profile.password.getByLabel('Repeat the new password').fill('cat-new-password');
    await profile.password.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => profile.fieldMessage(profile.password, 'Current password'), { timeout: 10_000 }).toBe('That is not your current password.');
    await profile.password.getByLabel('Current password').fill(PASSWORD);
    await profile.password.getByRole('button', { name: 'Change password' }).click();
    await new AppShell(page).toast('Password changed').waitFor();
    await context.close();
    expect((await signIn(baseUrl, `cat.md@${tag}.example`, 'cat-new-password')).user.name).toBe('Cat Moreau-Diaz');
  });
});
