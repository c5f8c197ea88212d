// Accessibility: axe-core finds no serious or critical violation on any main page (sign-in, sign-up, the contacts
// list, a contact, each settings page, integrations, buckets, pipelines, templates) nor in the share dialog or the folded-out navigation on a phone; the
// "Skip to content" link is the first stop of the keyboard and moves focus to the page.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Contact } from '../src/api/models.ts';
import { ApiTokensPage } from './pages/ApiTokensPage.ts';
import { ProfilePage } from './pages/AccountPages.ts';
import { AppShell } from './pages/AppShell.ts';
import { AddToBucketDialog, BucketPage, BucketsListPage } from './pages/BucketPages.ts';
import { SignInPage, SignUpPage } from './pages/AuthPages.ts';
import { ExportMenu, ImportPage } from './pages/ContactFilesPages.ts';
import { ContactPage } from './pages/ContactPage.ts';
import { InboundRepliesCard, UnmatchedRepliesPage } from './pages/InboundPages.ts';
import { InboxPage } from './pages/InboxPage.ts';
import { IntegrationsPage } from './pages/IntegrationsPage.ts';
import { BoardPage, PipelinesListPage } from './pages/PipelinePages.ts';
import { ProgramPage, ProgramsListPage } from './pages/ProgramPages.ts';
import { TemplatesPage } from './pages/TemplatePages.ts';
import { AuditLogPage, BillingSettingsPage, BrandingSettingsPage, PermissionsSettingsPage, TeamsSettingsPage, UsersSettingsPage } from './pages/SettingsPages.ts';
import { buildOrg, type Actor } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { postSignedReply } from './support/inbound.ts';
import { addCard, createPipeline, stageId } from './support/pipelines.ts';
import { createBucket, shareBucket } from './support/buckets.ts';
import { launchBrowser, openPage } from './support/browser.ts';
import { BEN_BOOK, ZOE } from './support/people.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let ada: Actor;
let ben: Actor;
let cat: Actor;
let zoe: Contact;

beforeAll(async () => {
  browser = await launchBrowser();
  const org = await buildOrg(baseUrl, 'Clear View Care', 'Ada Lindqvist', ['Ben Okafor', 'Cat Moreau']);
  ada = org.admin;
  ben = org.member('Ben');
  cat = org.member('Cat');
  zoe = await ben.api.createContact(ZOE);
  await ben.api.sendMessage(zoe.id, 'Hi Zoe, following up on the renewal: does Thursday 10:00 work for a call?');
  await ben.api.addNote(zoe.id, 'Zoe prefers e-mail before 11:00. Budget approved for Q3.');
  await ben.api.share(zoe.id, { userId: cat.user.id }, 'collaborate');
  for (const c of BEN_BOOK) await ben.api.createContact(c);
  await ada.api.createTeam('Front desk', [ben.user.id, cat.user.id]);
});
afterAll(async () => browser?.close());

/** Waits for the page to settle (no spinner left), then expects no serious or critical axe violation. */
async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.getByRole('status', { name: /Loading/ }).waitFor({ state: 'detached' });
  const violations = await seriousViolations(page);
  expect(violations, `${what}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

describe('accessibility (axe-core: no serious or critical violations)', () => {
  it('sign-in and sign-up', async () => {
    const { context, page } = await openPage(browser, baseUrl);
    await new SignInPage(page, baseUrl).goto();
    await expectAccessible(page, 'sign-in');
    await new SignUpPage(page, baseUrl).goto();
    await expectAccessible(page, 'sign-up');
    await context.close();
  });

  it('the contacts list and a contact, with the share dialog open', async () => {
    const { context, page } = await openPage(browser, baseUrl, ben);
    const inbox = await new InboxPage(page, baseUrl).goto();
    await inbox.row(ZOE.name).waitFor();
    await expectAccessible(page, 'contacts list');
    const contact = await new ContactPage(page, baseUrl).goto(zoe.id, ZOE.name);
    await contact.historyItems.first().waitFor();
    await contact.explain.sources.first().waitFor();
    await expectAccessible(page, 'contact page');
    const dialog = await contact.openShareDialog();
    await dialog.shareRow('Cat Moreau').waitFor();
    await expectAccessible(page, 'share dialog');
    await context.close();
  });

  it('every settings page', async () => {
    const { context, page } = await openPage(browser, baseUrl, ada);
    const users = await new UsersSettingsPage(page, baseUrl).goto();
    await users.row('Ben Okafor').waitFor();
    await expectAccessible(page, 'Settings › Users');
    await users.row('Ben Okafor').click();
    await users.userDialog.getByTestId('grant-row').first().waitFor();
    await expectAccessible(page, 'Settings › Users › a user');
    await users.closeUserDialog();
    const teams = await new TeamsSettingsPage(page, baseUrl).goto();
    await teams.cards.first().waitFor();
    await expectAccessible(page, 'Settings › Teams');
    await new PermissionsSettingsPage(page, baseUrl).goto();
    await new InboundRepliesCard(page).showSecret();
    await expectAccessible(page, 'Settings › Permissions');
    await new BrandingSettingsPage(page, baseUrl).goto();
    await expectAccessible(page, 'Settings › Branding');
    await new BillingSettingsPage(page, baseUrl).goto();
    await expectAccessible(page, 'Settings › Billing');
    const audit = await new AuditLogPage(page, baseUrl).goto();
    await audit.rows.first().waitFor();
    await expectAccessible(page, 'Settings › Audit log');
    expect((await postSignedReply(baseUrl, ada, 'sms', { from: '+1 206 555 0199', to: '+1 206 555 0100', body: 'Is this still the clinic?' })).body.outcome).toBe('unmatched');
    const unmatched = await new UnmatchedRepliesPage(page, baseUrl).goto();
    await unmatched.replies.first().waitFor();
    await expectAccessible(page, 'Settings › Unmatched replies');
    await context.close();
  });

  it('buckets, a bucket with its dialogs, Add to bucket, Who has access and API tokens', async () => {
    const bucket = await createBucket(ben, 'Key accounts', [zoe.id]);
    await shareBucket(ben, bucket.id, { userId: cat.user.id }, 'view', { expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString() });
    const { context, page } = await openPage(browser, baseUrl, ben);
    const list = await new BucketsListPage(page, baseUrl).goto();
    await list.row('Key accounts').waitFor();
    await expectAccessible(page, 'buckets list');
    const view = await new BucketPage(page, baseUrl).goto(bucket.id, 'Key accounts');
    await view.contactRow(ZOE.name).waitFor();
    await view.shareRow('Cat Moreau').waitFor();
    await expectAccessible(page, 'bucket page');
    await view.shareRow('Cat Moreau').getByRole('button', { name: /Change how long Cat Moreau has access/ }).click();
    await expectAccessible(page, 'bucket page, a share window being changed');
    const share = await view.openShareDialog();
    await share.root.getByLabel('Share starts').fill('2030-01-01T09:00');
    await expectAccessible(page, 'bucket share dialog');
    await share.root.getByRole('button', { name: 'Close' }).click();
    const add = await view.openAddContacts();
    await add.root.getByRole('checkbox').first().waitFor();
    await expectAccessible(page, 'add contacts to a bucket');
    await add.root.getByRole('button', { name: 'Cancel' }).click();

    const inbox = await new InboxPage(page, baseUrl).goto();
    await inbox.row(ZOE.name).waitFor();
    await page.getByRole('button', { name: 'Select', exact: true }).click();
    await page.getByRole('checkbox', { name: `Select ${ZOE.name}` }).check();
    await expectAccessible(page, 'contacts list selecting');
    await page.getByRole('button', { name: 'Add to bucket' }).click();
    await new AddToBucketDialog(page).root.getByRole('radio').first().waitFor();
    await expectAccessible(page, 'add to bucket dialog');
    await page.keyboard.press('Escape');

    await new ContactPage(page, baseUrl).goto(zoe.id, ZOE.name);
    await page.getByTestId('who-has-access').getByTestId('who-person').first().waitFor();
    await page.getByTestId('explain-panel').getByTestId('access-source').first().waitFor();
    await expectAccessible(page, 'contact page with Who has access');

    const tokens = await new ApiTokensPage(page, baseUrl).goto();
    await tokens.blocked.waitFor();
    await expectAccessible(page, 'API tokens, blocked');
    await context.close();

    const admin = await openPage(browser, baseUrl, ada);
    const adminTokens = await new ApiTokensPage(admin.page, baseUrl).goto();
    await adminTokens.create('Axe check', 'Never');
    await expectAccessible(admin.page, 'a new API token');
    await adminTokens.reveal.getByRole('button', { name: 'Done, I have stored it' }).click();
    await adminTokens.row('Axe check').waitFor();
    await expectAccessible(admin.page, 'API tokens with a token');
    await admin.context.close();
  });

  it('accounts: the profile, forgot password, the link pages, and adding a user step by step', async () => {
    const visitor = await openPage(browser, baseUrl);
    await visitor.page.goto(`${baseUrl}/forgot-password`);
    await visitor.page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await expectAccessible(visitor.page, 'forgot password');
    await visitor.page.goto(`${baseUrl}/reset-password#token=some-token`);
    await visitor.page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await expectAccessible(visitor.page, 'reset password');
    await visitor.page.goto(`${baseUrl}/accept-invitation#token=no-such-invitation`);
    await visitor.page.getByTestId('link-unusable').waitFor();
    await expectAccessible(visitor.page, 'an invitation link that cannot be used');
    await visitor.context.close();

    const { context, page } = await openPage(browser, baseUrl, ada);
    await new ProfilePage(page, baseUrl).goto();
    await expectAccessible(page, 'profile');
    const users = await new UsersSettingsPage(page, baseUrl).goto();
    await page.getByRole('button', { name: 'Add user' }).click();
    await users.addUserDialog.getByLabel('Name', { exact: true }).fill('Dan Rivera');
    await users.addUserDialog.getByLabel('E-mail', { exact: true }).fill('dan@clear-view-care.example');
    await users.addUserDialog.getByLabel('Temporary password').fill('welcome-dan-1');
    for (const step of ['who', 'role', 'export', 'access', 'summary']) {
      await expectAccessible(page, `Add a user: ${step}`);
      if (step !== 'summary') await users.next();
    }
    await page.keyboard.press('Escape');
    await users.row('Ben Okafor').getByRole('button', { name: 'Ben Okafor' }).click();
    await users.userDialog.getByRole('button', { name: /Give access to Ben’s contacts or calendar/ }).click();
    await users.userDialog.getByRole('button', { name: 'Set a password' }).click();
    await expectAccessible(page, 'a user with the grant and password forms open');
    await users.userDialog.getByRole('switch', { name: 'Administrator' }).click();
    await expectAccessible(page, 'the Administrator confirmation');
    await context.close();
  });

  it('the calendar (week, day with a colleague beside, agenda, an item), My tasks and a contact’s tasks', async () => {
    const today = new Date().toISOString().slice(0, 10);
    await ada.api.grant(ben.user.id, { userId: cat.user.id }, 'calendar', 'view');
    const item = (body: Record<string, unknown>) => ben.api.request('POST', '/calendar-items', { userId: ben.user.id, ...body });
    await item({ kind: 'event', title: 'Renewal call', startsAt: `${today}T10:00:00Z`, endsAt: `${today}T11:00:00Z`, contactId: zoe.id });
    await item({ kind: 'task', title: 'Send the renewal quote', dueAt: `${today}T15:00:00Z`, contactId: zoe.id });
    await item({ kind: 'task', title: 'Overdue check', dueAt: new Date(Date.now() - 86_400_000).toISOString() });
    for (const actor of [ben, cat]) {
      const { context, page } = await openPage(browser, baseUrl, actor);
      for (const view of ['week', 'day', 'agenda']) {
        await page.goto(`${baseUrl}/calendar?view=${view}&date=${today}`);
        await page.getByTestId('calendar-item').filter({ hasText: 'Renewal call' }).first().waitFor();
        await expectAccessible(page, `calendar, ${view}, as ${actor.user.name}`);
      }
      await page.getByTestId('calendar-item').filter({ hasText: 'Renewal call' }).first().click();
      await page.getByTestId('calendar-item-dialog').waitFor();
      await expectAccessible(page, `a calendar item open, as ${actor.user.name}`);
      await context.close();
    }
    const { context, page } = await openPage(browser, baseUrl, ben);
    await page.goto(`${baseUrl}/tasks`);
    await page.getByTestId('task-row').first().waitFor();
    await expectAccessible(page, 'My tasks');
    await new ContactPage(page, baseUrl).goto(zoe.id, ZOE.name);
    await page.getByTestId('contact-task').first().waitFor();
    await expectAccessible(page, 'a contact with its tasks');
    await page.goto(`${baseUrl}/calendar?view=week&date=${today}`);
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await page.getByTestId('calendar-item-dialog').getByLabel('Link a contact').fill('Zoe');
    await page.getByRole('list', { name: 'Contacts to link' }).getByRole('button').first().waitFor();
    await expectAccessible(page, 'a new calendar item with the contact search open');
    await context.close();
  });

  it('pipelines: the list, a board with a hidden count, the card and pipeline dialogs', async () => {
    const pipeline = await createPipeline(ben, 'Renewals board', ['Lead', 'Proposal', 'Won']);
    const ivo = await ben.api.createContact({ name: 'Ivo Petrov', company: 'Petrov Dental' });
    await addCard(ben, pipeline.id, { contactId: zoe.id, stageId: stageId(pipeline, 'Lead'), title: 'Zoe renewal', value: 12000, expectedCloseOn: '2026-12-15' });
    await addCard(ben, pipeline.id, { contactId: ivo.id, stageId: stageId(pipeline, 'Proposal'), title: 'Ivo new chairs' });
    await ben.api.request('POST', `/pipelines/${pipeline.id}/shares`, { grantee: { userId: cat.user.id }, level: 'view' });
    const { context, page } = await openPage(browser, baseUrl, cat);
    const list = await new PipelinesListPage(page, baseUrl).goto();
    await list.row('Renewals board').waitFor();
    await expectAccessible(page, 'pipelines list');
    const board = await new BoardPage(page, baseUrl).goto(pipeline.id, 'Renewals board');
    await board.hiddenLine('Proposal').waitFor();
    await expectAccessible(page, 'a board, as a sharee');
    await board.openNewCard();
    await expectAccessible(page, 'the New card dialog');
    await context.close();
    const owner = await openPage(browser, baseUrl, ben);
    const own = await new BoardPage(owner.page, baseUrl).goto(pipeline.id, 'Renewals board');
    await own.shares.getByTestId('share-row').first().waitFor();
    await expectAccessible(owner.page, 'a board, as its owner, with its shares');
    await own.openChange();
    await expectAccessible(owner.page, 'the pipeline dialog');
    await owner.context.close();
  });

  it('templates: the list, a template with its shares and share dialog, a sharee\'s read-only one, Use a template', async () => {
    const { template } = await ben.api.request<{ template: { id: string } }>('POST', '/templates', { name: 'Check-in', subject: 'Hello {{contact.firstName}}', body: 'Hi {{contact.firstName}}, how are things?' });
    await ben.api.request('POST', `/templates/${template.id}/shares`, { grantee: { userId: cat.user.id }, level: 'view' });
    const owner = await openPage(browser, baseUrl, ben);
    const own = await new TemplatesPage(owner.page, baseUrl).goto(template.id);
    await own.shareRow('Cat Moreau').waitFor();
    await expectAccessible(owner.page, 'the templates page with a template and its shares');
    await own.shares.getByRole('button', { name: 'Share', exact: true }).click();
    await owner.page.getByTestId('hand-shared-share-dialog').waitFor();
    await expectAccessible(owner.page, 'the template share dialog');
    await owner.context.close();
    const { context, page } = await openPage(browser, baseUrl, cat);
    await new TemplatesPage(page, baseUrl).goto(template.id);
    await page.getByTestId('template-read-only').waitFor();
    await expectAccessible(page, 'a template shared at Can use (read-only)');
    const contact = await new ContactPage(page, baseUrl).goto(zoe.id, ZOE.name);
    await contact.actionsBar.getByRole('button', { name: 'Message' }).click();
    await page.getByTestId('composer').getByRole('button', { name: 'Use a template' }).click();
    await page.getByRole('list', { name: 'Templates you can use' }).waitFor();
    await expectAccessible(page, 'the Use a template dialog');
    await context.close();
  });

  it('programs: the list, a program with an enrolment and its shares, its dialogs, a sharee\'s read-only one, Enrol in program…', async () => {
    const { template } = await ben.api.request<{ template: { id: string } }>('POST', '/templates', { name: 'Quarterly note', subject: 'Quarterly', body: 'Hi {{contact.firstName}}, a quick quarterly hello.' });
    // Its one step is 30 days out, so nothing is sent to Zoe while the other checks read her page.
    const { program } = await ben.api.request<{ program: { id: string } }>('POST', '/programs', { name: 'Quarterly drip', steps: [{ templateId: template.id, delayDays: 30, channel: 'email' }] });
    await ben.api.request('POST', `/programs/${program.id}/enrollments`, { contactId: zoe.id });
    await ben.api.request('POST', `/programs/${program.id}/shares`, { grantee: { userId: cat.user.id }, level: 'view' });
    const owner = await openPage(browser, baseUrl, ben);
    const list = await new ProgramsListPage(owner.page, baseUrl).goto();
    await list.row('Quarterly drip').waitFor();
    await expectAccessible(owner.page, 'programs list');
    const own = await new ProgramPage(owner.page, baseUrl).goto(program.id, 'Quarterly drip');
    await own.enrollmentRow(ZOE.name).waitFor();
    await owner.page.getByTestId('hand-shared-shares').getByTestId('share-row').first().waitFor();
    await expectAccessible(owner.page, 'a program with an enrolment and its shares, as its owner');
    await own.enrollments.getByRole('button', { name: 'Enrol a contact' }).click();
    await owner.page.getByTestId('enroll-contact-dialog').getByRole('searchbox').fill('Liam');
    await owner.page.getByRole('button', { name: 'Enrol Liam Novak' }).waitFor();
    await expectAccessible(owner.page, 'the Enrol a contact dialog');
    await owner.page.getByTestId('enroll-contact-dialog').getByRole('button', { name: 'Close' }).click();
    await new ProgramsListPage(owner.page, baseUrl).goto();
    await list.openNew();
    await expectAccessible(owner.page, 'the New program dialog');
    await owner.context.close();
    const { context, page } = await openPage(browser, baseUrl, cat);
    const seen = await new ProgramPage(page, baseUrl).goto(program.id, 'Quarterly drip');
    await seen.steps.getByTestId('program-step').waitFor();
    await expectAccessible(page, 'a program shared at Can use (read-only steps)');
    const inbox = await new InboxPage(page, baseUrl).goto();
    await inbox.row(ZOE.name).waitFor();
    await page.getByRole('button', { name: 'Select', exact: true }).click();
    await page.getByRole('checkbox', { name: `Select ${ZOE.name}` }).check();
    await page.getByTestId('selection-bar').getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('menuitem', { name: 'Enrol in program…' }).click();
    await page.getByTestId('enroll-in-program-dialog').getByRole('radio', { name: /Quarterly drip/ }).waitFor();
    await expectAccessible(page, 'the Enrol in program dialog');
    await context.close();
  });

  it('export and import: the export menu with refused formats, the import page after a dry run with row errors', async () => {
    await ada.api.settings({ exportEnabled: true });
    await ada.api.request('PATCH', `/users/${ben.user.id}`, { exportChannels: ['vcard'] });
    const { context, page } = await openPage(browser, baseUrl, ben);
    const inbox = await new InboxPage(page, baseUrl).goto();
    await inbox.row(ZOE.name).waitFor();
    await new ExportMenu(page).open();
    await expectAccessible(page, 'export menu');
    const importPage = await new ImportPage(page, baseUrl).goto();
    await importPage.chooseFile('people.csv', 'Name,E-mail,Firma\r\nIda Berg,ida@berg.example,Berg AB\r\nJon Ek,not-an-e-mail,Ek AB\r\n');
    await importPage.errors.waitFor();
    await expectAccessible(page, 'import page after a dry run');
    await ada.api.settings({ exportEnabled: false });
    await ada.api.request('PATCH', `/users/${ben.user.id}`, { exportChannels: [] });
    await context.close();
  });

  it('integrations: the cards and the connect dialogs on a laptop and at 390 px, and the gate a member sees', async () => {
    for (const device of ['desktop', 'phone'] as const) {
      const { context, page } = await openPage(browser, baseUrl, ada, device);
      const integrations = await new IntegrationsPage(page, baseUrl).goto();
      await expectAccessible(page, `Settings › Integrations (${device})`);
      for (const provider of ['mailchimp', 'google_contacts'] as const) {
        await integrations.openConnect(provider);
        await expectAccessible(page, `connect ${provider} dialog (${device})`);
        await integrations.dialog.getByRole('button', { name: 'Cancel' }).click();
      }
      await context.close();
    }
    const { context, page } = await openPage(browser, baseUrl, ben);
    const integrations = await new IntegrationsPage(page, baseUrl).goto();
    await integrations.gate('mailchimp').waitFor();
    await expectAccessible(page, 'Integrations, closed to a member');
    await context.close();
  });

  it('the navigation folded out on a phone', async () => {
    const { context, page } = await openPage(browser, baseUrl, ben, 'phone');
    const inbox = await new InboxPage(page, baseUrl).goto();
    await inbox.row(ZOE.name).waitFor();
    await expectAccessible(page, 'contacts list on a phone');
    await new AppShell(page).openNavigation();
    await expectAccessible(page, 'navigation on a phone');
    await context.close();
  });

  it('offers "Skip to content" as the first stop of the keyboard', async () => {
    const { context, page } = await openPage(browser, baseUrl, ben);
    const inbox = await new InboxPage(page, baseUrl).goto();
    await inbox.row(ZOE.name).waitFor();
    await page.locator('body').focus();
    await page.keyboard.press('Tab');
    const skip = new AppShell(page).skipLink;
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    const box = await skip.boundingBox();
    expect(box && box.y >= 0 && box.x >= 0, 'the focused skip link is on the screen').toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.getElementById('main')?.contains(document.activeElement))).toBe(true);
    await context.close();
  });
});
