// What every signed-in page shares: the sidebar with navigation and the signed-in user (behind a menu button in a
// top bar on a narrow screen), and the "Skip to content" link.
import type { Locator, Page } from 'playwright-core';

export class AppShell {
  constructor(readonly page: Page) {}

  get sidebar(): Locator {
    return this.page.getByRole('complementary', { name: 'Main navigation' });
  }
  get settingsLink(): Locator {
    return this.sidebar.getByRole('link', { name: 'Settings' });
  }
  /** On a narrow screen the sidebar is folded away behind this button in the top bar. */
  get menuButton(): Locator {
    return this.page.getByRole('button', { name: 'Open navigation' });
  }
  async openNavigation(): Promise<void> {
    await this.menuButton.click();
    await this.sidebar.waitFor({ state: 'visible' });
    await this.sidebar.evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished))); // it slides in
  }
  get skipLink(): Locator {
    return this.page.getByRole('link', { name: 'Skip to content' });
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
