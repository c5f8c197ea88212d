// The inbox: keyset pages load as you scroll, search narrows as you type, and the views filter.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { InboxPage } from './pages/InboxPage.ts';
import { buildOrg, type Actor } from './support/api.ts';
import { launchBrowser, openPage } from './support/browser.ts';

const baseUrl = inject('baseUrl');
const FIRST = ['Anna', 'Boris', 'Chloe', 'David', 'Emma', 'Felix', 'Greta', 'Hamid', 'Iris', 'Jonas', 'Kira', 'Lars'];
const LAST = ['Berg', 'Costa', 'Dubois', 'Evans', 'Fischer'];
let browser: Browser;
let ben: Actor;

beforeAll(async () => {
  browser = await launchBrowser();
  const org = await buildOrg(baseUrl, 'Brightpath Clinics', 'Ada Lindqvist', ['Ben Okafor']);
  ben = org.member('Ben');
  const names = FIRST.flatMap((f) => LAST.map((l) => `${f} ${l}`));
  for (const name of names) await ben.api.createContact({ name, emails: [`${name.toLowerCase().replace(' ', '.')}@example.test`] });
  const archived = await ben.api.createContact({ name: 'Old Customer' });
  await ben.api.request('POST', `/contacts/${archived.id}/archive`);
  const trashed = await ben.api.createContact({ name: 'Duplicate Entry' });
  await ben.api.request('DELETE', `/contacts/${trashed.id}`);
});
afterAll(async () => browser?.close());

describe('contacts inbox', () => {
  it('loads more contacts as you scroll, narrows as you type, and filters by view', async () => {
    const { context, page } = await openPage(browser, baseUrl, ben);
    const inbox = await new InboxPage(page, baseUrl).goto();
    await inbox.rows.first().waitFor();
    expect(await inbox.rows.count()).toBe(50);
    await inbox.scrollToEnd();
    await expect.poll(() => inbox.rows.count()).toBe(60);
    expect((await inbox.names()).slice(0, 2)).toEqual(['Anna Berg', 'Anna Costa']);

    await inbox.search('gre');
    await expect.poll(() => inbox.names()).toEqual(['Greta Berg', 'Greta Costa', 'Greta Dubois', 'Greta Evans', 'Greta Fischer']);
    await inbox.search('greta.evans@example.test');
    await expect.poll(() => inbox.names()).toEqual(['Greta Evans']);
    await inbox.search('');

    await inbox.show('Archived');
    await expect.poll(() => inbox.names()).toEqual(['Old Customer']);
    await inbox.show('Trash');
    await expect.poll(() => inbox.names()).toEqual(['Duplicate Entry']);
    await inbox.show('Shared with me');
    await page.getByText('Nothing is shared with you yet').waitFor();

    await inbox.show('All');
    await inbox.rows.first().waitFor();
    await page.keyboard.press('/');
    await page.keyboard.type('Kira D');
    await expect.poll(() => inbox.names()).toEqual(['Kira Dubois']);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Kira Dubois', level: 1 }).waitFor();
    await context.close();
  });
});
