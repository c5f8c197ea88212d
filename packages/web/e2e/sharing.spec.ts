// Journeys: share a contact for a week and see it in the colleague's inbox with the shared icon; a view-only
// colleague sees the history and no actions bar; a collaborator sends a message on the owner's behalf; the
// explain panel names the right sources.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Contact, Share } from '../src/api/models.ts';
import { ContactPage } from './pages/ContactPage.ts';
import { InboxPage } from './pages/InboxPage.ts';
import { buildOrg, type Actor } from './support/api.ts';
import { launchBrowser, openPage, screenshot } from './support/browser.ts';
import { BEN_BOOK, CAT_BOOK, ZOE } from './support/people.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let ada: Actor;
let ben: Actor;
let cat: Actor;
let dan: Actor;
let eve: Actor;
let zoe: Contact;

beforeAll(async () => {
  browser = await launchBrowser();
  const org = await buildOrg(baseUrl, 'Acme Care', 'Ada Lindqvist', ['Ben Okafor', 'Cat Moreau', 'Dan Whitfield', 'Eve Santos']);
  ada = org.admin;
  ben = org.member('Ben');
  cat = org.member('Cat');
  dan = org.member('Dan');
  eve = org.member('Eve');
  zoe = await ben.api.createContact(ZOE);
  await ben.api.sendMessage(zoe.id, 'Hi Zoe, following up on the renewal: does Thursday 10:00 work for a call?');
  await ben.api.addNote(zoe.id, 'Zoe prefers e-mail before 11:00. Budget approved for Q3.');
  await ben.api.sendMessage(zoe.id, 'Thanks for the call today. I have attached the revised quote.');
  const [liam] = await Promise.all(BEN_BOOK.map((c) => ben.api.createContact(c)));
  if (liam) await ben.api.share(liam.id, { userId: cat.user.id }, 'view');
  for (const c of CAT_BOOK) await cat.api.createContact(c);
});
afterAll(async () => browser?.close());

describe('sharing a contact', () => {
  it('shares a contact for a week, and it appears with the shared icon in the colleague’s inbox', async () => {
    const owner = await openPage(browser, baseUrl, ben);
    const contact = await new ContactPage(owner.page, baseUrl).goto(zoe.id, ZOE.name);
    const dialog = await contact.openShareDialog();
    expect(await dialog.levelOptions()).toEqual(['View only', 'Collaborate', 'Edit']);
    await dialog.addGrantee('Cat Moreau');
    await dialog.chooseLevel('Collaborate');
    await dialog.forOneWeek();
    await dialog.submit();
    const row = dialog.shareRow('Cat Moreau');
    await row.waitFor();
    expect(await row.innerText()).toMatch(/Until /);
    await dialog.addGrantee('Dan');
    await dialog.chooseLevel('View only');
    await screenshot(owner.page, 'share-dialog');
    await owner.context.close();

    const shares = await ben.api.request<{ items: Share[] }>('GET', `/contacts/${zoe.id}/shares`);
    const toCat = shares.items.find((s) => 'userId' in s.grantee && s.grantee.userId === cat.user.id);
    expect(toCat?.level).toBe('collaborate');
    const days = (Date.parse(toCat?.expiresAt ?? '') - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThan(7.1);

    const colleague = await openPage(browser, baseUrl, cat);
    const inbox = await new InboxPage(colleague.page, baseUrl).goto();
    await inbox.row(ZOE.name).waitFor();
    expect(await inbox.sharedIcon(ZOE.name).count()).toBe(1);
    expect(await inbox.sharedIcon('Aiko Tanaka').count()).toBe(0);
    expect(await inbox.sharedTooltip(ZOE.name)).toContain('Ben Okafor');
    await colleague.page.waitForTimeout(200);
    await screenshot(colleague.page, 'inbox');
    await inbox.show('Shared with me');
    await expect.poll(() => inbox.names()).toEqual(['Liam Novak', ZOE.name]);
    await colleague.context.close();
  });

  it('lets a view-only colleague read the history, with no actions bar', async () => {
    await ben.api.share(zoe.id, { userId: dan.user.id }, 'view');
    const { context, page } = await openPage(browser, baseUrl, dan);
    const contact = await new ContactPage(page, baseUrl).goto(zoe.id, ZOE.name);
    await contact.historyItem('revised quote').waitFor();
    expect(await contact.historyItems.count()).toBe(3);
    expect(await contact.actionsBar.count()).toBe(0);
    expect(await page.getByTestId('composer').count()).toBe(0);
    expect(await contact.moreItems()).toEqual([]);
    await context.close();
  });

  it('lets a collaborator send a message that shows who sent it on whose behalf', async () => {
    const { context, page } = await openPage(browser, baseUrl, cat);
    const contact = await new ContactPage(page, baseUrl).goto(zoe.id, ZOE.name);
    expect(await contact.actionsBar.getByRole('button').allInnerTexts()).toEqual(['Message', 'Note']);
    expect(await contact.moreItems()).not.toContain('Share');
    await contact.sendMessage('Hello Zoe, I am covering for Ben this week. The signed contract is on its way.');
    const item = contact.historyItem('covering for Ben');
    expect(await item.getByTestId('history-author').innerText()).toBe('Sent by Cat Moreau on behalf of Ben Okafor');
    await page.mouse.move(0, 0);
    await screenshot(page, 'contact-page');
    await context.close();
  });

  it('explains who can see the contact, and why', async () => {
    const sales = await ada.api.createTeam('Sales', [cat.user.id, eve.user.id]);
    await ben.api.share(zoe.id, { teamId: sales.id }, 'view');
    await ada.api.grant(ben.user.id, { userId: eve.user.id }, 'contacts', 'edit');

    const { context, page } = await openPage(browser, baseUrl, ben);
    const contact = await new ContactPage(page, baseUrl).goto(zoe.id, ZOE.name);
    const explain = contact.explain;
    await explain.sources.first().waitFor();
    expect(await explain.level()).toBe('Owner');
    expect(await explain.sourceKinds()).toEqual(['owner']);

    await explain.pick('Cat Moreau');
    await expect.poll(() => explain.level()).toBe('Collaborate');
    expect(await explain.sourceKinds()).toEqual(['record_share', 'record_share']);
    expect(await explain.root.innerText()).toContain('through the team Sales');

    await explain.pick('Eve Santos');
    await expect.poll(() => explain.level()).toBe('Edit');
    expect(await explain.sourceKinds()).toEqual(['record_share', 'user_grant']);
    expect(await explain.root.innerText()).toContain('Access to all of Ben Okafor’s contacts');

    await explain.pick('Ada Lindqvist');
    await expect.poll(() => explain.level()).toBe('Profile only');
    expect(await explain.sourceKinds()).toEqual(['admin']);

    await explain.pick('Eve Santos');
    await expect.poll(() => explain.level()).toBe('Edit');
    await explain.root.scrollIntoViewIfNeeded();
    await screenshot(page, 'explain-panel');
    await context.close();
  });

  it('changes a current share’s level and end, and revokes it', async () => {
    const { context, page } = await openPage(browser, baseUrl, ben);
    const dialog = await (await new ContactPage(page, baseUrl).goto(zoe.id, ZOE.name)).openShareDialog();
    const row = dialog.shareRow('Dan Whitfield');
    await row.getByRole('combobox', { name: 'Level for Dan Whitfield' }).selectOption('collaborate');
    await page.getByRole('status').filter({ hasText: 'Dan Whitfield now has Collaborate' }).waitFor();
    await row.getByRole('button', { name: /Change how long Dan Whitfield has access/ }).click();
    await row.getByRole('button', { name: 'Save dates' }).click();
    await expect.poll(() => row.innerText()).toMatch(/Until /);

    const dans = async () => (await ben.api.request<{ items: Share[] }>('GET', `/contacts/${zoe.id}/shares`)).items.filter((s) => 'userId' in s.grantee && s.grantee.userId === dan.user.id);
    expect(await dans()).toEqual([expect.objectContaining({ level: 'collaborate', expiresAt: expect.any(String) })]);

    await row.getByRole('button', { name: 'Revoke Dan Whitfield' }).click();
    await row.waitFor({ state: 'detached' });
    expect(await dans()).toEqual([]);
    await context.close();
    await expect(dan.api.request('GET', `/contacts/${zoe.id}`)).rejects.toMatchObject({ status: 404 });
  });
});
