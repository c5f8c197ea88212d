// Every main page on a phone (390×844, touch, 3× screen): nothing scrolls sideways, the main controls are on the
// screen, the menu button opens the navigation, dialogs fit; and nothing scrolls sideways at 360 px either. In
// screenshot mode it also takes docs/screenshots/phone-*.png.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Contact } from '../src/api/models.ts';
import { ApiTokensPage } from './pages/ApiTokensPage.ts';
import { ProfilePage } from './pages/AccountPages.ts';
import { AppShell } from './pages/AppShell.ts';
import { BucketPage, BucketsListPage } from './pages/BucketPages.ts';
import { SignInPage } from './pages/AuthPages.ts';
import { ContactPage } from './pages/ContactPage.ts';
import { InboundRepliesCard, UnmatchedRepliesPage } from './pages/InboundPages.ts';
import { InboxPage } from './pages/InboxPage.ts';
import { AuditLogPage, BillingSettingsPage, BrandingSettingsPage, PermissionsSettingsPage, TeamsSettingsPage, UsersSettingsPage } from './pages/SettingsPages.ts';
import { buildOrg, type Actor } from './support/api.ts';
import { launchBrowser, openPage, PHONE, screenshot, SMALL_PHONE } from './support/browser.ts';
import { createBucket, shareBucket } from './support/buckets.ts';
import { postSignedReply } from './support/inbound.ts';
import { expectInViewport, expectNoHorizontalScroll, expectWithinWidth } from './support/layout.ts';
import { BEN_BOOK, CAT_BOOK, ZOE } from './support/people.ts';

const baseUrl = inject('baseUrl');
const WIDTH = PHONE.viewport.width;
let browser: Browser;
let ada: Actor;
let ben: Actor;
let cat: Actor;
let zoe: Contact;

beforeAll(async () => {
  browser = await launchBrowser();
  const org = await buildOrg(baseUrl, 'Pocket Clinic', 'Ada Lindqvist', ['Ben Okafor', 'Cat Moreau']);
  ada = org.admin;
  ben = org.member('Ben');
  cat = org.member('Cat');
  zoe = await ben.api.createContact(ZOE);
  await ben.api.sendMessage(zoe.id, 'Hi Zoe, following up on the renewal: does Thursday 10:00 work for a call?');
  await ben.api.addNote(zoe.id, 'Zoe prefers e-mail before 11:00. Budget approved for Q3.');
  await ben.api.share(zoe.id, { userId: cat.user.id }, 'collaborate', { expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString() });
  for (const c of BEN_BOOK) await ben.api.createContact(c);
  const [aiko] = await Promise.all(CAT_BOOK.slice(0, 3).map((c) => cat.api.createContact(c)));
  if (aiko) await cat.api.share(aiko.id, { userId: ben.user.id }, 'view');
  await ada.api.createTeam('Front desk', [ben.user.id, cat.user.id]);
  await ada.api.grant(ben.user.id, { userId: cat.user.id }, 'contacts', 'view');
});
afterAll(async () => browser?.close());

async function onPhone(actor?: Actor): Promise<{ page: Page; close: () => Promise<void> }> {
  const { context, page } = await openPage(browser, baseUrl, actor, 'phone');
  return { page, close: () => context.close() };
}

describe('on a phone', () => {
  it('signs in on a card that fits the screen', async () => {
    const { page, close } = await onPhone();
    await new SignInPage(page, baseUrl).goto();
    await expectNoHorizontalScroll(page, WIDTH);
    await expectInViewport(page.getByRole('main'));
    await expectInViewport(page.getByLabel('Work e-mail'));
    await expectInViewport(page.getByRole('button', { name: 'Sign in' }));
    await screenshot(page, 'phone-sign-in');
    await close();
  });

  it('lists contacts, and the menu button opens the navigation', async () => {
    const { page, close } = await onPhone(ben);
    const inbox = await new InboxPage(page, baseUrl).goto();
    await inbox.row(ZOE.name).waitFor();
    await expectNoHorizontalScroll(page, WIDTH);
    const shell = new AppShell(page);
    expect(await shell.sidebar.isVisible()).toBe(false);
    for (const control of [shell.menuButton, page.getByRole('button', { name: 'New contact' }), page.getByRole('searchbox', { name: 'Search contacts' }), inbox.row(ZOE.name)]) {
      await expectInViewport(control);
    }
    await expectWithinWidth(page.getByRole('navigation', { name: 'Contact views' }).getByRole('button', { name: 'Mine' }));
    await screenshot(page, 'phone-contacts');

    await shell.openNavigation();
    expect(await shell.menuButton.getAttribute('aria-expanded')).toBe('true');
    await expectInViewport(shell.sidebar.getByRole('link', { name: 'Contacts' }));
    await expectInViewport(shell.currentUser);
    await expectNoHorizontalScroll(page, WIDTH);
    await screenshot(page, 'phone-navigation');
    await page.keyboard.press('Escape');
    await shell.sidebar.waitFor({ state: 'hidden' });

    await shell.openNavigation();
    await shell.sidebar.getByRole('link', { name: 'Contacts' }).click();
    await shell.sidebar.waitFor({ state: 'hidden' });
    await inbox.open(ZOE.name);
    await close();
  });

  it('shows a contact with Edit and Share on the screen, and the share dialog fits', async () => {
    const { page, close } = await onPhone(ben);
    const contact = await new ContactPage(page, baseUrl).goto(zoe.id, ZOE.name);
    await contact.historyItems.first().waitFor();
    await expectNoHorizontalScroll(page, WIDTH);
    for (const name of ['Message', 'Note', 'Edit', 'More']) await expectInViewport(page.getByRole('button', { name, exact: true }));
    await screenshot(page, 'phone-contact');
    await expectWithinWidth(contact.explain.root);

    await contact.moreButton.click();
    await expectInViewport(page.getByRole('menuitem', { name: 'Share' }));
    await page.keyboard.press('Escape');
    const dialog = await contact.openShareDialog();
    await expectNoHorizontalScroll(page, WIDTH);
    await expectInViewport(dialog.root.getByRole('heading', { name: `Share ${ZOE.name}` }));
    await expectInViewport(dialog.root.getByRole('button', { name: 'Close' }));
    await expectWithinWidth(dialog.root.getByRole('button', { name: 'Share', exact: true }));
    await expectWithinWidth(dialog.shareRow('Cat Moreau').getByRole('button', { name: 'Revoke Cat Moreau' }));
    await dialog.addGrantee('Ada');
    await screenshot(page, 'phone-share-dialog');
    await dialog.close();

    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const form = page.getByTestId('contact-form');
    await expectInViewport(form.getByLabel('Name'));
    await expectWithinWidth(form.getByRole('button', { name: 'Save changes' }));
    await expectNoHorizontalScroll(page, WIDTH);
    await close();
  });

  it('shows a colleague’s shared contact with its composer', async () => {
    const { page, close } = await onPhone(cat);
    const contact = await new ContactPage(page, baseUrl).goto(zoe.id, ZOE.name);
    await contact.historyItems.first().waitFor();
    await expectNoHorizontalScroll(page, WIDTH);
    await expectInViewport(contact.actionsBar.getByRole('button', { name: 'Message' }));
    await expectWithinWidth(page.getByTestId('composer').getByRole('button', { name: 'Send message' }));
    await close();
  });

  it('makes every settings page usable', async () => {
    const { page, close } = await onPhone(ada);
    const shell = new AppShell(page);
    const pages: { open: () => Promise<unknown>; tab: string; control: () => ReturnType<Page['getByRole']>; shot: string }[] = [
      { open: () => new UsersSettingsPage(page, baseUrl).goto(), tab: 'Users', control: () => page.getByRole('button', { name: 'Add user' }), shot: 'phone-users-settings' },
      { open: () => new TeamsSettingsPage(page, baseUrl).goto(), tab: 'Teams', control: () => page.getByRole('button', { name: 'New team' }), shot: 'phone-teams' },
      { open: () => new PermissionsSettingsPage(page, baseUrl).goto(), tab: 'Permissions', control: () => page.getByRole('switch', { name: 'Share all contacts' }), shot: 'phone-permissions' },
      { open: () => new BrandingSettingsPage(page, baseUrl).goto(), tab: 'Branding', control: () => page.getByRole('button', { name: 'Save branding' }), shot: 'phone-branding' },
      { open: () => new BillingSettingsPage(page, baseUrl).goto(), tab: 'Billing', control: () => page.getByRole('button', { name: 'Save billing details' }), shot: 'phone-billing' },
      // Before the audit log: the steps after the loop go on on the audit log page.
      { open: () => new UnmatchedRepliesPage(page, baseUrl).goto(), tab: 'Unmatched replies', control: () => new UnmatchedRepliesPage(page, baseUrl).replies.first(), shot: 'phone-unmatched-replies' },
      { open: () => new AuditLogPage(page, baseUrl).goto(), tab: 'Audit log', control: () => page.getByRole('button', { name: 'Verify chain' }), shot: 'phone-audit-log' },
    ];
    // A long reply from an unknown sender, so the list has something to lay out.
    const unknown = { from: 'someone.with.a.very.long.address@unfamiliar-domain.example', to: 'nobody-here@pocket-clinic.example', subject: 'Re: your appointment reminder for next Tuesday', body: 'Hello, I think this message reached the wrong person. '.repeat(6) };
    expect((await postSignedReply(baseUrl, ada, 'email', unknown)).body.outcome).toBe('unmatched');
    for (const p of pages) {
      await p.open();
      await expectNoHorizontalScroll(page, WIDTH);
      await expectInViewport(shell.menuButton);
      await expectInViewport(page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: p.tab }));
      await expectWithinWidth(p.control());
      await screenshot(page, p.shot);
    }

    const audit = new AuditLogPage(page, baseUrl);
    await audit.rows.first().getByRole('button', { name: 'Details' }).click();
    await expectNoHorizontalScroll(page, WIDTH);

    await new PermissionsSettingsPage(page, baseUrl).goto();
    const inbound = new InboundRepliesCard(page);
    await inbound.showSecret();
    await expectNoHorizontalScroll(page, WIDTH);
    await expectWithinWidth(inbound.card.getByRole('button', { name: 'Rotate secret' }));
    await expectWithinWidth(inbound.card.getByRole('button', { name: 'Copy' }));

    const users = await new UsersSettingsPage(page, baseUrl).goto();
    await users.row('Cat Moreau').click();
    await users.userDialog.waitFor();
    await expectNoHorizontalScroll(page, WIDTH);
    await expectInViewport(users.userDialog.getByRole('button', { name: 'Close' }));
    const benRow = users.userDialog.getByTestId('grant-row').filter({ hasText: 'Ben Okafor' });
    await expectWithinWidth(benRow.getByRole('radiogroup', { name: 'Ben Okafor\'s calendar' }));
    await expectWithinWidth(users.userDialog.getByRole('button', { name: 'Move all contacts' }));
    await benRow.scrollIntoViewIfNeeded();
    await screenshot(page, 'phone-user-access');
    await users.closeUserDialog();
    await close();
  });

  it('makes buckets, a bucket with its share dialog, Add to bucket, API tokens and Who has access usable', async () => {
    const bucket = await createBucket(ben, 'Key accounts', [zoe.id]);
    await shareBucket(ben, bucket.id, { userId: cat.user.id }, 'collaborate', { startsAt: new Date(Date.now() + 86_400_000).toISOString(), expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() });
    const { page, close } = await onPhone(ben);
    const shell = new AppShell(page);
    await page.goto(baseUrl);
    await shell.openNavigation();
    await shell.sidebar.getByRole('link', { name: 'Buckets' }).click();
    const list = new BucketsListPage(page, baseUrl);
    await list.row('Key accounts').waitFor();
    await expectNoHorizontalScroll(page, WIDTH);
    await expectInViewport(page.getByRole('button', { name: 'New bucket' }));
    await expectWithinWidth(list.row('Key accounts').getByTestId('bucket-level'));
    await screenshot(page, 'phone-buckets');

    await list.row('Key accounts').getByRole('link').click();
    const view = new BucketPage(page, baseUrl);
    await view.contactRow(ZOE.name).waitFor();
    await view.shareRow('Cat Moreau').waitFor();
    await expectNoHorizontalScroll(page, WIDTH);
    for (const name of ['Share', 'More']) await expectInViewport(page.getByRole('button', { name, exact: true }));
    await expectWithinWidth(view.contactRow(ZOE.name).getByRole('button', { name: `Remove ${ZOE.name} from Key accounts` }));
    await expectWithinWidth(view.shareRow('Cat Moreau').getByRole('combobox', { name: 'Level for Cat Moreau' }));
    await expectWithinWidth(view.shareRow('Cat Moreau').getByRole('button', { name: 'Revoke Cat Moreau' }));
    await screenshot(page, 'phone-bucket');
    await view.shareRow('Cat Moreau').getByRole('button', { name: /Change how long Cat Moreau has access/ }).click();
    await expectWithinWidth(view.shareRow('Cat Moreau').getByRole('button', { name: 'Save dates' }));
    await expectNoHorizontalScroll(page, WIDTH);

    const dialog = await view.openShareDialog();
    await expectNoHorizontalScroll(page, WIDTH);
    await expectInViewport(dialog.root.getByRole('button', { name: 'Close' }));
    await expectWithinWidth(dialog.root.getByLabel('Share starts'));
    await expectWithinWidth(dialog.root.getByLabel('Share until'));
    await expectWithinWidth(dialog.root.getByRole('button', { name: 'Share', exact: true }));
    await screenshot(page, 'phone-bucket-share-dialog');
    await dialog.root.getByRole('button', { name: 'Close' }).click();

    const inbox = await new InboxPage(page, baseUrl).goto();
    await inbox.row(ZOE.name).waitFor();
    await page.getByRole('button', { name: 'Select', exact: true }).click();
    await page.getByRole('checkbox', { name: `Select ${ZOE.name}` }).check();
    await expectNoHorizontalScroll(page, WIDTH);
    await expectWithinWidth(page.getByRole('button', { name: 'Add to bucket' }));
    await page.getByRole('button', { name: 'Add to bucket' }).click();
    await page.getByTestId('add-to-bucket-dialog').waitFor();
    await expectNoHorizontalScroll(page, WIDTH);
    await expectWithinWidth(page.getByTestId('add-to-bucket-dialog').getByRole('button', { name: 'Add 1 contact' }));
    await page.getByTestId('add-to-bucket-dialog').getByRole('button', { name: 'Cancel' }).click();

    const contact = await new ContactPage(page, baseUrl).goto(zoe.id, ZOE.name);
    const who = page.getByTestId('who-has-access');
    await who.getByTestId('who-person').first().waitFor();
    await expectWithinWidth(who);
    await expectNoHorizontalScroll(page, WIDTH);
    await screenshot(page, 'phone-who-has-access');
    void contact;

    const tokens = await new ApiTokensPage(page, baseUrl).goto();
    await tokens.blocked.waitFor();
    await expectNoHorizontalScroll(page, WIDTH);
    await expectWithinWidth(tokens.createButton);
    await screenshot(page, 'phone-api-tokens');
    await close();

    const admin = await onPhone(ada);
    const adminTokens = await new ApiTokensPage(admin.page, baseUrl).goto();
    await adminTokens.create('Phone test', 'In 30 days');
    await expectNoHorizontalScroll(admin.page, WIDTH);
    await expectWithinWidth(adminTokens.reveal.getByRole('button', { name: 'Copy' }));
    await expectWithinWidth(adminTokens.reveal.getByRole('button', { name: 'Done, I have stored it' }));
    await screenshot(admin.page, 'phone-api-token-created');
    await adminTokens.reveal.getByRole('button', { name: 'Done, I have stored it' }).click();
    await adminTokens.row('Phone test').waitFor();
    await expectNoHorizontalScroll(admin.page, WIDTH);
    await expectWithinWidth(adminTokens.row('Phone test').getByRole('button', { name: 'Revoke Phone test' }));
    await admin.close();

    const small = await openPage(browser, baseUrl, ben, 'small-phone');
    for (const path of ['/buckets', `/buckets/${bucket.id}`, '/account/api-tokens', '/calendar', '/calendar?view=week', '/calendar?view=day', '/tasks']) {
      await small.page.goto(`${baseUrl}${path}`);
      await small.page.getByRole('heading', { level: 1 }).waitFor();
      await small.page.getByRole('status', { name: /Loading/ }).first().waitFor({ state: 'detached' });
      await expectNoHorizontalScroll(small.page, SMALL_PHONE.viewport.width);
    }
    await small.context.close();
  });

  it('makes the profile, forgot password and adding a user usable', async () => {
    const visitor = await onPhone();
    await visitor.page.goto(`${baseUrl}/forgot-password`);
    await visitor.page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await expectNoHorizontalScroll(visitor.page, WIDTH);
    await expectInViewport(visitor.page.getByRole('button', { name: 'E-mail me a link' }));
    await visitor.close();

    const { page, close } = await onPhone(ada);
    const profile = await new ProfilePage(page, baseUrl).goto();
    await expectNoHorizontalScroll(page, WIDTH);
    await expectWithinWidth(profile.password.getByRole('button', { name: 'Change password' }));
    await screenshot(page, 'phone-profile');

    const users = await new UsersSettingsPage(page, baseUrl).goto();
    await page.getByRole('button', { name: 'Add user' }).click();
    await users.addUserDialog.getByLabel('Name', { exact: true }).fill('Dan Rivera');
    await users.addUserDialog.getByLabel('E-mail', { exact: true }).fill('dan@pocket-clinic.example');
    await users.addUserDialog.getByLabel('Temporary password').fill('welcome-dan-1');
    for (const step of ['who', 'role', 'export', 'access', 'summary']) {
      await expectNoHorizontalScroll(page, WIDTH);
      await expectWithinWidth(users.addUserDialog.getByRole('button', { name: step === 'summary' ? 'Add user' : 'Next' }));
      if (step === 'access') {
        await expectWithinWidth(users.addUserDialog.getByRole('radiogroup', { name: 'Ben Okafor\'s calendar' }));
        await screenshot(page, 'phone-add-user-access');
      }
      if (step !== 'summary') await users.next();
    }
    await page.keyboard.press('Escape');
    await users.row('Cat Moreau').getByRole('button', { name: 'Cat Moreau' }).click();
    await users.userDialog.getByRole('button', { name: /Give access to Cat’s contacts or calendar/ }).click();
    const form = users.userDialog.getByRole('form', { name: /Give access to Cat Moreau/ });
    await expectWithinWidth(form.getByLabel('Ends'));
    await expectWithinWidth(form.getByRole('button', { name: 'Give access' }));
    await expectNoHorizontalScroll(page, WIDTH);
    await screenshot(page, 'phone-user-grant-form');
    await close();
  });

  it('keeps every main page within a 360 px wide screen', async () => {
    const width = SMALL_PHONE.viewport.width;
    const signedOut = await openPage(browser, baseUrl, undefined, 'small-phone');
    await new SignInPage(signedOut.page, baseUrl).goto();
    await expectNoHorizontalScroll(signedOut.page, width);
    await signedOut.context.close();

    const { context, page } = await openPage(browser, baseUrl, ben, 'small-phone');
    const inbox = await new InboxPage(page, baseUrl).goto();
    await inbox.row(ZOE.name).waitFor();
    await expectNoHorizontalScroll(page, width);
    await expectWithinWidth(page.getByRole('navigation', { name: 'Contact views' }).getByRole('button', { name: 'Trash' }));
    const contact = await new ContactPage(page, baseUrl).goto(zoe.id, ZOE.name);
    await contact.historyItems.first().waitFor();
    await expectNoHorizontalScroll(page, width);
    for (const name of ['Message', 'Note', 'Edit', 'More']) await expectInViewport(page.getByRole('button', { name, exact: true }));
    await contact.openShareDialog();
    await expectNoHorizontalScroll(page, width);
    await context.close();

    const admin = await openPage(browser, baseUrl, ada, 'small-phone');
    for (const path of ['users', 'teams', 'permissions', 'branding', 'billing', 'audit', 'unmatched-replies', 'integrations']) {
      await admin.page.goto(`${baseUrl}/settings/${path}`);
      await admin.page.getByRole('heading', { level: 2 }).first().waitFor();
      await admin.page.getByRole('status', { name: /Loading/ }).waitFor({ state: 'detached' });
      await expectNoHorizontalScroll(admin.page, width);
    }
    await admin.context.close();
  });
});
