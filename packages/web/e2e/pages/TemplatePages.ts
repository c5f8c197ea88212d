// Templates (/templates, `?t=<id>` opens one): the list, the editor with its merge-field picker, the preview, the
// share card, and the composer's "Use a template" dialog on a contact's page.
import type { Locator, Page } from 'playwright-core';

export class TemplatesPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async goto(id?: string): Promise<this> {
    await this.page.goto(`${this.baseUrl}/templates${id ? `?t=${id}` : ''}`);
    await this.page.getByRole('heading', { name: 'Templates', level: 1 }).waitFor();
    await this.page.getByRole('status', { name: 'Loading templates' }).waitFor({ state: 'detached' });
    return this;
  }
  row(name: string): Locator {
    return this.page.getByTestId('template-row').filter({ has: this.page.getByTestId('template-name').getByText(name, { exact: true }) });
  }
  async open(name: string): Promise<void> {
    await this.row(name).getByRole('button').click();
    await this.page.getByRole('heading', { name, level: 2 }).waitFor();
  }
  get editor(): Locator {
    return this.page.getByTestId('template-editor');
  }
  get name(): Locator {
    return this.editor.getByRole('textbox', { name: 'Name' });
  }
  get subject(): Locator {
    return this.editor.getByRole('textbox', { name: /^Subject/ });
  }
  get body(): Locator {
    return this.editor.getByRole('textbox', { name: 'Body' });
  }
  /** "Insert Contact’s first name" and the like: puts the merge field where the cursor was. */
  async insert(label: string): Promise<void> {
    await this.editor.getByRole('group', { name: 'Insert a merge field' }).getByRole('button', { name: `Insert ${label}` }).click();
  }
  get accessLine(): Locator {
    return this.page.getByTestId('access-sources');
  }
  get preview(): Locator {
    return this.page.getByTestId('template-preview');
  }
  /** The saved template rendered for a contact: its subject and its text, as the server sent them. */
  async previewFor(contactName: string): Promise<{ subject: string | null; text: string | null }> {
    await this.preview.getByRole('searchbox', { name: 'Preview for a contact' }).fill(contactName.split(' ')[0] ?? contactName);
    await this.preview.getByRole('list', { name: 'Contacts to preview for' }).getByRole('button', { name: new RegExp(contactName) }).click();
    const body = this.preview.getByTestId('preview-body');
    await body.waitFor();
    return { subject: await this.preview.getByTestId('preview-subject').textContent(), text: await body.textContent() };
  }
  get shares(): Locator {
    return this.page.getByTestId('hand-shared-shares');
  }
  shareRow(name: string): Locator {
    return this.shares.getByTestId('share-row').filter({ hasText: name });
  }
  /** Share the open template with one person or team at "Can use" or "Can change". */
  async share(grantee: string, level: 'Can use' | 'Can change'): Promise<void> {
    await this.shares.getByRole('button', { name: 'Share', exact: true }).click();
    const dialog = this.page.getByTestId('hand-shared-share-dialog');
    await dialog.waitFor();
    await dialog.getByRole('combobox', { name: 'Add people or teams' }).fill(grantee);
    await dialog.getByRole('option', { name: new RegExp(grantee) }).first().click();
    await dialog.locator('[data-testid^="level-"]', { hasText: level }).click();
    await dialog.getByRole('button', { name: 'Share', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
  }
}
