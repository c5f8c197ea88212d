// The contacts export menu (on the contacts list) and the import page.
import type { Download, Locator, Page } from 'playwright-core';

export class ExportMenu {
  constructor(readonly page: Page) {}

  get button(): Locator {
    return this.page.getByRole('button', { name: 'Export', exact: true });
  }
  /** The disabled button shown when no format is allowed, with its reason in a tooltip. */
  get refused(): Locator {
    return this.page.getByTestId('export-refused');
  }
  /** Hovers the refused button (its tooltip anchor: a disabled button gets no pointer events) and answers the tip. */
  async refusalTooltip(): Promise<string> {
    const anchor = this.refused.locator('xpath=..');
    await anchor.hover();
    const tip = anchor.getByRole('tooltip');
    await tip.waitFor({ state: 'visible' });
    return tip.innerText();
  }
  get menu(): Locator {
    return this.page.getByRole('menu', { name: 'Export' });
  }
  item(label: string): Locator {
    // By the label's own text: "CSV" is also the start of "CSV for Excel".
    return this.menu.getByRole('menuitem').filter({ has: this.page.getByText(label, { exact: true }) });
  }
  async open(): Promise<void> {
    await this.button.click();
    await this.menu.waitFor();
  }
  /** Picks a format and answers the download it starts. */
  async download(label: string): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.item(label).click()]);
    return download;
  }
}

export class ImportPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async goto(): Promise<this> {
    await this.page.goto(`${this.baseUrl}/contacts/import`);
    await this.page.getByRole('heading', { name: 'Import contacts', level: 1 }).waitFor();
    return this;
  }
  async chooseFile(name: string, text: string): Promise<void> {
    await this.page.getByLabel('CSV or vCard file').setInputFiles({ name, mimeType: name.endsWith('.vcf') ? 'text/vcard' : 'text/csv', buffer: Buffer.from(text, 'utf8') });
  }
  field(column: string): Locator {
    return this.page.getByRole('combobox', { name: `Field for column ${column}` });
  }
  get checkAgain(): Locator {
    return this.page.getByRole('button', { name: 'Check again' });
  }
  get importButton(): Locator {
    return this.page.getByRole('button', { name: /^Import \d+ contacts?$/ });
  }
  get dryRunCounts(): Locator {
    return this.page.getByTestId('dry-run-counts');
  }
  get result(): Locator {
    return this.page.getByTestId('import-result');
  }
  get errors(): Locator {
    return this.page.getByTestId('import-errors');
  }
  /** The counts shown ("Would be created" → 2, ...), by their label. */
  async counts(of: Locator): Promise<Record<string, number>> {
    await of.waitFor();
    const items = await of.locator('div').evaluateAll((divs) => divs.map((d) => [d.querySelector('dt')?.textContent ?? '', Number(d.querySelector('dd')?.textContent)] as const));
    return Object.fromEntries(items);
  }
}
