// Settings pages for administrators: Users, Teams, Permissions, Branding, Billing, Audit log.
import type { Locator, Page } from 'playwright-core';

export class UsersSettingsPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async goto(): Promise<this> {
    await this.page.goto(`${this.baseUrl}/settings/users`);
    await this.page.getByRole('heading', { name: 'Users', level: 2 }).waitFor();
    return this;
  }
  row(name: string): Locator {
    return this.page.getByTestId('user-row').filter({ hasText: name });
  }
  get addUserDialog(): Locator {
    return this.page.getByTestId('add-user-dialog');
  }
  /** The "Add a user" flow with a password set now: who, administrator?, then (members) exports and access, summary. */
  async addUser(input: { name: string; email: string; password: string; admin?: boolean }): Promise<void> {
    await this.page.getByRole('button', { name: 'Add user' }).click();
    const dialog = this.addUserDialog;
    await dialog.getByLabel('Name', { exact: true }).fill(input.name);
    await dialog.getByLabel('E-mail', { exact: true }).fill(input.email);
    await dialog.getByRole('radio', { name: /Set a password now/ }).check();
    await dialog.getByLabel('Temporary password').fill(input.password);
    await this.next();
    await dialog.getByRole('radio', { name: input.admin ? /Yes, an administrator/ : /No, a member/ }).check();
    await this.next();
    if (!input.admin) await this.next(); // exports: none
    await this.next(); // access: none
    await dialog.getByTestId('add-user-summary').waitFor();
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await dialog.waitFor({ state: 'detached' });
  }
  /** The flow's Next, waiting for the step after it. */
  async next(): Promise<void> {
    const step = this.addUserDialog.getByTestId('add-user-step');
    const before = await step.innerText();
    await this.addUserDialog.getByRole('button', { name: 'Next' }).click();
    await this.page.waitForFunction((text) => document.querySelector('[data-testid="add-user-step"]')?.textContent !== text, before);
  }
  get userDialog(): Locator {
    return this.page.getByTestId('user-dialog');
  }
  async closeUserDialog(): Promise<void> {
    await this.userDialog.getByRole('button', { name: 'Close' }).click();
    await this.userDialog.waitFor({ state: 'detached' });
  }
}

export class TeamsSettingsPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async goto(): Promise<this> {
    await this.page.goto(`${this.baseUrl}/settings/teams`);
    await this.page.getByRole('heading', { name: 'Teams', level: 2 }).waitFor();
    return this;
  }
  get cards(): Locator {
    return this.page.getByTestId('team-card');
  }
}

export class PermissionsSettingsPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async goto(): Promise<this> {
    await this.page.goto(`${this.baseUrl}/settings/permissions`);
    await this.page.getByRole('heading', { name: 'Permissions', level: 2 }).waitFor();
    return this;
  }
  toggle(label: string): Locator {
    return this.page.getByRole('switch', { name: label });
  }
  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save Settings' }).click();
    await this.page.getByText('You have unsaved changes.').waitFor({ state: 'detached' });
  }
}

export class AuditLogPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async goto(): Promise<this> {
    await this.page.goto(`${this.baseUrl}/settings/audit`);
    await this.page.getByRole('heading', { name: 'Audit log', level: 2 }).waitFor();
    return this;
  }
  get rows(): Locator {
    return this.page.getByTestId('audit-row');
  }
  async verify(): Promise<string> {
    await this.page.getByRole('button', { name: 'Verify chain' }).click();
    const result = this.page.getByTestId('verify-result');
    await result.waitFor();
    return result.innerText();
  }
}

export class BrandingSettingsPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async goto(): Promise<this> {
    await this.page.goto(`${this.baseUrl}/settings/branding`);
    await this.page.getByRole('heading', { name: 'Branding', level: 2 }).waitFor();
    return this;
  }
  async setName(name: string): Promise<void> {
    await this.page.getByLabel('Organisation name').fill(name);
  }
  async setAccent(hex: string): Promise<void> {
    await this.page.getByLabel('Accent colour hex').fill(hex);
  }
  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save branding' }).click();
    await this.page.getByRole('status').filter({ hasText: 'Branding saved' }).waitFor();
  }
  /** The accent colour the app is painted with right now. */
  accent(): Promise<string> {
    return this.page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim());
  }
}

export class BillingSettingsPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async goto(): Promise<this> {
    await this.page.goto(`${this.baseUrl}/settings/billing`);
    await this.page.getByRole('heading', { name: 'Billing details', level: 2 }).waitFor();
    return this;
  }
  async fill(input: { contactName: string; email: string; address: string; vatId: string }): Promise<void> {
    await this.page.getByLabel('Billing contact').fill(input.contactName);
    await this.page.getByLabel('Invoice e-mail').fill(input.email);
    await this.page.getByLabel('Address').fill(input.address);
    await this.page.getByLabel('VAT number').fill(input.vatId);
  }
  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save billing details' }).click();
    await this.page.getByRole('status').filter({ hasText: 'Billing details saved' }).waitFor();
  }
}
