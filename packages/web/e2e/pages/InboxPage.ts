// The contacts inbox.
import type { Locator, Page } from 'playwright-core';

export type InboxViewLabel = 'All' | 'Mine' | 'Shared with me' | 'Archived' | 'Trash';

export class InboxPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async goto(): Promise<this> {
    await this.page.goto(`${this.baseUrl}/contacts`);
    await this.page.getByRole('heading', { name: 'Contacts', level: 1 }).waitFor();
    return this;
  }
  get rows(): Locator {
    return this.page.getByTestId('contact-row');
  }
  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByTestId('contact-name').filter({ hasText: name }) });
  }
  async names(): Promise<string[]> {
    return this.rows.getByTestId('contact-name').allInnerTexts();
  }
  emptyState(): Locator {
    return this.page.getByTestId('empty-state');
  }
  async search(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: 'Search contacts' }).fill(text);
  }
  async show(view: InboxViewLabel): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Contact views' }).getByRole('button', { name: view, exact: true }).click();
  }
  sharedIcon(name: string): Locator {
    return this.row(name).getByTestId('shared-icon');
  }
  /** Hovers the shared icon and answers the tooltip text. */
  async sharedTooltip(name: string): Promise<string> {
    await this.sharedIcon(name).hover();
    const tip = this.row(name).getByRole('tooltip');
    await tip.waitFor({ state: 'visible' });
    return tip.innerText();
  }
  async open(name: string): Promise<void> {
    await this.row(name).getByRole('link').click();
    await this.page.getByRole('heading', { name, level: 1 }).waitFor();
  }
  async scrollToEnd(): Promise<void> {
    await this.page.getByTestId('list-sentinel').scrollIntoViewIfNeeded();
  }
}
