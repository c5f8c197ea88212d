// Journeys: a contacts list people can work with (issue 10, item 3). Search finds a last name with its accent
// dropped, part of an e-mail, a phone number typed with spaces and a tag, and never a contact the user cannot see;
// accented names sort with their letters; the order and the filters narrow the list and its count. Then bulk
// actions on picked contacts: a tag added to three contacts, one of them only viewable, is reported as "2 done,
// 1 refused: you need Edit on them" with the refused one still ticked; archiving the tagged ones says so in a toast.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Contact } from '../src/api/models.ts';
import { AppShell } from './pages/AppShell.ts';
import { InboxPage } from './pages/InboxPage.ts';
import { buildOrg, type Actor } from './support/api.ts';
import { launchBrowser, openPage, screenshot } from './support/browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let ben: Actor;
let aiko: Contact;

beforeAll(async () => {
  browser = await launchBrowser();
  const org = await buildOrg(baseUrl, 'Lakeside Supply', 'Ada Lindqvist', ['Ben Okafor', 'Cat Moreau']);
  ben = org.member('Ben');
  const cat = org.member('Cat');
  await ben.api.createContact({
    name: 'Amara Fischer', company: 'Xylo GmbH', title: 'Buyer', emails: ['amara.fischer@xylo.example'], phones: ['+1 (919) 555-0144'], tags: ['renewal'],
  });
  await ben.api.createContact({ name: 'Jürgen Müller', company: 'Northwind Traders', emails: ['jm@northwind.example'], phones: ['+49 30 1234567'] });
  await ben.api.createContact({ name: 'Zoë Ålander', company: 'Fjord Fisheries' });
  await ben.api.createContact({ name: 'Émile Zola', company: 'Les Éditions' });
  await ben.api.createContact({ name: 'Liam Novak', company: 'Novak & Partners', emails: ['liam@novak.example'] });
  aiko = await cat.api.createContact({ name: 'Aiko Tanaka', company: 'Sakura Clinics', emails: ['aiko@sakura.example'] });
  await cat.api.share(aiko.id, { userId: ben.user.id }, 'view');
  await cat.api.createContact({ name: 'Nadia Fischer', company: 'Xylo GmbH', emails: ['nadia@xylo.example'], tags: ['renewal'] });
});
afterAll(async () => browser?.close());

describe('the contacts list', () => {
  it('searches words, parts of e-mails, phone digits and tags, accents aside, and only what the user may see', async () => {
    const { context, page } = await openPage(browser, baseUrl, ben);
    const inbox = await new InboxPage(page, baseUrl).goto();
    await inbox.rows.first().waitFor();
    expect(await inbox.names()).toEqual(['Aiko Tanaka', 'Amara Fischer', 'Émile Zola', 'Jürgen Müller', 'Liam Novak', 'Zoë Ålander']);
    const count = page.getByTestId('result-count');
    await expect.poll(() => count.innerText()).toBe('6 contacts');
    const cases: [string, string[]][] = [
      ['Muller', ['Jürgen Müller']],
      ['fisch', ['Amara Fischer']],
      ['@xylo.example', ['Amara Fischer']],
      ['919 555 0144', ['Amara Fischer']],
      ['renewal', ['Amara Fischer']],
      ['emile', ['Émile Zola']],
    ];
    for (const [q, names] of cases) {
      await inbox.search(q);
      await expect.poll(() => inbox.names(), { message: q }).toEqual(names);
    }
    await expect.poll(() => count.innerText()).toBe('1 contact');
    await inbox.search('nobody here');
    await page.getByText('No contacts match “nobody here”').waitFor();
    await inbox.search('');

    // The order and the filters are the list's: newest first, then only Cat's contacts.
    await page.getByRole('combobox', { name: 'Sort contacts by' }).selectOption('created');
    await expect.poll(async () => (await inbox.names())[0]).toBe('Aiko Tanaka');
    await page.getByRole('combobox', { name: 'Filter by owner' }).selectOption({ label: 'Cat Moreau' });
    await expect.poll(() => inbox.names()).toEqual(['Aiko Tanaka']);
    await expect.poll(() => count.innerText()).toBe('1 contact');
    expect(new URL(page.url()).searchParams.get('sort')).toBe('created');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => count.innerText()).toBe('6 contacts');
    await context.close();
  });

  it('tags picked contacts and reports the refused ones, then archives the rest', async () => {
    const { context, page } = await openPage(browser, baseUrl, ben);
    const inbox = await new InboxPage(page, baseUrl).goto();
    await inbox.rows.first().waitFor();
    await page.getByRole('button', { name: 'Select', exact: true }).click();
    for (const name of ['Amara Fischer', 'Liam Novak', 'Aiko Tanaka']) await page.getByRole('checkbox', { name: `Select ${name}` }).check();
    const bar = page.getByTestId('selection-bar');
    await bar.getByText('3 contacts selected').waitFor();
    await bar.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('menuitem', { name: 'Add tag…' }).click();
    const dialog = page.getByTestId('bulk-dialog');
    await dialog.getByLabel('Tag').fill('vip');
    await dialog.getByRole('button', { name: 'Add tag' }).click();
    const report = page.getByTestId('bulk-report');
    await report.waitFor();
    expect(await report.innerText()).toContain('2 done, 1 refused: you need Edit on them (Aiko Tanaka)');
    await screenshot(page, 'bulk-report');
    await bar.getByText('1 contact selected').waitFor();
    expect(await page.getByRole('checkbox', { name: 'Select Aiko Tanaka' }).isChecked()).toBe(true);
    await bar.getByRole('button', { name: 'Done' }).click();
    await report.waitFor({ state: 'detached' });

    await page.getByRole('textbox', { name: 'Filter by tag' }).fill('vip');
    await expect.poll(() => inbox.names()).toEqual(['Amara Fischer', 'Liam Novak']);
    await expect.poll(() => page.getByTestId('result-count').innerText()).toBe('2 contacts');
    await page.getByRole('button', { name: 'Select', exact: true }).click();
    await bar.getByRole('button', { name: 'Select all shown' }).click();
    await bar.getByText('2 contacts selected').waitFor();
    await bar.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('menuitem', { name: 'Archive' }).click();
    await new AppShell(page).toast('2 contacts archived').waitFor();
    await bar.waitFor({ state: 'detached' });
    await page.getByText('No contacts match these filters').waitFor();
    await inbox.show('Archived');
    await expect.poll(() => inbox.names()).toEqual(['Amara Fischer', 'Liam Novak']);
    await context.close();
  });
});
