// The API tokens page (/account/api-tokens): the "blocked" notice, the create form, the reveal dialog, the list.
import type { Locator, Page } from 'playwright-core';

export class ApiTokensPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async goto(): Promise<this> {
    await this.page.goto(`${this.baseUrl}/account/api-tokens`);
    await this.page.getByRole('heading', { name: 'API tokens', level: 1 }).waitFor();
    await this.page.getByRole('status', { name: 'Loading tokens' }).waitFor({ state: 'detached' });
    return this;
  }
  get blocked(): Locator {
    return this.page.getByTestId('api-blocked');
  }
  get form(): Locator {
    return this.page.getByRole('region', { name: 'Create a token' });
  }
  get createButton(): Locator {
    return this.page.getByRole('button', { name: 'Create token' });
  }
  async create(name: string, expires: 'Never' | 'In 30 days' | 'In 90 days' | 'In a year', access?: 'Read only' | 'Read and write'): Promise<void> {
    await this.form.getByLabel('Name').fill(name);
    if (access) await this.form.getByLabel('Access').selectOption({ label: access });
    await this.form.getByLabel('Expires').selectOption({ label: expires });
    await this.createButton.click();
    await this.reveal.waitFor();
  }
  get reveal(): Locator {
    return this.page.getByTestId('token-reveal-dialog');
  }
  get list(): Locator {
    return this.page.getByTestId('token-list');
  }
  row(name: string): Locator {
    return this.list.getByTestId('token-row').filter({ hasText: name });
  }
}
