// Buckets: the list (/buckets), one bucket's page (/buckets/:id) with its contacts and shares, and the dialogs:
// name (new, rename), share, add contacts, add to bucket (from the contacts list's selection).
import type { Locator, Page } from 'playwright-core';

export class BucketsListPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async goto(): Promise<this> {
    await this.page.goto(`${this.baseUrl}/buckets`);
    await this.page.getByRole('heading', { name: 'Buckets', level: 1 }).waitFor();
    await this.page.getByRole('status', { name: 'Loading buckets' }).waitFor({ state: 'detached' });
    return this;
  }
  get rows(): Locator {
    return this.page.getByTestId('bucket-row');
  }
  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByTestId('bucket-name').getByText(name, { exact: true }) });
  }
  async names(): Promise<string[]> {
    return this.rows.getByTestId('bucket-name').allInnerTexts();
  }
  /** "New bucket", a name, "Create bucket": lands on the new bucket's page. */
  async create(name: string): Promise<BucketPage> {
    await this.page.getByRole('button', { name: 'New bucket' }).first().click();
    const dialog = this.page.getByTestId('bucket-name-dialog');
    await dialog.getByLabel('Bucket name').fill(name);
    await dialog.getByRole('button', { name: 'Create bucket' }).click();
    await this.page.getByRole('heading', { name, level: 1 }).waitFor();
    return new BucketPage(this.page, this.baseUrl);
  }
}

export class BucketPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async goto(id: string, name: string): Promise<this> {
    await this.page.goto(`${this.baseUrl}/buckets/${id}`);
    await this.page.getByRole('heading', { name, level: 1 }).waitFor();
    return this;
  }
  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }
  get level(): Locator {
    return this.page.locator('#main header').getByTestId('bucket-level');
  }
  get moreButton(): Locator {
    return this.page.getByRole('button', { name: 'More', exact: true });
  }
  async rename(name: string): Promise<void> {
    await this.moreButton.click();
    await this.page.getByRole('menuitem', { name: 'Rename' }).click();
    const dialog = this.page.getByTestId('bucket-name-dialog');
    await dialog.getByLabel('Bucket name').fill(name);
    await dialog.getByRole('button', { name: 'Rename' }).click();
    await this.page.getByRole('heading', { name, level: 1 }).waitFor();
  }
  async delete(): Promise<void> {
    await this.moreButton.click();
    await this.page.getByRole('menuitem', { name: 'Delete bucket' }).click();
    await this.page.getByRole('dialog').getByRole('button', { name: 'Delete bucket' }).click();
    await this.page.waitForURL(`${this.baseUrl}/buckets`);
  }
  get contacts(): Locator {
    return this.page.getByTestId('bucket-contacts');
  }
  contactRow(name: string): Locator {
    return this.contacts.getByTestId('bucket-contact').filter({ hasText: name });
  }
  async contactNames(): Promise<string[]> {
    return this.contacts.getByTestId('bucket-contact-name').allInnerTexts();
  }
  async openAddContacts(): Promise<AddContactsDialog> {
    await this.contacts.getByRole('button', { name: 'Add contacts' }).first().click();
    const dialog = new AddContactsDialog(this.page);
    await dialog.root.waitFor();
    return dialog;
  }
  get shares(): Locator {
    return this.page.getByTestId('bucket-shares');
  }
  shareRow(name: string): Locator {
    return this.shares.getByTestId('share-row').filter({ hasText: name });
  }
  async openShareDialog(): Promise<BucketShareDialog> {
    await this.page.getByRole('button', { name: 'Share', exact: true }).first().click();
    const dialog = new BucketShareDialog(this.page);
    await dialog.root.waitFor();
    return dialog;
  }
  async removeShare(name: string): Promise<void> {
    await this.shareRow(name).getByRole('button', { name: `Revoke ${name}` }).click();
    await this.page.getByRole('dialog').getByRole('button', { name: 'Remove share' }).click();
    await this.shareRow(name).waitFor({ state: 'detached' });
  }
}

export class BucketShareDialog {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('bucket-share-dialog');
  }
  async addGrantee(name: string): Promise<void> {
    await this.root.getByRole('combobox', { name: 'Add people or teams' }).fill(name);
    await this.root.getByRole('option', { name: new RegExp(name) }).first().click();
  }
  async chooseLevel(label: 'View only' | 'Collaborate' | 'Edit'): Promise<void> {
    await this.root.locator('[data-testid^="level-"]', { hasText: label }).click();
  }
  async startOn(localValue: string): Promise<void> {
    await this.root.getByLabel('Share starts').fill(localValue);
  }
  async endAfter(preset: '1 day' | '1 week' | '1 month'): Promise<void> {
    await this.root.getByRole('button', { name: preset }).click();
  }
  async submit(): Promise<void> {
    await this.root.getByRole('button', { name: 'Share', exact: true }).click();
    await this.root.waitFor({ state: 'detached' });
  }
}

export class AddContactsDialog {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('add-contacts-dialog');
  }
  async tick(name: string): Promise<void> {
    await this.root.getByRole('checkbox', { name: new RegExp(name) }).check();
  }
  async search(text: string): Promise<void> {
    await this.root.getByRole('searchbox', { name: 'Find contacts' }).fill(text);
  }
  async add(): Promise<void> {
    await this.root.getByRole('button', { name: /^Add \d+ contacts?$/ }).click();
    await this.root.waitFor({ state: 'detached' });
  }
}

/** "Add to bucket" for the contacts ticked in the contacts list. */
export class AddToBucketDialog {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('add-to-bucket-dialog');
  }
  async choose(bucketName: string): Promise<void> {
    await this.root.getByRole('radio', { name: new RegExp(bucketName) }).check();
  }
  async submit(): Promise<void> {
    await this.root.getByRole('button', { name: /^Add( \d+ contacts?)?$/ }).click();
    await this.root.waitFor({ state: 'detached' });
  }
}
