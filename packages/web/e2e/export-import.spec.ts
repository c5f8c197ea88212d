// Journeys: exporting and importing contacts (spec §9, api.md "Export"). A member is told why export is refused (the
// team switch first, then their own channels) and the server refuses the same way; an admin's CSV holds exactly the
// contacts the list shows (read back with csv-parse); a member allowed only vCard gets only vCard; a CSV import is
// checked by a dry run, its mapping fixed, then run, and the new contacts are in the list. On a phone neither page
// scrolls sideways, and axe finds nothing serious on either.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ExportMenu, ImportPage } from './pages/ContactFilesPages.ts';
import { InboxPage } from './pages/InboxPage.ts';
import { buildOrg, type Actor } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { launchBrowser, openPage, screenshot } from './support/browser.ts';
import { expectNoHorizontalScroll } from './support/layout.ts';
import { BEN_BOOK, CAT_BOOK } from './support/people.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let ada: Actor;
let ben: Actor;
let cat: Actor;

/** Ada's own contacts: three met at the harbour fair (the search narrows the list to them), one not. */
const ADA_BOOK = [
  { name: 'Greta Lund', company: 'Lund Ferries', emails: ['greta@lund-ferries.example'], tags: ['harbour fair'] },
  { name: 'Émile Durand', company: 'Durand & Fils, "Quai" 3', emails: ['emile@durand.example'], tags: ['harbour fair'] },
  { name: 'Tomás Ruiz', company: 'Ruiz Marine', phones: ['+34 96 555 0100'], tags: ['harbour fair'] },
  { name: 'Olga Berg', company: 'Berg Consulting', emails: ['olga@berg.example'] },
];
/** Ben's contact met at the same fair: the admin sees it in the list (profile) but may not export it (view). */
const BEN_FAIR = { name: 'Pia Holm', company: 'Holm Nets', emails: ['pia@holm.example'], tags: ['harbour fair'] };

beforeAll(async () => {
  browser = await launchBrowser();
  const org = await buildOrg(baseUrl, 'Paper Trail Imports', 'Ada Lindqvist', ['Ben Okafor', 'Cat Moreau']);
  ada = org.admin;
  ben = org.member('Ben');
  cat = org.member('Cat');
  for (const c of ADA_BOOK) await ada.api.createContact(c);
  for (const c of [...BEN_BOOK, BEN_FAIR]) await ben.api.createContact(c);
  for (const c of CAT_BOOK) await cat.api.createContact(c);
});
afterAll(async () => browser?.close());

const channels = (actor: Actor, exportChannels: string[]) => ada.api.request('PATCH', `/users/${actor.user.id}`, { exportChannels });

/** The server's own answer to an export by this actor: status and problem code. */
async function serverExport(actor: Actor, format: string): Promise<{ status: number; code?: string }> {
  const res = await fetch(`${baseUrl}/api/v1/contacts/export?format=${format}`, { headers: { authorization: `Bearer ${actor.token}` } });
  const body = res.ok ? {} : ((await res.json()) as { code?: string });
  return { status: res.status, code: body.code };
}

describe('export', () => {
  it('tells a member export is refused while the team switch is off, as the server does', async () => {
    await ada.api.settings({ exportEnabled: false });
    await channels(ben, ['csv', 'xlsx', 'vcard']);
    const { context, page } = await openPage(browser, baseUrl, ben);
    const inbox = await new InboxPage(page, baseUrl).goto();
    await inbox.row(BEN_BOOK[0]!.name).waitFor();
    const exportMenu = new ExportMenu(page);
    expect(await exportMenu.refused.isDisabled()).toBe(true);
    expect(await exportMenu.refusalTooltip()).toBe('Your admin has turned exports off');
    expect(await serverExport(ben, 'csv')).toEqual({ status: 403, code: 'TANDEM_EXPORT_DISABLED' });
    await screenshot(page, 'export-refused');

    // With the switch on, the reason becomes the member's channels.
    await ada.api.settings({ exportEnabled: true });
    await channels(ben, []);
    await inbox.goto();
    await expect.poll(() => exportMenu.refusalTooltip()).toMatch(/^Your account may not export contacts/);
    expect(await serverExport(ben, 'csv')).toEqual({ status: 403, code: 'TANDEM_EXPORT_CHANNEL_BLOCKED' });
    await context.close();
  });

  it('gives an admin a CSV holding exactly the contacts the list shows', async () => {
    await ada.api.settings({ exportEnabled: false });
    const { context, page } = await openPage(browser, baseUrl, ada);
    const inbox = await new InboxPage(page, baseUrl).goto();
    await inbox.show('Mine');
    await inbox.search('harbour');
    await expect.poll(() => inbox.names()).toHaveLength(3);
    const shown = await inbox.names();

    const exportMenu = new ExportMenu(page);
    await exportMenu.open();
    const download = await exportMenu.download('CSV for Excel');
    expect(download.suggestedFilename()).toMatch(/^contacts-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 3)], 'the Excel variant starts with a UTF-8 BOM').toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes, { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[];
    expect(rows.map((r) => r.Name).sort()).toEqual([...shown].sort());
    expect(rows.find((r) => r.Name === 'Émile Durand')?.Company).toBe('Durand & Fils, "Quai" 3');
    await page.getByText(/^Export(ed \d+ contacts?| ready)/).waitFor();

    // The whole list ("All") shows Ben's contact at the fair, which the admin may not open in full: not exported.
    await inbox.show('All');
    await inbox.row(BEN_FAIR.name).waitFor();
    await exportMenu.open();
    const all = parse(await readFile(await (await exportMenu.download('CSV')).path()), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    expect(all.map((r) => r.Name).sort()).toEqual(ADA_BOOK.filter((c) => c.tags?.includes('harbour fair')).map((c) => c.name).sort());
    await context.close();
  });

  it('offers a member allowed only vCard just vCard, each other format with its reason', async () => {
    await ada.api.settings({ exportEnabled: true });
    await channels(cat, ['vcard']);
    const { context, page } = await openPage(browser, baseUrl, cat);
    const inbox = await new InboxPage(page, baseUrl).goto();
    await inbox.row(CAT_BOOK[0]!.name).waitFor();
    await expect.poll(() => inbox.names()).toHaveLength(CAT_BOOK.length);
    const exportMenu = new ExportMenu(page);
    await exportMenu.open();
    const state = async (label: string) => ({ disabled: await exportMenu.item(label).getAttribute('aria-disabled'), text: await exportMenu.item(label).innerText() });
    expect(await state('CSV for Excel')).toEqual({ disabled: 'true', text: expect.stringContaining('Your account may not export to CSV') });
    expect(await state('Excel (XLSX)')).toEqual({ disabled: 'true', text: expect.stringContaining('Your account may not export to Excel') });
    expect((await state('vCard')).disabled).toBeNull();
    await screenshot(page, 'export-menu-vcard-only');
    expect(await serverExport(cat, 'csv')).toEqual({ status: 403, code: 'TANDEM_EXPORT_CHANNEL_BLOCKED' });

    const download = await exportMenu.download('vCard');
    expect(download.suggestedFilename()).toMatch(/\.vcf$/);
    const text = await readFile(await download.path(), 'utf8');
    const names = [...text.matchAll(/^FN:(.*)\r?$/gm)].map((m) => m[1]);
    expect(names.sort()).toEqual(CAT_BOOK.map((c) => c.name).sort());
    await context.close();
  });
});

describe('import', () => {
  // Row 2 matches Ben's Liam Novak by e-mail once "Courriel" is mapped (and adds a phone); row 3's e-mail is invalid.
  const CSV = [
    'Name,Courriel,Firma,Mobile,Notes',
    'Ines Moreau,ines@moreau-studio.example,Moreau Studio,+33 1 5550 0101,met at the fair',
    'Liam Novak,liam@novak.example,Novak & Partners,+1 415 555 0199,',
    'Pavel Král,not-an-e-mail,Král Design,,',
  ].join('\r\n');

  it('checks a CSV by a dry run, takes a fixed mapping, imports, and the new contacts are in the list', async () => {
    const { context, page } = await openPage(browser, baseUrl, ben);
    const inbox = await new InboxPage(page, baseUrl).goto();
    await page.getByRole('link', { name: 'Import' }).click();
    const importPage = new ImportPage(page, baseUrl);
    await page.getByRole('heading', { name: 'Import contacts', level: 1 }).waitFor();
    await page.getByText(/owned by you/).waitFor();
    await importPage.chooseFile('fair.csv', CSV);

    // Only "Name" is recognised: every row would be a new contact.
    expect(await importPage.field('Name').inputValue()).toBe('name');
    expect(await importPage.field('Courriel').inputValue()).toBe('ignore');
    expect(await importPage.counts(importPage.dryRunCounts)).toEqual({ 'Would be created': 3, 'Would be updated': 0, 'Would be skipped': 0 });

    await importPage.field('Courriel').selectOption('emails');
    await importPage.field('Firma').selectOption('company');
    expect(await importPage.importButton.isDisabled(), 'stale counts cannot be imported').toBe(true);
    await importPage.checkAgain.click();
    await expect.poll(() => importPage.counts(importPage.dryRunCounts)).toEqual({ 'Would be created': 1, 'Would be updated': 1, 'Would be skipped': 0 });
    expect(await importPage.errors.getByRole('row').filter({ hasText: /^3/ }).count()).toBe(1);
    await screenshot(page, 'import-dry-run');
    expect(await seriousViolations(page)).toEqual([]);

    await importPage.importButton.click();
    expect(await importPage.counts(importPage.result)).toEqual({ Created: 1, Updated: 1, Skipped: 0 });
    await page.getByRole('link', { name: 'See your contacts' }).click();
    await inbox.row('Ines Moreau').waitFor();
    expect(await inbox.row('Pavel Král').count()).toBe(0);
    expect((await inbox.names()).filter((n) => n === 'Liam Novak')).toHaveLength(1);
    await context.close();
  });

  it('fits a phone (390 px): the list with Export and Import, and the import page after a dry run', async () => {
    await ada.api.settings({ exportEnabled: true });
    await channels(ben, ['csv']);
    const { context, page } = await openPage(browser, baseUrl, ben, 'phone');
    const inbox = await new InboxPage(page, baseUrl).goto();
    await inbox.row('Ines Moreau').waitFor();
    const exportMenu = new ExportMenu(page);
    await exportMenu.open();
    await expectNoHorizontalScroll(page, 390);
    const importPage = await new ImportPage(page, baseUrl).goto();
    await importPage.chooseFile('fair.csv', CSV.replace('Ines Moreau', 'Ines Moreau-Lefèvre de la Tour'));
    await importPage.dryRunCounts.waitFor();
    await expectNoHorizontalScroll(page, 390);
    await context.close();
  });
});
