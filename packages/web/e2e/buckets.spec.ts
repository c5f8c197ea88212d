// Journeys: buckets. Create one, rename it and fill it from the contacts list's selection (contacts the user cannot
// edit are left out, named); share it with a colleague, who gains access to its contacts and loses it when the share
// is removed; share it with a team from a later date; change a share's level and window; delete it after a
// confirmation (its contacts stay); and what a sharee and an admin are offered. The explain panel links the bucket.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Contact, Team } from '../src/api/models.ts';
import { AppShell } from './pages/AppShell.ts';
import { AddToBucketDialog, BucketPage, BucketsListPage } from './pages/BucketPages.ts';
import { ContactPage } from './pages/ContactPage.ts';
import { InboxPage } from './pages/InboxPage.ts';
import { buildOrg, type Actor } from './support/api.ts';
import { launchBrowser, openPage, screenshot } from './support/browser.ts';
import { bucketShares, contactStatus, createBucket, localInDays, shareBucket } from './support/buckets.ts';
import { BEN_BOOK, CAT_BOOK, ZOE } from './support/people.ts';

const baseUrl = inject('baseUrl');
const DAY = 86_400_000;
let browser: Browser;
let ada: Actor;
let ben: Actor;
let cat: Actor;
let dan: Actor;
let zoe: Contact;
let liam: Contact;
let sofia: Contact;
let yusuf: Contact;
let aiko: Contact;
let sales: Team;

beforeAll(async () => {
  browser = await launchBrowser();
  const org = await buildOrg(baseUrl, 'Harbour Freight', 'Ada Lindqvist', ['Ben Okafor', 'Cat Moreau', 'Dan Whitfield']);
  ada = org.admin;
  ben = org.member('Ben');
  cat = org.member('Cat');
  dan = org.member('Dan');
  zoe = await ben.api.createContact(ZOE);
  await ben.api.sendMessage(zoe.id, 'Hi Zoe, following up on the renewal: does Thursday 10:00 work for a call?');
  [liam, sofia, yusuf] = (await Promise.all(BEN_BOOK.map((c) => ben.api.createContact(c)))) as [Contact, Contact, Contact];
  aiko = await cat.api.createContact(CAT_BOOK[0] as (typeof CAT_BOOK)[number]);
  await cat.api.share(aiko.id, { userId: ben.user.id }, 'view');
  sales = await ada.api.createTeam('Sales', [cat.user.id, dan.user.id]);
});
afterAll(async () => browser?.close());

describe('buckets', () => {
  it('creates a bucket, renames it, and fills it from the contacts list', async () => {
    const { context, page } = await openPage(browser, baseUrl, ben);
    await page.goto(baseUrl);
    await new AppShell(page).sidebar.getByRole('link', { name: 'Buckets' }).click();
    const list = new BucketsListPage(page, baseUrl);
    await page.getByRole('heading', { name: 'No buckets yet' }).waitFor();
    const bucket = await list.create('Key acounts');
    expect(await bucket.level.innerText()).toBe('Owner');
    await bucket.contacts.getByRole('heading', { name: 'This bucket is empty' }).waitFor();
    await bucket.rename('Key accounts');

    const inbox = await new InboxPage(page, baseUrl).goto();
    await inbox.row(ZOE.name).waitFor();
    await page.getByRole('button', { name: 'Select', exact: true }).click();
    for (const name of [ZOE.name, 'Liam Novak', 'Aiko Tanaka']) await page.getByRole('checkbox', { name: `Select ${name}` }).check();
    await page.getByTestId('selection-bar').getByText('3 contacts selected').waitFor();
    await page.getByRole('button', { name: 'Add to bucket' }).click();
    const dialog = new AddToBucketDialog(page);
    await dialog.root.waitFor();
    expect(await dialog.root.innerText()).toMatch(/1 contact will be left out[\s\S]*Aiko Tanaka/);
    await dialog.choose('Key accounts');
    await screenshot(page, 'add-to-bucket');
    await dialog.submit();
    await new AppShell(page).toast('2 contacts added to Key accounts').waitFor();
    await page.getByTestId('selection-bar').waitFor({ state: 'detached' });

    await list.goto();
    expect(await list.row('Key accounts').innerText()).toMatch(/2/);
    await list.row('Key accounts').getByRole('link').click();
    await expect.poll(() => bucket.contactNames()).toEqual(['Liam Novak', ZOE.name]);

    const add = await bucket.openAddContacts();
    await add.search('Sofia');
    await add.tick('Sofia Brandt');
    await add.add();
    await expect.poll(() => bucket.contactNames()).toEqual(['Liam Novak', 'Sofia Brandt', ZOE.name]);
    await bucket.contactRow('Sofia Brandt').getByRole('button', { name: 'Remove Sofia Brandt from Key accounts' }).click();
    await expect.poll(() => bucket.contactNames()).toEqual(['Liam Novak', ZOE.name]);

    // An archived member is left out of the list and counted.
    await ben.api.request('POST', `/contacts/${liam.id}/archive`);
    await page.reload();
    await expect.poll(() => bucket.contactNames()).toEqual([ZOE.name]);
    expect(await bucket.contacts.getByTestId('hidden-count').innerText()).toMatch(/^1 more in this bucket that you cannot see here: archived/);
    await ben.api.request('POST', `/contacts/${liam.id}/unarchive`);
    await context.close();
  });

  it('shares a bucket with a colleague, who gains access to its contacts and loses it when the share is removed', async () => {
    const renewals = await createBucket(ben, 'Renewals Q3', [zoe.id, liam.id]);
    expect(await contactStatus(cat, zoe.id)).toBe(404);

    const owner = await openPage(browser, baseUrl, ben);
    const bucket = await new BucketPage(owner.page, baseUrl).goto(renewals.id, 'Renewals Q3');
    await bucket.shares.getByText('Not shared with anyone yet').waitFor();
    const dialog = await bucket.openShareDialog();
    await dialog.addGrantee('Cat Moreau');
    await dialog.chooseLevel('Collaborate');
    await dialog.endAfter('1 week');
    await screenshot(owner.page, 'bucket-share-dialog');
    await dialog.submit();
    await expect.poll(() => bucket.shareRow('Cat Moreau').innerText()).toMatch(/Until /);
    const [share] = await bucketShares(ben, renewals.id);
    expect(share).toMatchObject({ level: 'collaborate', startsAt: null, grantee: { userId: cat.user.id } });
    expect((Date.parse(share?.expiresAt ?? '') - Date.now()) / DAY).toBeCloseTo(7, 1);
    expect(await contactStatus(cat, zoe.id)).toBe(200);
    await owner.page.mouse.move(0, 0);
    await screenshot(owner.page, 'bucket-page');

    const colleague = await openPage(browser, baseUrl, cat);
    const list = await new BucketsListPage(colleague.page, baseUrl).goto();
    expect(await list.row('Renewals Q3').getByTestId('bucket-level').innerText()).toBe('Collaborate');
    await screenshot(colleague.page, 'buckets');
    const contact = await new ContactPage(colleague.page, baseUrl).goto(zoe.id, ZOE.name);
    const source = contact.explain.sources.filter({ hasText: 'In the shared bucket' });
    await source.getByRole('link', { name: 'Renewals Q3' }).click();
    await colleague.page.getByRole('heading', { name: 'Renewals Q3', level: 1 }).waitFor();
    await expect.poll(() => new BucketPage(colleague.page, baseUrl).contactNames()).toEqual(['Liam Novak', ZOE.name]);

    await bucket.shareRow('Cat Moreau').getByRole('combobox', { name: 'Level for Cat Moreau' }).selectOption('view');
    await new AppShell(owner.page).toast('Cat Moreau now has View only on Renewals Q3').waitFor();
    expect((await bucketShares(ben, renewals.id))[0]?.level).toBe('view');

    await bucket.removeShare('Cat Moreau');
    await bucket.shares.getByText('Not shared with anyone yet').waitFor();
    expect(await contactStatus(cat, zoe.id)).toBe(404);
    await list.goto();
    expect(await list.names()).not.toContain('Renewals Q3');
    await owner.context.close();
    await colleague.context.close();
  });

  it('shares a bucket with a team from a later date, and nobody gets access before it starts', async () => {
    const north = await createBucket(ben, 'Northern region', [yusuf.id]);
    const { context, page } = await openPage(browser, baseUrl, ben);
    const bucket = await new BucketPage(page, baseUrl).goto(north.id, 'Northern region');
    const dialog = await bucket.openShareDialog();
    await dialog.addGrantee('Sales');
    await dialog.startOn(localInDays(2));
    await dialog.endAfter('1 week');
    await dialog.submit();
    const row = bucket.shareRow('Sales');
    await expect.poll(() => row.innerText()).toMatch(/Starts .* · until /);
    const [share] = await bucketShares(ben, north.id);
    expect(share?.grantee).toEqual({ teamId: sales.id });
    expect((Date.parse(share?.startsAt ?? '') - Date.now()) / DAY).toBeCloseTo(2, 1);
    expect((Date.parse(share?.expiresAt ?? '') - Date.parse(share?.startsAt ?? '')) / DAY).toBeCloseTo(7, 2);
    expect(share?.active).toBe(false);
    expect(await contactStatus(dan, yusuf.id)).toBe(404);

    // Move the start to now: clear "Starts" in the row's window editor.
    await row.getByRole('button', { name: /Change how long Sales has access/ }).click();
    await row.getByLabel('Sales has access from').fill('');
    await row.getByRole('button', { name: 'Save dates' }).click();
    await expect.poll(() => row.innerText()).toMatch(/Until /);
    expect((await bucketShares(ben, north.id))[0]).toMatchObject({ startsAt: null, active: true });
    expect(await contactStatus(dan, yusuf.id)).toBe(200);
    await context.close();
  });

  it('deletes a bucket after a confirmation; its contacts stay', async () => {
    const old = await createBucket(ben, 'Old leads', [sofia.id]);
    await shareBucket(ben, old.id, { userId: dan.user.id }, 'view');
    expect(await contactStatus(dan, sofia.id)).toBe(200);
    const { context, page } = await openPage(browser, baseUrl, ben);
    const bucket = await new BucketPage(page, baseUrl).goto(old.id, 'Old leads');
    await bucket.moreButton.click();
    await page.getByRole('menuitem', { name: 'Delete bucket' }).click();
    const confirm = page.getByRole('dialog');
    expect(await confirm.innerText()).toMatch(/1 contact in it stay/);
    await screenshot(page, 'bucket-delete');
    await confirm.getByRole('button', { name: 'Delete bucket' }).click();
    await page.waitForURL(`${baseUrl}/buckets`);
    await new AppShell(page).toast('Old leads deleted').waitFor();
    expect(await new BucketsListPage(page, baseUrl).names()).not.toContain('Old leads');
    expect(await contactStatus(dan, sofia.id)).toBe(404);
    expect(await contactStatus(ben, sofia.id)).toBe(200);
    await context.close();
  });

  it('offers a sharee and an admin only what they may do', async () => {
    const vip = await createBucket(ben, 'VIP', [zoe.id]);
    await shareBucket(ben, vip.id, { userId: cat.user.id }, 'view');

    const sharee = await openPage(browser, baseUrl, cat);
    const asCat = await new BucketPage(sharee.page, baseUrl).goto(vip.id, 'VIP');
    await asCat.contactRow(ZOE.name).waitFor();
    expect(await asCat.level.innerText()).toBe('View only');
    expect(await sharee.page.getByRole('button', { name: 'Share', exact: true }).count()).toBe(0);
    expect(await asCat.contacts.getByRole('button', { name: 'Add contacts' }).count()).toBe(0);
    expect(await asCat.contactRow(ZOE.name).getByRole('button').count()).toBe(0);
    expect(await asCat.moreButton.count()).toBe(0);
    await asCat.shares.getByText('Only the bucket’s owner and administrators').waitFor();
    await sharee.context.close();

    const admin = await openPage(browser, baseUrl, ada);
    const list = await new BucketsListPage(admin.page, baseUrl).goto();
    expect(await list.row('VIP').getByTestId('bucket-level').innerText()).toBe('Administrator');
    const asAda = await new BucketPage(admin.page, baseUrl).goto(vip.id, 'VIP');
    await asAda.shareRow('Cat Moreau').waitFor();
    expect(await asAda.contacts.getByRole('button', { name: 'Add contacts' }).count()).toBe(0);
    expect(await admin.page.getByRole('button', { name: 'Share', exact: true }).count()).toBeGreaterThan(0);
    await asAda.moreButton.click();
    expect(await admin.page.getByRole('menuitem').allInnerTexts()).toEqual(['Delete bucket']);
    await admin.context.close();

    const stranger = await openPage(browser, baseUrl, dan);
    await stranger.page.goto(`${baseUrl}/buckets/${vip.id}`);
    await stranger.page.getByRole('heading', { name: 'This bucket is not available' }).waitFor();
    await stranger.context.close();
  });
});
