// Sign in and sign up.
import type { Page } from 'playwright-core';

export class SignInPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async goto(): Promise<this> {
    await this.page.goto(`${this.baseUrl}/signin`);
    await this.page.getByRole('heading', { name: 'Sign in' }).waitFor();
    return this;
  }
  async signIn(email: string, password: string): Promise<void> {
    await this.page.getByLabel('Work e-mail').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await this.page.waitForURL('**/contacts**');
  }
}

export class SignUpPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async goto(): Promise<this> {
    await this.page.goto(`${this.baseUrl}/signup`);
    await this.page.getByRole('heading', { name: 'Create your organisation' }).waitFor();
    return this;
  }
  async signUp(input: { orgName: string; name: string; email: string; password: string }): Promise<void> {
    await this.page.getByLabel('Organisation name').fill(input.orgName);
    await this.page.getByLabel('Your name').fill(input.name);
    await this.page.getByLabel('Work e-mail').fill(input.email);
    await this.page.getByLabel('Password').fill(input.password);
    await this.page.getByRole('button', { name: 'Create organisation' }).click();
    await this.page.waitForURL('**/contacts**');
  }
}
