// Inbound replies for admins: the card on Settings › Permissions (webhook, secret, rotation) and Settings › Unmatched
// replies.
import type { Locator, Page } from 'playwright-core';

export class InboundRepliesCard {
  constructor(readonly page: Page) {}

  get card(): Locator {
    return this.page.getByTestId('inbound-card');
  }
  get secretField(): Locator {
    return this.card.getByLabel('Inbound signing secret');
  }
  get webhook(): Locator {
    return this.card.getByTestId('inbound-webhook');
  }
  async showSecret(): Promise<string> {
    await this.card.getByRole('button', { name: 'Show' }).click();
    await this.card.getByRole('button', { name: 'Hide' }).waitFor();
    return this.secretField.inputValue();
  }
  /** Rotates through the confirmation; answers the confirmation's text. */
  async rotate(): Promise<string> {
    await this.card.getByRole('button', { name: 'Rotate secret' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Rotate the inbound secret?' });
    const text = await dialog.innerText();
    await dialog.getByRole('button', { name: 'Rotate secret' }).click();
    await dialog.waitFor({ state: 'detached' });
    return text;
  }
}

export class UnmatchedRepliesPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async goto(): Promise<this> {
    await this.page.goto(`${this.baseUrl}/settings/unmatched-replies`);
    await this.page.getByRole('heading', { name: 'Unmatched replies', level: 2 }).waitFor();
    return this;
  }
  get replies(): Locator {
    return this.page.getByTestId('unmatched-reply');
  }
  reply(text: string): Locator {
    return this.replies.filter({ hasText: text });
  }
}
