// What every signed-in page shares: the sidebar with navigation and the signed-in user.
import type { Locator, Page } from 'playwright-core';

export class AppShell {
  constructor(readonly page: Page) {}

  get sidebar(): Locator {
    return this.page.getByRole('complementary', { name: 'Main navigation' });
  }
  get settingsLink(): Locator {
    return this.sidebar.getByRole('link', { name: 'Settings' });
  }
  get currentUser(): Locator {
    return this.page.getByTestId('current-user');
  }
  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    await this.page.waitForURL('**/signin');
  }
  toast(text: string | RegExp): Locator {
    return this.page.getByRole('status').filter({ hasText: text });
  }
}
