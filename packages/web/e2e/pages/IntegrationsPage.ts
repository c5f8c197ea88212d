// Settings › Integrations (/settings/integrations): a card per provider with its status, gate, buttons, the run in
// progress or the last outcome and the run history; the connect dialog.
import type { Locator, Page } from 'playwright-core';

export type Provider = 'mailchimp' | 'google_contacts';

export class IntegrationsPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async goto(): Promise<this> {
    await this.page.goto(`${this.baseUrl}/settings/integrations`);
    await this.ready();
    return this;
  }
  /** The cards are there (the list has loaded). */
  async ready(): Promise<void> {
    await this.card('mailchimp').waitFor();
    await this.card('google_contacts').waitFor();
  }
  card(provider: Provider): Locator {
    return this.page.getByTestId(`integration-${provider}`);
  }
  status(provider: Provider): Locator {
    return this.card(provider).getByTestId('integration-status');
  }
  connection(provider: Provider): Locator {
    return this.card(provider).getByTestId('integration-connection');
  }
  gate(provider: Provider): Locator {
    return this.card(provider).getByTestId('integration-gate');
  }
  connectButton(provider: Provider): Locator {
    return this.card(provider).getByRole('button', { name: /^(Connect|Change credentials)/ });
  }
  syncButton(provider: Provider): Locator {
    return this.card(provider).getByRole('button', { name: /^(Sync now|Syncing…)$/ });
  }
  progress(provider: Provider): Locator {
    return this.card(provider).getByTestId('sync-progress');
  }
  outcome(provider: Provider): Locator {
    return this.card(provider).getByTestId('sync-outcome');
  }
  historyRows(provider: Provider): Locator {
    return this.card(provider).getByTestId('sync-run-row');
  }
  get dialog(): Locator {
    return this.page.getByTestId('connect-dialog');
  }
  async openConnect(provider: Provider): Promise<Locator> {
    await this.connectButton(provider).click();
    await this.dialog.waitFor();
    return this.dialog;
  }
  async fillMailchimp(input: { apiKey: string; audienceId: string; newMembers?: 'Pending' | 'Subscribed' | 'Transactional' }): Promise<void> {
    await this.dialog.getByLabel('API key').fill(input.apiKey);
    await this.dialog.getByLabel('Audience id').fill(input.audienceId);
    if (input.newMembers) await this.dialog.getByLabel('New members').selectOption(input.newMembers.toLowerCase());
  }
  async fillGoogle(input: { clientId: string; clientSecret: string; refreshToken: string }): Promise<void> {
    await this.dialog.getByLabel('Client id').fill(input.clientId);
    await this.dialog.getByLabel('Client secret').fill(input.clientSecret);
    await this.dialog.getByLabel('Refresh token').fill(input.refreshToken);
  }
  async submitConnect(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Connect' }).click();
  }
}
