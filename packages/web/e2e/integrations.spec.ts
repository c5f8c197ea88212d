// Integrations (issue 13, item 7; spec §9 sync channels): an admin connects Mailchimp on Settings › Integrations, a
// wrong key is refused in words, "Sync now" shows the run moving and then its outcome and a history row with the
// counts, and the Mailchimp stand-in (a real HTTP server on loopback, support/sync-server.ts) received exactly the
// contacts the admin may export: their own, not the ones an admin sees only at profile level. A member first sees the
// card closed with the reason (the switch, then the channel, in the Export menu's words); once the admin turns the
// switch on and gives the channel, the member connects and syncs only what they can see. A run whose gate closes
// between two chunks (Mailchimp takes 500 a chunk) ends "stopped", and the card says why.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Contact, Page as ApiPage } from '../src/api/models.ts';
import { AppShell } from './pages/AppShell.ts';
import { IntegrationsPage } from './pages/IntegrationsPage.ts';
import { buildOrg, type Actor } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { launchBrowser, openPage, screenshot } from './support/browser.ts';
import { expectNoHorizontalScroll } from './support/layout.ts';
import { useSyncingServer } from './support/sync-server.ts';

const ADA_AUDIENCE = { id: 'a1b2c3d4e5', name: 'Customers' };
const BEN_AUDIENCE = { id: 'f6e5d4c3b2', name: 'Ben’s clients' };
const CLEO_AUDIENCE = { id: '9a8b7c6d5e', name: 'Cleo’s list' };
const sync = useSyncingServer({ audiences: [ADA_AUDIENCE, BEN_AUDIENCE, CLEO_AUDIENCE] });
let browser: Browser;
let ada: Actor;
let ben: Actor;
let cleo: Actor;

beforeAll(async () => {
  browser = await launchBrowser();
  const org = await buildOrg(sync.baseUrl, 'Chimp Works', 'Ada Lindqvist', ['Ben Okafor', 'Cleo Park']);
  ada = org.admin;
  ben = org.member('Ben');
  cleo = org.member('Cleo');
  await ada.api.createContact({ name: 'Alma Adams', emails: ['alma@adams.example'] });
  await ada.api.createContact({ name: 'Arlo Brook', emails: ['arlo@brook.example'], company: 'Brook Ltd' });
  await ada.api.createContact({ name: 'Amos Nomail', phones: ['+44 20 7946 0101'] });
  await ben.api.createContact({ name: 'Bea Costa', emails: ['bea@costa.example'] });
  await ben.api.createContact({ name: 'Boris Dunn', emails: ['boris@dunn.example'] });
  await ben.api.createContact({ name: 'Bram Nomail', phones: ['+44 20 7946 0102'] });
  await cleo.api.createContact({ name: 'Cara Private', emails: ['cara@private.example'] });
  const cody = await cleo.api.createContact({ name: 'Cody Shared', emails: ['cody@shared.example'] });
  await cleo.api.share(cody.id, { userId: ben.user.id }, 'view');
});
afterAll(async () => browser?.close());

/** The e-mail addresses of the contacts a user may export: every contact they see at View or above (spec §9). */
async function exportableEmails(actor: Actor): Promise<string[]> {
  const contacts: Contact[] = [];
  let cursor: string | null = null;
  do {
    const page: ApiPage<Contact> = await actor.api.request('GET', `/contacts?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    contacts.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return contacts.filter((c) => c.access.level !== 'profile').flatMap((c) => c.emails).sort();
}
const emailsIn = (audienceId: string) => [...sync.mailchimp.members.values()].filter((m) => m.listId === audienceId).map((m) => m.email_address).sort();

/** How long a run may take to be picked up and to end on a busy machine (the queue, then the stand-in). */
const RUN_WAIT = { timeout: 20_000, interval: 200 };
let releaseHeld: () => void = () => undefined;
/** Holds the stand-in's next batch answer until `release` (so the run is seen moving), then lets batches through. */
function holdNextBatch(): { release: () => void } {
  const held = new Promise<void>((resolve) => (releaseHeld = resolve));
  sync.mailchimp.onBatch(async () => {
    sync.mailchimp.onBatch(null);
    await held;
  });
  return { release: () => releaseHeld() };
}
// A test that fails while a batch is held must not leave the server's queue waiting for the next test.
afterEach(() => {
  releaseHeld();
  sync.mailchimp.onBatch(null);
});

async function expectAccessible(page: Page, what: string): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations, `${what}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

describe('an admin connects Mailchimp and syncs', () => {
  it('refuses a wrong key in words, connects, shows the run moving, its outcome and the history; Mailchimp got exactly the exportable contacts', async () => {
    const { context, page } = await openPage(browser, sync.baseUrl, ada);
    await page.goto(`${sync.baseUrl}/settings`);
    await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Integrations' }).click();
    const integrations = new IntegrationsPage(page, sync.baseUrl);
    await integrations.ready();
    expect(await integrations.status('mailchimp').innerText()).toBe('Not connected');
    expect(await integrations.gate('mailchimp').count()).toBe(0);

    const dialog = await integrations.openConnect('mailchimp');
    expect(await dialog.getByLabel('API key').getAttribute('type')).toBe('password');
    expect(await dialog.innerText()).toContain('Pending e-mails each new member to confirm');
    await integrations.fillMailchimp({ apiKey: 'ffffffffffffffffffffffffffffffff-us21', audienceId: ADA_AUDIENCE.id });
    await integrations.submitConnect();
    const refusal = dialog.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('The provider refused these credentials');
    await expectAccessible(page, 'connect dialog with a refusal');
    await screenshot(page, 'integrations-connect-refused');

    await integrations.fillMailchimp({ apiKey: sync.mailchimp.apiKey, audienceId: ADA_AUDIENCE.id, newMembers: 'Pending' });
    await integrations.submitConnect();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => integrations.status('mailchimp').innerText(), RUN_WAIT).toBe('Connected');
    expect(await integrations.connection('mailchimp').innerText()).toMatch(/^Connected to .+ since /);

    const hold = holdNextBatch();
    await integrations.syncButton('mailchimp').click();
    const progress = integrations.progress('mailchimp');
    await progress.waitFor();
    await expect.poll(() => progress.innerText(), RUN_WAIT).toContain('Syncing to Mailchimp…');
    const bar = progress.getByRole('progressbar', { name: 'Sync to Mailchimp' });
    expect(await bar.getAttribute('aria-valuemax')).toBe('3');
    expect(await bar.getAttribute('aria-valuenow')).toBe('0');
    expect(await integrations.syncButton('mailchimp').isDisabled()).toBe(true);
    await screenshot(page, 'integrations-sync-running');
    hold.release();

    const outcome = integrations.outcome('mailchimp');
    await outcome.waitFor(RUN_WAIT);
    expect(await outcome.innerText()).toContain('Synced 3 contacts');
    expect(await outcome.innerText()).toContain('2 created, 0 updated, 0 unchanged, 1 skipped, 0 failed');
    await expect.poll(() => integrations.historyRows('mailchimp').count(), RUN_WAIT).toBe(1);
    const row = integrations.historyRows('mailchimp').first();
    await expect.poll(() => row.innerText(), RUN_WAIT).toContain('Finished');
    expect(await row.innerText()).toContain('3 of 3 contacts');
    expect(await row.getByTestId('run-created').innerText()).toBe('2');
    expect(await row.getByTestId('run-skipped').innerText()).toBe('1');
    expect(await integrations.syncButton('mailchimp').isEnabled()).toBe(true);

    // Mailchimp received Ada's own contacts with an address; not Cleo's, which an admin sees only at profile level.
    expect(emailsIn(ADA_AUDIENCE.id)).toEqual(await exportableEmails(ada));
    expect(emailsIn(ADA_AUDIENCE.id)).toEqual(['alma@adams.example', 'arlo@brook.example']);
    expect(sync.mailchimp.violations).toEqual([]);

    // The key is never shown again: not in the page, and the dialog to change it starts empty.
    expect(await page.content()).not.toContain(sync.mailchimp.apiKey);
    await integrations.openConnect('mailchimp');
    expect(await dialog.getByLabel('API key').inputValue()).toBe('');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expectAccessible(page, 'integrations, connected with a run');
    await screenshot(page, 'integrations-admin');
    await context.close();
  });

  it('connects Google Contacts and syncs: Google got every contact the admin may export, with or without an address', async () => {
    const { context, page } = await openPage(browser, sync.baseUrl, ada);
    const integrations = await new IntegrationsPage(page, sync.baseUrl).goto();
    // By keyboard alone: Enter opens the dialog with focus in its first field, Tab moves on, Enter connects.
    await integrations.connectButton('google_contacts').focus();
    await page.keyboard.press('Enter');
    const dialog = integrations.dialog;
    await dialog.waitFor();
    for (const secret of ['Client secret', 'Refresh token']) expect(await dialog.getByLabel(secret).getAttribute('type')).toBe('password');
    expect(await dialog.getByLabel('Client id').evaluate((el) => el === document.activeElement)).toBe(true);
    const { clientId, clientSecret, refreshToken } = sync.google.credentials;
    await page.keyboard.type(clientId);
    await page.keyboard.press('Tab');
    await page.keyboard.type(clientSecret);
    await page.keyboard.press('Tab');
    await page.keyboard.type(refreshToken);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => integrations.status('google_contacts').innerText(), RUN_WAIT).toBe('Connected');

    await integrations.syncButton('google_contacts').click();
    const outcome = integrations.outcome('google_contacts');
    await outcome.waitFor(RUN_WAIT);
    expect(await outcome.innerText()).toContain('Synced 3 contacts');
    expect(await outcome.innerText()).toContain('3 created, 0 updated, 0 unchanged, 0 skipped, 0 failed');
    await expect.poll(() => integrations.historyRows('google_contacts').count(), RUN_WAIT).toBe(1);

    const people = sync.google.living();
    expect(people).toHaveLength(3);
    expect(people.flatMap((p) => (p.emailAddresses ?? []).map((e) => e.value)).sort()).toEqual(await exportableEmails(ada));
    expect(sync.google.violations).toEqual([]);
    expect(await page.content()).not.toContain(sync.google.credentials.clientSecret);
    await context.close();
  });

  it('lays the card and its history out on a phone, the history as a list', async () => {
    const { context, page } = await openPage(browser, sync.baseUrl, ada, 'phone');
    const integrations = await new IntegrationsPage(page, sync.baseUrl).goto();
    await integrations.historyRows('mailchimp').first().waitFor();
    await expectNoHorizontalScroll(page, 390);
    expect(await integrations.card('mailchimp').getByRole('columnheader', { name: 'When' }).isVisible()).toBe(false);
    const row = integrations.historyRows('mailchimp').first();
    expect(await row.innerText()).toMatch(/Created\s*2/);
    await expectAccessible(page, 'integrations on a phone');
    await screenshot(page, 'integrations-phone');
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'integrations-phone-history');
    await context.close();
  });

  it('disconnects after a confirmation', async () => {
    const { context, page } = await openPage(browser, sync.baseUrl, ada);
    const integrations = await new IntegrationsPage(page, sync.baseUrl).goto();
    await integrations.card('mailchimp').getByRole('button', { name: 'Disconnect' }).click();
    const confirm = page.getByRole('dialog', { name: 'Disconnect Mailchimp?' });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Disconnect' }).click();
    await expect.poll(() => integrations.status('mailchimp').innerText(), RUN_WAIT).toBe('Not connected');
    expect(await integrations.connection('mailchimp').innerText()).toBe('Not connected');
    await context.close();
  });
});

describe('a member and the gate', () => {
  it('shows the card closed with the missing half, then connects and syncs only the contacts the member can see', async () => {
    const { context, page } = await openPage(browser, sync.baseUrl, ben);
    await page.goto(`${sync.baseUrl}/contacts`);
    await new AppShell(page).sidebar.getByRole('link', { name: 'Integrations' }).click();
    const integrations = new IntegrationsPage(page, sync.baseUrl);
    await integrations.ready();
    await page.getByRole('heading', { name: 'Integrations', level: 1 }).waitFor();

    // The switch is off: the Export menu's words, and nothing to press.
    expect(await integrations.gate('mailchimp').innerText()).toContain('Your admin has turned exports off');
    expect(await integrations.gate('google_contacts').innerText()).toContain('Your admin has turned exports off');
    expect(await integrations.connectButton('mailchimp').isDisabled()).toBe(true);
    await expectAccessible(page, 'integrations, closed to a member');

    // The switch on, but the channel is not Ben's.
    await ada.api.settings({ exportEnabled: true });
    await integrations.goto();
    expect(await integrations.gate('mailchimp').innerText()).toContain('Your account may not export to Mailchimp');
    expect(await integrations.gate('mailchimp').innerText()).toContain('“Mailchimp sync” channel');
    expect(await integrations.connectButton('mailchimp').isDisabled()).toBe(true);

    // The channel given: Mailchimp opens, Google Contacts stays closed with its own reason.
    await ada.api.request('PATCH', `/users/${ben.user.id}`, { exportChannels: ['mailchimp_sync'] });
    await integrations.goto();
    expect(await integrations.gate('mailchimp').count()).toBe(0);
    expect(await integrations.gate('google_contacts').innerText()).toContain('Your account may not export to Google Contacts');
    expect(await integrations.connectButton('google_contacts').isDisabled()).toBe(true);

    await integrations.openConnect('mailchimp');
    await integrations.fillMailchimp({ apiKey: sync.mailchimp.apiKey, audienceId: BEN_AUDIENCE.id });
    await integrations.submitConnect();
    await integrations.dialog.waitFor({ state: 'detached' });
    await expect.poll(() => integrations.status('mailchimp').innerText(), RUN_WAIT).toBe('Connected');

    await integrations.syncButton('mailchimp').click();
    const outcome = integrations.outcome('mailchimp');
    await outcome.waitFor(RUN_WAIT);
    expect(await outcome.innerText()).toContain('Synced 4 contacts');
    expect(await outcome.innerText()).toContain('3 created, 0 updated, 0 unchanged, 1 skipped, 0 failed');
    await expect.poll(() => integrations.historyRows('mailchimp').count(), RUN_WAIT).toBe(1);

    // Ben's own and the one shared with him; not Cleo's private one, nor Ada's.
    expect(emailsIn(BEN_AUDIENCE.id)).toEqual(await exportableEmails(ben));
    expect(emailsIn(BEN_AUDIENCE.id)).toEqual(['bea@costa.example', 'boris@dunn.example', 'cody@shared.example']);
    expect(sync.mailchimp.violations).toEqual([]);
    await screenshot(page, 'integrations-member');
    await context.close();
  });
});

/** Imports `count` contacts with an address each for `actor` through POST /imports (one CSV, as a person uploads it). */
async function importContacts(actor: Actor, count: number): Promise<void> {
  const lines = ['Name,Email', ...Array.from({ length: count }, (_, i) => `Halt Person ${String(i + 1).padStart(3, '0')},halt${i + 1}@halt.example`)];
  const form = new FormData();
  form.set('file', new Blob([`${lines.join('\n')}\n`], { type: 'text/csv' }), 'people.csv');
  form.set('dryRun', 'false');
  const res = await fetch(`${sync.baseUrl}/api/v1/imports`, { method: 'POST', headers: { authorization: `Bearer ${actor.token}` }, body: form });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
}

describe('a run whose gate closes mid-run', () => {
  it('stops before the next chunk, and the card says it stopped because export was turned off', async () => {
    await importContacts(cleo, 502);
    await ada.api.settings({ exportEnabled: true });
    await ada.api.request('PATCH', `/users/${cleo.user.id}`, { exportChannels: ['mailchimp_sync'] });
    await cleo.api.request('PUT', '/integrations/mailchimp', { apiKey: sync.mailchimp.apiKey, audienceId: CLEO_AUDIENCE.id });
    const exportable = (await exportableEmails(cleo)).length;
    expect(exportable).toBe(504);

    const { context, page } = await openPage(browser, sync.baseUrl, cleo);
    const integrations = await new IntegrationsPage(page, sync.baseUrl).goto();
    const hold = holdNextBatch();
    await integrations.syncButton('mailchimp').click();
    const progress = integrations.progress('mailchimp');
    await expect.poll(() => progress.innerText(), RUN_WAIT).toContain('Syncing to Mailchimp…');
    expect(await progress.innerText()).toContain(`0 of ${exportable} contacts`);
    // While the first 500 are at Mailchimp, the admin turns contact data export off.
    await ada.api.settings({ exportEnabled: false });
    hold.release();

    const outcome = integrations.outcome('mailchimp');
    await outcome.waitFor(RUN_WAIT);
    expect(await outcome.innerText()).toContain('Stopped after 500 contacts: Contact data export was turned off');
    const row = integrations.historyRows('mailchimp').first();
    await expect.poll(() => row.innerText(), RUN_WAIT).toContain('Stopped');
    expect(await row.innerText()).toContain(`500 of ${exportable} contacts`);
    // The gate is closed now: the card says so, and Sync now is disabled.
    await integrations.goto();
    expect(await integrations.gate('mailchimp').innerText()).toContain('Your admin has turned exports off');
    expect(await integrations.syncButton('mailchimp').isDisabled()).toBe(true);
    // Mailchimp was sent the first chunk only: 500 of Cleo's addresses, and nothing after the switch went off.
    const sent = sync.mailchimp.requests
      .filter((r) => r.method === 'POST' && r.path === `/3.0/lists/${CLEO_AUDIENCE.id}`)
      .flatMap((r) => (r.body as { members: { email_address: string }[] }).members.map((m) => m.email_address));
    expect(sent).toHaveLength(500);
    const cleos = new Set(await exportableEmails(cleo));
    expect(sent.filter((email) => !cleos.has(email))).toEqual([]);
    expect(sync.mailchimp.violations).toEqual([]);
    await screenshot(page, 'integrations-stopped');
    await context.close();
  });
});
