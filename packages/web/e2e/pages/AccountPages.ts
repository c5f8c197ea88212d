// One's own account and the one-time links: profile, forgot password, a reset link, an invitation link.
import type { Locator, Page } from 'playwright-core';

export class ProfilePage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async goto(): Promise<this> {
    await this.page.goto(`${this.baseUrl}/account/profile`);
    await this.page.getByRole('heading', { name: 'Your profile', level: 1 }).waitFor();
    return this;
  }
  get details(): Locator {
    return this.page.getByRole('form', { name: 'Name and e-mail' });
  }
  get password(): Locator {
    return this.page.getByRole('form', { name: 'Password' });
  }
  /** The message under a field of a form (its description). */
  async fieldMessage(form: Locator, label: string): Promise<string> {
    const input = form.getByLabel(label, { exact: true });
    const id = await input.getAttribute('aria-describedby');
    return id ? this.page.locator(`[id="${id}"]`).innerText() : '';
  }
}

export class ForgotPasswordPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async goto(): Promise<this> {
    await this.page.goto(`${this.baseUrl}/forgot-password`);
    await this.page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    return this;
  }
  async ask(email: string): Promise<string> {
    await this.page.getByLabel('Work e-mail').fill(email);
    await this.page.getByRole('button', { name: 'E-mail me a link' }).click();
    const answer = this.page.getByTestId('reset-requested');
    await answer.waitFor();
    return answer.innerText();
  }
}

/** The page a one-time link opens: /reset-password#token=… or /accept-invitation#token=…. */
export class LinkPage {
  constructor(readonly page: Page) {}

  async fillPasswords(password: string): Promise<void> {
    await this.page.getByLabel(/^(New password|Password)$/).fill(password);
    await this.page.getByLabel(/^Repeat the/).fill(password);
  }
  get unusable(): Locator {
    return this.page.getByTestId('link-unusable');
  }
}
