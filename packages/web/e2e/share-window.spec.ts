// Journeys: the contact share dialog opens with focus in the person/team picker (issue 10, defect 1: it opened in
// the "Share until" date, so typing a colleague's name edited the date), and a share can start later: the row says
// when, the colleague has no access before then, and moving the start to now gives it at once.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Contact, Share } from '../src/api/models.ts';
import { ContactPage } from './pages/ContactPage.ts';
import { buildOrg, type Actor } from './support/api.ts';
import { launchBrowser, openPage, screenshot } from './support/browser.ts';
import { contactStatus, localInDays } from './support/buckets.ts';
import { ZOE } from './support/people.ts';

const baseUrl = inject('baseUrl');
const DAY = 86_400_000;
let browser: Browser;
let ben: Actor;
let cat: Actor;
let dan: Actor;
let zoe: Contact;

beforeAll(async () => {
  browser = await launchBrowser();
  const org = await buildOrg(baseUrl, 'Lantern Dental', 'Ada Lindqvist', ['Ben Okafor', 'Cat Moreau', 'Dan Whitfield']);
  ben = org.member('Ben');
  cat = org.member('Cat');
  dan = org.member('Dan');
  zoe = await ben.api.createContact(ZOE);
});
afterAll(async () => browser?.close());

const focused = (page: import('playwright-core').Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName ?? null);

describe('the share dialog', () => {
  it('opens with focus in the person picker, so typing a name finds the colleague', async () => {
    const { context, page } = await openPage(browser, baseUrl, ben);
    const contact = await new ContactPage(page, baseUrl).goto(zoe.id, ZOE.name);
    // The first time, people are still loading when the dialog opens: that was when focus fell into the date.
    const dialog = await contact.openShareDialog();
    expect(await focused(page)).toBe('Add people or teams');
    const until = await dialog.root.getByLabel('Share until').inputValue();
    await page.keyboard.type('Cat');
    await dialog.root.getByRole('option', { name: /Cat Moreau/ }).waitFor();
    expect(await dialog.root.getByLabel('Share until').inputValue()).toBe(until);
    await page.keyboard.press('Enter');
    await dialog.root.getByTestId('picked-grantee').filter({ hasText: 'Cat Moreau' }).waitFor();
    await dialog.close();

    // And again with everything loaded, opened with the keyboard shortcut.
    await page.keyboard.press('s');
    await dialog.root.waitFor();
    expect(await focused(page)).toBe('Add people or teams');
    await context.close();
  });

  it('shares from a later date: the colleague gets nothing before it starts', async () => {
    const { context, page } = await openPage(browser, baseUrl, ben);
    const contact = await new ContactPage(page, baseUrl).goto(zoe.id, ZOE.name);
    const dialog = await contact.openShareDialog();
    await dialog.addGrantee('Dan Whitfield');
    await dialog.chooseLevel('Collaborate');
    await dialog.root.getByLabel('Share starts').fill(localInDays(3));
    await dialog.root.getByRole('button', { name: '1 week' }).click();
    await screenshot(page, 'share-dialog-starts');
    await dialog.submit();
    const row = dialog.shareRow('Dan Whitfield');
    await expect.poll(() => row.innerText()).toMatch(/Starts .* · until /);

    const shares = async () => (await ben.api.request<{ items: Share[] }>('GET', `/contacts/${zoe.id}/shares`)).items.filter((s) => 'userId' in s.grantee && s.grantee.userId === dan.user.id);
    const [share] = await shares();
    expect(share).toMatchObject({ level: 'collaborate', active: false });
    expect((Date.parse(share?.startsAt ?? '') - Date.now()) / DAY).toBeCloseTo(3, 1);
    expect((Date.parse(share?.expiresAt ?? '') - Date.parse(share?.startsAt ?? '')) / DAY).toBeCloseTo(7, 2);
    expect(await contactStatus(dan, zoe.id)).toBe(404);

    // The end cannot come before the start.
    await dialog.addGrantee('Cat Moreau');
    await dialog.root.getByLabel('Share starts').fill(localInDays(5));
    await dialog.root.getByLabel('Share until').fill(localInDays(4));
    await dialog.root.getByText('The access must end after it starts.').waitFor();
    expect(await dialog.root.getByRole('button', { name: 'Share', exact: true }).isDisabled()).toBe(true);

    // Starting now instead: empty the row's "Starts".
    await row.getByRole('button', { name: /Change how long Dan Whitfield has access/ }).click();
    await row.getByLabel('Dan Whitfield has access from').fill('');
    await row.getByRole('button', { name: 'Save dates' }).click();
    await expect.poll(() => row.innerText()).toMatch(/Until /);
    expect((await shares())[0]).toMatchObject({ startsAt: null, active: true });
    expect(await contactStatus(dan, zoe.id)).toBe(200);
    expect(await contactStatus(cat, zoe.id)).toBe(404);
    await context.close();
  });
});
