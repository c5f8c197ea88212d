// Journey: spec §11 worked example 6 in the browser. "Contact data export is off: Ben cannot export even his own
// contacts; Ada can. Ada turns it on and gives Ben channels csv and vcard: Ben exports his contacts and those he can
// view, as CSV or vCard, not as XLSX and not through the API." Ada flips the switch in Settings › Permissions and ticks
// Ben's channels on the Users page, both through the UI; Ben's CSV is read back with csv-parse.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiTokensPage } from './pages/ApiTokensPage.ts';
import { ExportMenu } from './pages/ContactFilesPages.ts';
import { InboxPage } from './pages/InboxPage.ts';
import { PermissionsSettingsPage, UsersSettingsPage } from './pages/SettingsPages.ts';
import { buildOrg, type Actor } from './support/api.ts';
import { launchBrowser, openPage } from './support/browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let ada: Actor;
let ben: Actor;
let cat: Actor;

const BEN_OWN = ['Ingrid Solberg', 'Kofi Mensah'];
/** Cat's contacts: one shared with Ben at view (exported), one at nothing (not even listed for him). */
const CAT_SHARED = 'Lucía Fernández';
const CAT_PRIVATE = 'Pavel Novák';
const ADA_OWN = 'Rosa Quintero';

beforeAll(async () => {
  browser = await launchBrowser();
  const org = await buildOrg(baseUrl, 'Worked Example Six', 'Ada Lindqvist', ['Ben Okafor', 'Cat Moreau']);
  ada = org.admin;
  ben = org.member('Ben');
  cat = org.member('Cat');
  await ada.api.settings({ exportEnabled: false });
  await ada.api.request('PATCH', `/users/${ben.user.id}`, { exportChannels: [] });
  for (const name of BEN_OWN) await ben.api.createContact({ name });
  const shared = await cat.api.createContact({ name: CAT_SHARED, company: 'Fernández Vinos' });
  await cat.api.share(shared.id, { userId: ben.user.id }, 'view');
  await cat.api.createContact({ name: CAT_PRIVATE });
  await ada.api.createContact({ name: ADA_OWN });
});
afterAll(async () => browser?.close());

describe('spec §11 worked example 6', () => {
  it('export off: Ben is refused, Ada exports; Ada turns it on and gives Ben CSV and vCard in the UI: Ben downloads his and the shared contacts as CSV, not XLSX, and has no API', async () => {
    // Export is off: Ben's Export button is disabled with the switch's reason, even for his own contacts.
    const benPage = await openPage(browser, baseUrl, ben);
    const benInbox = await new InboxPage(benPage.page, baseUrl).goto();
    await expect.poll(() => benInbox.names()).toHaveLength(3);
    const benExport = new ExportMenu(benPage.page);
    expect(await benExport.refused.isDisabled()).toBe(true);
    expect(await benExport.refusalTooltip()).toBe('Your admin has turned exports off');

    // Ada can: her CSV holds her own contact (the members' she sees at profile only, which is not exported).
    const adaPage = await openPage(browser, baseUrl, ada);
    const adaInbox = await new InboxPage(adaPage.page, baseUrl).goto();
    await adaInbox.row(ADA_OWN).waitFor();
    const adaExport = new ExportMenu(adaPage.page);
    await adaExport.open();
    const adaRows = parse(await readFile(await (await adaExport.download('CSV')).path()), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    expect(adaRows.map((r) => r.Name)).toEqual([ADA_OWN]);

    // Ada turns Contact data export on in Settings › Permissions…
    const permissions = await new PermissionsSettingsPage(adaPage.page, baseUrl).goto();
    const exportSwitch = permissions.toggle('Contact data export');
    expect(await exportSwitch.getAttribute('aria-checked')).toBe('false');
    await exportSwitch.click();
    await permissions.save();
    expect(await ada.api.request('GET', '/org/settings')).toMatchObject({ exportEnabled: true });
    // …and gives Ben the CSV and vCard channels on the Users page.
    const users = await new UsersSettingsPage(adaPage.page, baseUrl).goto();
    await users.row('Ben Okafor').click();
    await users.userDialog.waitFor();
    await users.userDialog.getByRole('radio', { name: 'Only these' }).check();
    await users.userDialog.getByRole('checkbox', { name: 'CSV file' }).check();
    await users.userDialog.getByRole('checkbox', { name: /^vCard/ }).check();
    await users.userDialog.getByRole('button', { name: 'Save export channels' }).click();
    await adaPage.page.getByRole('status').filter({ hasText: 'Export channels saved' }).waitFor();
    await users.closeUserDialog();
    const everyone = await ada.api.request<{ items: { id: string; exportChannels: string[] }[] }>('GET', '/users');
    expect([...(everyone.items.find((u) => u.id === ben.user.id)?.exportChannels ?? [])].sort()).toEqual(['csv', 'vcard']);
    await adaPage.context.close();

    // Ben's menu now offers CSV and vCard; Excel is refused with its channel reason.
    await benInbox.goto();
    await expect.poll(() => benInbox.names()).toHaveLength(3);
    await benExport.open();
    const state = async (label: string) => ({ disabled: await benExport.item(label).getAttribute('aria-disabled'), text: await benExport.item(label).innerText() });
    expect((await state('CSV')).disabled).toBeNull();
    expect((await state('vCard')).disabled).toBeNull();
    expect(await state('Excel (XLSX)')).toEqual({ disabled: 'true', text: expect.stringContaining('Your account may not export to Excel') });
    // His CSV holds exactly his contacts and the one shared with him at view.
    const download = await benExport.download('CSV');
    expect(download.suggestedFilename()).toMatch(/^contacts-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parse(await readFile(await download.path()), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    expect(rows.map((r) => r.Name).sort()).toEqual([...BEN_OWN, CAT_SHARED].sort());
    expect(rows.find((r) => r.Name === CAT_SHARED)?.Owner).toBe('Cat Moreau');
    await benPage.context.close();

    // Not through the API: his API tokens page says he cannot create one, and the server agrees.
    const tokensPage = await openPage(browser, baseUrl, ben);
    const tokens = await new ApiTokensPage(tokensPage.page, baseUrl).goto();
    await tokens.blocked.waitFor();
    expect(await tokens.blocked.innerText()).toMatch(/export settings do not include the API/i);
    expect(await tokens.createButton.isDisabled()).toBe(true);
    const refused = await fetch(`${baseUrl}/api/v1/tokens`, {
      method: 'POST', headers: { authorization: `Bearer ${ben.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'script' }),
    });
    expect([refused.status, ((await refused.json()) as { code: string }).code]).toEqual([403, 'TANDEM_EXPORT_CHANNEL_FORBIDDEN']);
    await tokensPage.context.close();
  });
});
