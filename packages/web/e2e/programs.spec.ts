// Journeys: programs (spec §6.6). The journey, "a program stops for a contact whose share expired": Ben owns
// Zoe and Yan and two templates, shares Zoe with Cat at Collaborate with an end date and Yan without one, and shares a
// two-step program (right away, then one day later) with Cat at Can use; Cat enrols both from the contacts list's
// selection bar; step 1 goes out to both; Zoe's share ends before step 2 is due; Ben's enrolments table then shows
// Zoe's enrolment stopped with the reason in words and Yan's completed, and Zoe's history holds exactly one program
// message. The e2e server runs with a program "day" of 4 s, looked at every second (support/global-setup.ts).
// Also: writing a program with the steps editor (add, reorder, channel, delay, remove), enrolling from its page, pause,
// resume and stop, the read-only steps of a sharee, refusals reported per contact, delete after a confirmation, phone
// width and axe.
import type { EnrollmentDto, ProgramDto, TemplateDto } from '@tandem/api';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Contact, HistoryItem, Page as ListPage, Share } from '../src/api/models.ts';
import { AppShell } from './pages/AppShell.ts';
import { ContactPage } from './pages/ContactPage.ts';
import { InboxPage } from './pages/InboxPage.ts';
import { ProgramPage, ProgramsListPage } from './pages/ProgramPages.ts';
import { buildOrg, type Actor } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { launchBrowser, openPage, screenshot } from './support/browser.ts';
import { expectNoHorizontalScroll } from './support/layout.ts';
import { BEN_BOOK, ZOE } from './support/people.ts';

const baseUrl = inject('baseUrl');
const YAN = { name: 'Yan Berg', company: 'Berg Marine', title: 'Fleet Manager', emails: ['yan@berg-marine.example'], phones: ['+47 22 555 0147'] };
const STEP_ONE = (first: string) => `Hi ${first}, thanks for renewing with Harbour Freight. Your account team is here for anything you need.`;
const STEP_TWO = (first: string) => `Hi ${first}, one day in: is everything running smoothly with the renewed contract?`;
const COLLABORATE_LOST = 'Stopped: Cat Moreau no longer collaborates on this contact (a share ended or was revoked)';

let browser: Browser;
let ben: Actor;
let cat: Actor;
let zoe: Contact;
let yan: Contact;
let liam: Contact;
let zoeShare: Share;
let welcome: TemplateDto;
let checkIn: TemplateDto;
let drip: ProgramDto;

const createTemplate = async (actor: Actor, name: string, body: string) =>
  (await actor.api.request<{ template: TemplateDto }>('POST', '/templates', { name, subject: 'Your renewal', body })).template;
const enrollmentsOf = async (actor: Actor, programId: string) =>
  (await actor.api.request<ListPage<EnrollmentDto>>('GET', `/programs/${programId}/enrollments?limit=200`)).items;
const messagesOf = async (actor: Actor, contactId: string) =>
  (await actor.api.request<ListPage<HistoryItem>>('GET', `/contacts/${contactId}/history?limit=200`)).items.filter((i) => i.kind === 'message');

beforeAll(async () => {
  browser = await launchBrowser();
  const org = await buildOrg(baseUrl, 'Drip Harbour', 'Ada Lindqvist', ['Ben Okafor', 'Cat Moreau']);
  ben = org.member('Ben');
  cat = org.member('Cat');
  zoe = await ben.api.createContact(ZOE);
  yan = await ben.api.createContact(YAN);
  liam = await ben.api.createContact(BEN_BOOK[0] as (typeof BEN_BOOK)[number]);
  welcome = await createTemplate(ben, 'Renewal welcome', 'Hi {{contact.firstName}}, thanks for renewing with Harbour Freight. Your account team is here for anything you need.');
  checkIn = await createTemplate(ben, 'Renewal check-in', 'Hi {{contact.firstName}}, one day in: is everything running smoothly with the renewed contract?');
  drip = (await ben.api.request<{ program: ProgramDto }>('POST', '/programs', {
    name: 'Renewal drip',
    steps: [{ templateId: welcome.id, delayDays: 0, channel: 'email' }, { templateId: checkIn.id, delayDays: 1, channel: 'email' }],
  })).program;
  await ben.api.request('POST', `/programs/${drip.id}/shares`, { grantee: { userId: cat.user.id }, level: 'view' });
  // Zoe's share has an end; Ben brings it forward below, to just before step 2 is due (so the journey does not hang on
  // how fast the browser enrols). Yan's share has none. Liam is shared at View: Cat may see him but not enrol him.
  zoeShare = await ben.api.share(zoe.id, { userId: cat.user.id }, 'collaborate', { expiresAt: new Date(Date.now() + 10 * 60_000).toISOString() });
  await ben.api.share(yan.id, { userId: cat.user.id }, 'collaborate');
  await ben.api.share(liam.id, { userId: cat.user.id }, 'view');
});
afterAll(async () => browser?.close());

describe('programs', () => {
  it('stops the program for a contact whose share expired, and completes it for the other', async () => {
    const sharee = await openPage(browser, baseUrl, cat);
    const inbox = await new InboxPage(sharee.page, baseUrl).goto();
    await inbox.row(ZOE.name).waitFor();
    await sharee.page.getByRole('button', { name: 'Select', exact: true }).click();
    for (const name of [ZOE.name, YAN.name, 'Liam Novak']) await sharee.page.getByRole('checkbox', { name: `Select ${name}` }).check();
    const bar = sharee.page.getByTestId('selection-bar');
    await bar.getByText('3 contacts selected').waitFor();
    await bar.getByRole('button', { name: 'Actions' }).click();
    await sharee.page.getByRole('menuitem', { name: 'Enrol in program…' }).click();
    const dialog = sharee.page.getByTestId('enroll-in-program-dialog');
    await dialog.getByRole('radio', { name: /Renewal drip/ }).check();
    await screenshot(sharee.page, 'enroll-in-program');
    expect(await seriousViolations(sharee.page), 'enrol dialog').toEqual([]);
    await dialog.getByRole('button', { name: 'Enrol 3 contacts' }).click();
    // Liam (View only) is refused, named with the reason; he stays ticked, the two enrolled are unticked.
    const report = sharee.page.getByTestId('bulk-report');
    await report.waitFor();
    expect(await report.innerText()).toMatch(/2 enrolled in Renewal drip, 1 refused[\s\S]*1: enrolling needs Collaborate on the contact \(Liam Novak\)/);
    await bar.getByText('1 contact selected').waitFor();
    expect(await sharee.page.getByRole('checkbox', { name: 'Select Liam Novak' }).isChecked()).toBe(true);

    // Step 1 goes out to both: the runner sends it at its next tick. Once Zoe's enrolment waits for step 2, Ben
    // brings the end of her share forward to before step 2 is due.
    const waitingForStepTwo = async () => (await enrollmentsOf(ben, drip.id)).find((e) => e.contactId === zoe.id && e.nextStep === 1);
    await expect.poll(waitingForStepTwo, { timeout: 15_000, interval: 200 }).toBeTruthy();
    const stepTwoAt = Date.parse((await waitingForStepTwo())?.nextStepAt ?? '');
    const end = Date.now() + 1_000;
    expect(stepTwoAt - end, 'Zoe’s share ends before step 2 is due').toBeGreaterThan(1_000);
    await ben.api.request('PATCH', `/contacts/${zoe.id}/shares/${zoeShare.id}`, { expiresAt: new Date(end).toISOString() });
    expect((await messagesOf(ben, zoe.id)).map((m) => m.body)).toEqual([STEP_ONE('Zoe')]);

    // Cat sees step 1 in Yan's history, sent by her on Ben's behalf.
    const yanPage = await new ContactPage(sharee.page, baseUrl).goto(yan.id, YAN.name);
    await yanPage.historyItem(STEP_ONE('Yan')).waitFor({ timeout: 15_000 });
    await sharee.context.close();

    // Ben, the owner, watches the enrolments: Zoe's stops when step 2 comes due, with the reason; Yan's completes.
    const owner = await openPage(browser, baseUrl, ben);
    const program = await new ProgramPage(owner.page, baseUrl).goto(drip.id, 'Renewal drip');
    const zoeRow = program.enrollmentRow(ZOE.name);
    const yanRow = program.enrollmentRow(YAN.name);
    await zoeRow.getByText(COLLABORATE_LOST).waitFor({ timeout: 20_000 });
    expect(await zoeRow.getByTestId('enrollment-status').innerText()).toBe('Stopped');
    expect(await zoeRow.innerText()).toMatch(/1 of 2 sent[\s\S]*Cat Moreau/);
    await yanRow.getByText('All 2 steps sent').waitFor({ timeout: 20_000 });
    expect(await yanRow.getByTestId('enrollment-status').innerText()).toBe('Completed');
    expect(await program.enrollments.getByTestId('enrollment-row').count()).toBe(2);
    expect(await program.enrollments.getByRole('button', { name: /^(Pause|Resume|Stop) / }).count()).toBe(0);
    await owner.page.mouse.move(0, 0);
    await screenshot(owner.page, 'program-page');

    // Zoe's history holds exactly one program message (step 1), Yan's both.
    const zoePage = await new ContactPage(owner.page, baseUrl).goto(zoe.id, ZOE.name);
    await zoePage.historyItem(STEP_ONE('Zoe')).waitFor();
    expect(await zoePage.historyItems.filter({ hasText: 'one day in' }).count()).toBe(0);
    expect((await messagesOf(ben, zoe.id)).map((m) => m.body)).toEqual([STEP_ONE('Zoe')]);
    expect((await messagesOf(ben, yan.id)).map((m) => m.body).sort()).toEqual([STEP_ONE('Yan'), STEP_TWO('Yan')].sort());
    const [zoeMessage] = await messagesOf(ben, zoe.id);
    expect(zoeMessage).toMatchObject({ sentBy: cat.user.id });
    await owner.context.close();
  });

  it('writes a program with the steps editor, shows a sharee its steps read-only, and deletes it after a confirmation', async () => {
    const { context, page } = await openPage(browser, baseUrl, ben);
    const list = await new ProgramsListPage(page, baseUrl).goto();
    expect(await list.row('Renewal drip').innerText()).toMatch(/2[\s\S]*1 stopped · 1 completed[\s\S]*Owner/);
    await screenshot(page, 'programs');
    const dialog = await list.openNew();
    await dialog.getByLabel('Name').fill('Onboarding');
    await dialog.getByRole('combobox', { name: 'Template of step 1' }).selectOption({ label: 'Renewal welcome' });
    await dialog.getByRole('button', { name: 'Add a step' }).click();
    await dialog.getByRole('combobox', { name: 'Template of step 2' }).selectOption({ label: 'Renewal check-in' });
    await dialog.getByRole('spinbutton', { name: 'Delay of step 2 in days' }).fill('3');
    await dialog.getByRole('combobox', { name: 'Channel of step 2' }).selectOption({ label: 'SMS' });
    await dialog.getByRole('button', { name: 'Move step 2 up' }).click();
    expect(await dialog.getByRole('combobox', { name: 'Template of step 1' }).inputValue()).toBe(checkIn.id);
    expect(await seriousViolations(page), 'new program dialog').toEqual([]);
    await dialog.getByRole('button', { name: 'Create program' }).click();
    await page.getByRole('heading', { name: 'Onboarding', level: 1 }).waitFor();
    await screenshot(page, 'program-new');
    const programId = page.url().split('/').pop() ?? '';
    const saved = (await ben.api.request<{ program: ProgramDto }>('GET', `/programs/${programId}`)).program;
    expect(saved.steps.map(({ templateId, delayDays, channel }) => ({ templateId, delayDays, channel }))).toEqual([
      { templateId: checkIn.id, delayDays: 3, channel: 'sms' },
      { templateId: welcome.id, delayDays: 0, channel: 'email' },
    ]);

    // Change the steps on the page: remove the first, put the other 30 days out, save; the draft is what the server keeps.
    const program = new ProgramPage(page, baseUrl);
    await program.steps.getByRole('button', { name: 'Remove step 1' }).click();
    await program.steps.getByRole('spinbutton', { name: 'Delay of step 1 in days' }).fill('30');
    await program.steps.getByRole('button', { name: 'Save steps' }).click();
    await new AppShell(page).toast('Steps of Onboarding saved').waitFor();
    await expect.poll(async () => (await ben.api.request<{ program: ProgramDto }>('GET', `/programs/${programId}`)).program.steps.map((s) => [s.templateId, s.delayDays])).toEqual([[welcome.id, 30]]);
    await program.steps.getByRole('button', { name: 'Save steps' }).waitFor({ state: 'detached' });
    await program.enrollments.getByText('No contact you can see is in this program yet').waitFor();

    // Enrol Liam from the page, pause, resume, and stop him after a confirmation.
    await program.enrollments.getByRole('button', { name: 'Enrol a contact' }).click();
    const enrol = page.getByTestId('enroll-contact-dialog');
    await enrol.getByRole('searchbox', { name: 'Search contacts to enrol' }).fill('Liam');
    await enrol.getByRole('button', { name: 'Enrol Liam Novak' }).click();
    await new AppShell(page).toast('Liam Novak enrolled in Onboarding').waitFor();
    const liamRow = program.enrollmentRow('Liam Novak');
    expect(await liamRow.innerText()).toMatch(/Active[\s\S]*Step 1 of 1 · E-mail on [\s\S]*You/);
    expect(await seriousViolations(page), 'program page with an enrolment').toEqual([]);
    await liamRow.getByRole('button', { name: 'Pause Liam Novak' }).click();
    await liamRow.getByText('Step 1 of 1, paused').waitFor();
    expect(await liamRow.getByTestId('enrollment-status').innerText()).toBe('Paused');
    await liamRow.getByRole('button', { name: 'Resume Liam Novak' }).click();
    await liamRow.getByRole('button', { name: 'Pause Liam Novak' }).waitFor();
    await liamRow.getByRole('button', { name: 'Stop Liam Novak' }).click();
    await page.getByRole('dialog', { name: 'Stop the program for Liam Novak?' }).getByRole('button', { name: 'Stop', exact: true }).click();
    await liamRow.getByText('Stopped by hand: no further steps are sent').waitFor();
    expect(await liamRow.getByRole('button').count()).toBe(0);
    expect((await enrollmentsOf(ben, programId)).map((e) => [e.status, e.stoppedReason])).toEqual([['stopped', 'stopped_by_user']]);
    expect(await messagesOf(ben, liam.id)).toEqual([]);

    // A sharee at Can use reads the steps in words (and a template not shared with her as such) and may not change them.
    await ben.api.request('POST', `/programs/${programId}/shares`, { grantee: { userId: cat.user.id }, level: 'view' });
    const sharee = await openPage(browser, baseUrl, cat);
    const seen = await new ProgramPage(sharee.page, baseUrl).goto(programId, 'Onboarding');
    expect(await seen.steps.getByTestId('program-step').innerText()).toMatch(/A template you cannot see[\s\S]*E-mail · 30 days after enrolment/);
    expect(await seen.steps.getByRole('button').count()).toBe(0);
    expect(await sharee.page.getByTestId('access-badge').first().innerText()).toBe('Can use');
    expect(await seen.moreButton.count()).toBe(0);
    await sharee.context.close();

    // Delete, after a confirmation.
    await program.moreButton.click();
    await page.getByRole('menuitem', { name: 'Delete program' }).click();
    await page.getByRole('button', { name: 'Delete program' }).click();
    await new AppShell(page).toast('Onboarding deleted').waitFor();
    await page.getByRole('heading', { name: 'Programs', level: 1 }).waitFor();
    await list.row('Renewal drip').waitFor();
    expect(await list.row('Onboarding').count()).toBe(0);
    expect(await seriousViolations(page), 'programs list').toEqual([]);
    await context.close();
  });

  it('fits a phone: the list, a program with its enrolments and the enrol dialog, without sideways scrolling', async () => {
    const { context, page } = await openPage(browser, baseUrl, ben, 'phone');
    const list = await new ProgramsListPage(page, baseUrl).goto();
    await list.row('Renewal drip').waitFor();
    await expectNoHorizontalScroll(page, 390);
    const program = await new ProgramPage(page, baseUrl).goto(drip.id, 'Renewal drip');
    await program.enrollmentRow(ZOE.name).getByText(COLLABORATE_LOST).waitFor();
    await program.steps.getByTestId('program-step').first().waitFor();
    await expectNoHorizontalScroll(page, 390);
    await screenshot(page, 'program-page-phone');

    // "Enrol in program…" from the contacts list's selection bar, on the phone.
    const inbox = await new InboxPage(page, baseUrl).goto();
    await inbox.row('Liam Novak').waitFor();
    await page.getByRole('button', { name: 'Select', exact: true }).click();
    await page.getByRole('checkbox', { name: 'Select Liam Novak' }).check();
    await page.getByTestId('selection-bar').getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('menuitem', { name: 'Enrol in program…' }).click();
    const dialog = page.getByTestId('enroll-in-program-dialog');
    await dialog.getByRole('radio', { name: /Renewal drip/ }).waitFor();
    await expectNoHorizontalScroll(page, 390);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await context.close();
  });
});
