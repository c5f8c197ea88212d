// Journeys: Settings › Access review (D38). An admin picks a person and sees every contact they can see with the
// level and why (a grant on the owner, a bucket share with the bucket's name, a record share); the matrix shows the
// grant's level in the person × owner cell and the bucket share in the person × bucket cell; the CSV and Excel
// links download files the server audits. A member is told Settings are not for them, and the API refuses them.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildOrg, type Actor } from './support/api.ts';
import { launchBrowser, openPage, screenshot } from './support/browser.ts';
import { createBucket, shareBucket } from './support/buckets.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let ada: Actor;
let ben: Actor;
let cat: Actor;
let dan: Actor;

beforeAll(async () => {
  browser = await launchBrowser();
  const org = await buildOrg(baseUrl, 'Northwind Review', 'Ada Lindqvist', ['Ben Okafor', 'Cat Moreau', 'Dan Whitfield']);
  ada = org.admin;
  ben = org.member('Ben');
  cat = org.member('Cat');
  dan = org.member('Dan');
  await cat.api.createContact({ name: 'Amy Archer' });
  const cy = await dan.api.createContact({ name: 'Cy Cole' });
  const dee = await dan.api.createContact({ name: 'Dee Dunn' });
  await ada.api.grant(cat.user.id, { userId: ben.user.id }, 'contacts', 'view');
  await dan.api.share(cy.id, { userId: ben.user.id }, 'edit');
  const key = await createBucket(dan, 'Key accounts', [dee.id]);
  await shareBucket(dan, key.id, { userId: ben.user.id }, 'collaborate');
});
afterAll(async () => browser?.close());

describe('Access review', () => {
  it('shows what one person can see and why, the matrix, and downloads audited files', async () => {
    const { context, page } = await openPage(browser, baseUrl, ada);
    await page.goto(`${baseUrl}/settings`);
    await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Access review' }).click();
    await page.waitForURL(/\/settings\/access-review$/);
    const review = page.getByTestId('user-review');
    await review.getByLabel('Person').selectOption({ label: 'Ben Okafor' });
    const rows = review.getByTestId('review-row');
    await expect.poll(() => rows.count()).toBe(3);
    const text = await Promise.all((await rows.all()).map((r) => r.innerText()));
    expect(text[0]).toMatch(/Amy Archer[\s\S]*Cat Moreau[\s\S]*View[\s\S]*Grant on the owner’s contacts \(view\)/);
    expect(text[1]).toMatch(/Cy Cole[\s\S]*Edit[\s\S]*Shared with them \(edit\)/);
    expect(text[2]).toMatch(/Dee Dunn[\s\S]*Collaborate[\s\S]*Bucket Key accounts \(collaborate\)/);

    const matrix = page.getByTestId('access-matrix');
    const owners = matrix.getByRole('table', { name: 'People by owner' });
    await owners.waitFor();
    const benRow = owners.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Ben Okafor' }) });
    const headers = await owners.getByRole('columnheader').allInnerTexts();
    const cells = await benRow.getByRole('cell').allInnerTexts();
    expect(cells[headers.indexOf('Cat Moreau’s contacts') - 1]).toBe('View');
    expect(cells[headers.indexOf('Dan Whitfield’s contacts') - 1]).toBe('—');
    expect(cells[headers.indexOf('Ben Okafor’s contacts') - 1]).toBe('Owner');
    const buckets = matrix.getByRole('table', { name: 'People by bucket' });
    expect(await buckets.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Ben Okafor' }) }).getByRole('cell').allInnerTexts()).toEqual(['Collaborate']);
    await screenshot(page, 'access-review');

    const [download] = await Promise.all([page.waitForEvent('download'), matrix.getByTestId('download-csv').click()]);
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    const csv = await readFile(path, 'utf8');
    expect(csv.split('\r\n')[0]).toContain('Cat Moreau');
    const audit = await ada.api.request<{ items: { action: string }[] }>('GET', '/audit');
    expect(audit.items.some((e) => e.action === 'access_review.export')).toBe(true);
    await context.close();
  });

  it('is not open to members', async () => {
    const { context, page } = await openPage(browser, baseUrl, ben);
    await page.goto(`${baseUrl}/settings/access-review`);
    await page.getByText('You don\'t have access to this page').waitFor();
    expect(await page.getByTestId('access-matrix').count()).toBe(0);
    const res = await fetch(`${baseUrl}/api/v1/access-review/matrix`, { headers: { authorization: `Bearer ${ben.token}` } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { code: string }).code).toBe('TANDEM_ACCESS_ADMIN_ONLY');
    await context.close();
  });
});
