// Journeys: "Who has access" on a contact lists every person and team that reaches it and the source of each:
// owner, administrator, Share all contacts, a user grant, a bucket share (with the bucket's name, a link) and a
// record share (with its window), and follows changes. Only the owner and admins see the panel.
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Contact } from '../src/api/models.ts';
import { ContactPage } from './pages/ContactPage.ts';
import { buildOrg, type Actor } from './support/api.ts';
import { launchBrowser, openPage, screenshot } from './support/browser.ts';
import { createBucket, shareBucket } from './support/buckets.ts';
import { ZOE } from './support/people.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let ada: Actor;
let ben: Actor;
let cat: Actor;
let dan: Actor;
let eve: Actor;
let fay: Actor;
let gus: Actor;
let zoe: Contact;

beforeAll(async () => {
  browser = await launchBrowser();
  const org = await buildOrg(baseUrl, 'Meridian Care', 'Ada Lindqvist', ['Ben Okafor', 'Cat Moreau', 'Dan Whitfield', 'Eve Santos', 'Fay Osei', 'Gus Lindgren']);
  ada = org.admin;
  ben = org.member('Ben');
  cat = org.member('Cat');
  dan = org.member('Dan');
  eve = org.member('Eve');
  fay = org.member('Fay');
  gus = org.member('Gus');
  zoe = await ben.api.createContact(ZOE);
  const sales = await ada.api.createTeam('Sales', [dan.user.id, eve.user.id]);
  await ben.api.share(zoe.id, { userId: cat.user.id }, 'collaborate', { expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString() });
  await ben.api.share(zoe.id, { teamId: sales.id }, 'view');
  await ada.api.grant(ben.user.id, { userId: eve.user.id }, 'contacts', 'edit');
  const key = await createBucket(ben, 'Key accounts', [zoe.id]);
  await shareBucket(ben, key.id, { userId: fay.user.id }, 'view');
});
afterAll(async () => browser?.close());

type Row = { name: string; level: string; sources: string[] };

async function rows(panel: Locator): Promise<Row[]> {
  return panel.getByTestId('who-person').evaluateAll((els) =>
    els.map((el) => ({
      name: (el.querySelector('[class*="personName"]')?.textContent ?? '').trim(),
      level: (el.querySelector('[data-testid="level-badge"]')?.textContent ?? '').trim(),
      sources: [...el.querySelectorAll('[data-testid="who-source"]')].map((s) => s.getAttribute('data-kind') ?? ''),
    })),
  );
}

describe('who has access', () => {
  it('lists every person and team with the source of each, for the owner', async () => {
    const { context, page } = await openPage(browser, baseUrl, ben);
    await new ContactPage(page, baseUrl).goto(zoe.id, ZOE.name);
    const panel = page.getByTestId('who-has-access');
    await panel.getByTestId('who-person').first().waitFor();
    expect(await rows(panel)).toEqual([
      { name: 'Ben Okafor (you)', level: 'Owner', sources: ['owner'] },
      { name: 'Eve Santos', level: 'Edit', sources: expect.arrayContaining(['record_share', 'user_grant']) as unknown as string[] },
      { name: 'Cat Moreau', level: 'Collaborate', sources: ['record_share'] },
      { name: 'Dan Whitfield', level: 'View only', sources: ['record_share'] },
      { name: 'Fay Osei', level: 'View only', sources: ['bucket_share'] },
      { name: 'Ada Lindqvist', level: 'Profile only', sources: ['admin'] },
    ]);
    const text = await panel.innerText();
    expect(text).toContain('6 people · 1 team');
    expect(text).toContain('Shared directly, permanent · through the team Sales');
    expect(text).toContain('Access to all of Ben Okafor’s contacts');
    expect(text).toMatch(/Shared directly, until /);
    const team = panel.getByTestId('who-team');
    expect(await team.innerText()).toMatch(/Sales[\s\S]*Shared directly, permanent[\s\S]*Reaches Dan Whitfield, Eve Santos/);
    expect(text).not.toContain('Gus Lindgren');
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'who-has-access');

    await panel.getByRole('link', { name: 'Key accounts' }).click();
    await page.getByRole('heading', { name: 'Key accounts', level: 1 }).waitFor();
    await context.close();
  });

  it('follows changes: a revoked share drops the person, Share all contacts adds everyone', async () => {
    const { context, page } = await openPage(browser, baseUrl, ben);
    const contact = await new ContactPage(page, baseUrl).goto(zoe.id, ZOE.name);
    const panel = page.getByTestId('who-has-access');
    await panel.getByTestId('who-person').first().waitFor();
    const dialog = await contact.openShareDialog();
    await dialog.shareRow('Cat Moreau').getByRole('button', { name: 'Revoke Cat Moreau' }).click();
    await dialog.shareRow('Cat Moreau').waitFor({ state: 'detached' });
    await dialog.close();
    await expect.poll(async () => (await rows(panel)).map((r) => r.name)).not.toContain('Cat Moreau');

    await ada.api.settings({ shareAllContacts: true });
    await page.reload();
    await panel.getByTestId('who-person').first().waitFor();
    const all = await rows(panel);
    expect(all.find((r) => r.name === 'Gus Lindgren')).toEqual({ name: 'Gus Lindgren', level: 'Profile only', sources: ['share_all'] });
    expect(all.find((r) => r.name === 'Cat Moreau')).toEqual({ name: 'Cat Moreau', level: 'Profile only', sources: ['share_all'] });
    await ada.api.settings({ shareAllContacts: false });
    await context.close();
  });

  it('is shown to admins, and to nobody else but the owner', async () => {
    const admin = await openPage(browser, baseUrl, ada);
    await new ContactPage(admin.page, baseUrl).goto(zoe.id, ZOE.name);
    await admin.page.getByTestId('who-has-access').getByTestId('who-person').first().waitFor();
    expect((await rows(admin.page.getByTestId('who-has-access')))[0]?.name).toBe('Ben Okafor');
    await admin.context.close();

    for (const actor of [eve, fay]) {
      const { context, page } = await openPage(browser, baseUrl, actor);
      const contact = await new ContactPage(page, baseUrl).goto(zoe.id, ZOE.name);
      await contact.explain.sources.first().waitFor();
      expect(await page.getByTestId('who-has-access').count()).toBe(0);
      await context.close();
    }
    void gus;
  });
});
