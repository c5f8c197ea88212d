// Programs: the list (/programs), one program's page (/programs/:id) with its steps and enrolments, and "Enrol in
// program…" from the contacts list's selection bar.
import type { Locator, Page } from 'playwright-core';

export class ProgramsListPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async goto(): Promise<this> {
    await this.page.goto(`${this.baseUrl}/programs`);
    await this.page.getByRole('heading', { name: 'Programs', level: 1 }).waitFor();
    await this.page.getByRole('status', { name: 'Loading programs' }).waitFor({ state: 'detached' });
    return this;
  }
  row(name: string): Locator {
    return this.page.getByTestId('program-row').filter({ has: this.page.getByTestId('program-name').getByText(name, { exact: true }) });
  }
  /** "New program": the dialog with the name and the steps editor. */
  async openNew(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'New program' }).first().click();
    const dialog = this.page.getByTestId('new-program-dialog');
    await dialog.waitFor();
    return dialog;
  }
}

export class ProgramPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async goto(id: string, name: string): Promise<this> {
    await this.page.goto(`${this.baseUrl}/programs/${id}`);
    await this.page.getByRole('heading', { name, level: 1 }).waitFor();
    return this;
  }
  get steps(): Locator {
    return this.page.getByTestId('program-steps');
  }
  get enrollments(): Locator {
    return this.page.getByTestId('program-enrollments');
  }
  enrollmentRow(contactName: string): Locator {
    return this.enrollments.getByTestId('enrollment-row').filter({ hasText: contactName });
  }
  get moreButton(): Locator {
    return this.page.getByRole('button', { name: 'More', exact: true });
  }
}
