// A contact's page: header, actions bar, "More" menu, composer, history, profile and the explain panel.
import type { Locator, Page } from 'playwright-core';

export class ContactPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async goto(id: string, name: string): Promise<this> {
    await this.page.goto(`${this.baseUrl}/contacts/${id}`);
    await this.page.getByRole('heading', { name, level: 1 }).waitFor();
    return this;
  }
  get actionsBar(): Locator {
    return this.page.getByTestId('actions-bar');
  }
  get moreButton(): Locator {
    return this.page.getByRole('button', { name: 'More' });
  }
  async moreItems(): Promise<string[]> {
    if ((await this.moreButton.count()) === 0) return [];
    await this.moreButton.click();
    const items = await this.page.getByRole('menuitem').allInnerTexts();
    await this.page.keyboard.press('Escape');
    return items.map((t) => t.trim());
  }
  async openShareDialog(): Promise<ShareDialog> {
    await this.moreButton.click();
    await this.page.getByRole('menuitem', { name: 'Share' }).click();
    const dialog = new ShareDialog(this.page);
    await dialog.root.waitFor();
    return dialog;
  }
  get history(): Locator {
    return this.page.getByTestId('history');
  }
  get historyItems(): Locator {
    return this.page.getByTestId('history-item');
  }
  historyItem(body: string): Locator {
    return this.historyItems.filter({ hasText: body });
  }
  async sendMessage(body: string): Promise<void> {
    await this.actionsBar.getByRole('button', { name: 'Message' }).click();
    const composer = this.page.getByTestId('composer');
    await composer.getByRole('textbox', { name: 'Write to the client…' }).fill(body);
    await composer.getByRole('button', { name: 'Send message' }).click();
    await this.historyItem(body).waitFor();
  }
  get explain(): ExplainPanel {
    return new ExplainPanel(this.page);
  }
}

export class ShareDialog {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('share-dialog');
  }
  async levelOptions(): Promise<string[]> {
    return this.root.locator('[data-testid^="level-"] strong').allInnerTexts();
  }
  async addGrantee(name: string): Promise<void> {
    await this.root.getByRole('combobox', { name: 'Add people or teams' }).fill(name);
    await this.root.getByRole('option', { name: new RegExp(name) }).first().click();
  }
  async chooseLevel(label: 'View only' | 'Collaborate' | 'Edit'): Promise<void> {
    await this.root.locator('[data-testid^="level-"]', { hasText: label }).click();
  }
  async forOneWeek(): Promise<void> {
    await this.root.getByRole('button', { name: '1 week' }).click();
  }
  async submit(): Promise<void> {
    await this.root.getByRole('button', { name: 'Share', exact: true }).click();
  }
  shareRow(name: string): Locator {
    return this.root.getByTestId('share-row').filter({ hasText: name });
  }
  async close(): Promise<void> {
    await this.root.getByRole('button', { name: 'Close' }).click();
    await this.root.waitFor({ state: 'detached' });
  }
}

export class ExplainPanel {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('explain-panel');
  }
  async pick(userName: string): Promise<void> {
    const select = this.root.getByRole('combobox', { name: 'Explain access for' });
    const value = await select.locator('option', { hasText: userName }).first().getAttribute('value');
    if (!value) throw new Error(`${userName} is not offered in the explain panel`);
    await select.selectOption(value);
  }
  async level(): Promise<string> {
    return (await this.root.getByTestId('explain-level').getByTestId('level-badge').innerText()).trim();
  }
  get sources(): Locator {
    return this.root.getByTestId('access-source');
  }
  async sourceKinds(): Promise<string[]> {
    const kinds = await this.sources.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind') ?? ''));
    return kinds.sort();
  }
}
