// Journeys: personal API tokens. A member is told why the `api` channel is closed (the export switch first, then
// their own channels) and cannot create a token; once allowed, a token is shown once with a copy button and a plain
// "you will not see it again", works as a bearer token, is listed without its secret, and stops working when
// revoked (after a confirmation) or when the channel is taken away. Admins are never blocked.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ApiToken } from '../src/api/models.ts';
import { ApiTokensPage } from './pages/ApiTokensPage.ts';
import { buildOrg, type Actor } from './support/api.ts';
import { launchBrowser, openPage, screenshot } from './support/browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let ada: Actor;
let ben: Actor;
let cat: Actor;

beforeAll(async () => {
  browser = await launchBrowser();
  const org = await buildOrg(baseUrl, 'Signal Works', 'Ada Lindqvist', ['Ben Okafor', 'Cat Moreau']);
  ada = org.admin;
  ben = org.member('Ben');
  cat = org.member('Cat');
});
afterAll(async () => browser?.close());

const channels = (actor: Actor, exportChannels: string[]) => ada.api.request('PATCH', `/users/${actor.user.id}`, { exportChannels });
const meStatus = async (token: string) => (await fetch(`${baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status;

async function tokensPage(actor: Actor): Promise<{ page: Page; tokens: ApiTokensPage; close: () => Promise<void> }> {
  const { context, page } = await openPage(browser, baseUrl, actor);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  const tokens = await new ApiTokensPage(page, baseUrl).goto();
  return { page, tokens, close: () => context.close() };
}

describe('API tokens', () => {
  it('tells a member why the API is closed: the export switch first, then their own channels', async () => {
    await ada.api.settings({ exportEnabled: false });
    const { page, tokens, close } = await tokensPage(ben);
    await tokens.blocked.waitFor();
    expect(await tokens.blocked.innerText()).toMatch(/contact data export is off[\s\S]*Settings › Permissions/i);
    expect(await tokens.createButton.isDisabled()).toBe(true);
    await screenshot(page, 'api-tokens-blocked');

    await ada.api.settings({ exportEnabled: true });
    await tokens.goto();
    await expect.poll(() => tokens.blocked.innerText()).toMatch(/export settings do not include the API[\s\S]*Users page/i);

    await channels(ben, ['csv', 'api']);
    await tokens.goto();
    await tokens.form.getByLabel('Name').waitFor();
    expect(await tokens.blocked.count()).toBe(0);
    await tokens.form.getByLabel('Name').fill('Reporting');
    expect(await tokens.createButton.isDisabled()).toBe(false);
    await close();
  });

  it('shows a new token once, with a copy button; it works until it is revoked', async () => {
    await ada.api.settings({ exportEnabled: true });
    await channels(cat, ['api']);
    const { page, tokens, close } = await tokensPage(cat);
    await tokens.list.getByText('No tokens yet').waitFor();
    await tokens.create('Nightly sync', 'In 30 days');
    const reveal = tokens.reveal;
    expect(await reveal.innerText()).toContain('You will not see this token again.');
    const secret = await reveal.getByTestId('token-secret').inputValue();
    expect(secret.length).toBeGreaterThan(20);
    await reveal.getByRole('button', { name: 'Copy' }).click();
    await reveal.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await screenshot(page, 'api-token-created');
    expect(await meStatus(secret)).toBe(200);
    await reveal.getByRole('button', { name: 'Done, I have stored it' }).click();
    await reveal.waitFor({ state: 'detached' });

    const row = tokens.row('Nightly sync');
    expect(await row.innerText()).toMatch(/Read only[\s\S]*Created [\s\S]*Expires /);
    expect(await page.content()).not.toContain(secret);
    await screenshot(page, 'api-tokens');

    await row.getByRole('button', { name: 'Revoke Nightly sync' }).click();
    const confirm = page.getByRole('dialog');
    expect(await confirm.innerText()).toContain('stops working at once');
    await confirm.getByRole('button', { name: 'Revoke token' }).click();
    await row.waitFor({ state: 'detached' });
    expect(await meStatus(secret)).toBe(401);
    await close();
  });

  it('offers Read only first; a read-only token cannot change data, a read-and-write one can (D37)', async () => {
    await ada.api.settings({ exportEnabled: true });
    await channels(cat, ['api']);
    const { tokens, close } = await tokensPage(cat);
    expect(await tokens.form.getByLabel('Access').evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe('Read only');
    const post = async (token: string) => (await fetch(`${baseUrl}/api/v1/contacts`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'From a script' }),
    }));
    await tokens.create('Reporting', 'In 90 days');
    const readOnly = await tokens.reveal.getByTestId('token-secret').inputValue();
    await tokens.reveal.getByRole('button', { name: 'Done, I have stored it' }).click();
    const refused = await post(readOnly);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('TANDEM_TOKEN_READ_ONLY');
    expect(await meStatus(readOnly)).toBe(200);

    await tokens.create('Importer', 'Never', 'Read and write');
    const readWrite = await tokens.reveal.getByTestId('token-secret').inputValue();
    await tokens.reveal.getByRole('button', { name: 'Done, I have stored it' }).click();
    expect((await post(readWrite)).status).toBe(201);
    expect(await tokens.row('Reporting').innerText()).toMatch(/Read only[\s\S]*Expires /);
    expect(await tokens.row('Importer').innerText()).toMatch(/Read and write[\s\S]*Never expires/);
    await close();
  });

  it('a token stops working when the channel is taken away, and the page says why', async () => {
    await ada.api.settings({ exportEnabled: true });
    await channels(cat, ['api']);
    const { token } = await cat.api.request<{ apiToken: ApiToken; token: string }>('POST', '/tokens', { name: 'Zapier' });
    expect(await meStatus(token)).toBe(200);
    await channels(cat, []);
    expect(await meStatus(token)).toBe(401);
    const { tokens, close } = await tokensPage(cat);
    await tokens.row('Zapier').waitFor();
    expect(await tokens.blocked.innerText()).toMatch(/export settings do not include the API[\s\S]*the ones below do not work/i);
    await close();
  });

  it('never blocks an administrator', async () => {
    await ada.api.settings({ exportEnabled: false });
    const { tokens, close } = await tokensPage(ada);
    await tokens.create('Admin script', 'Never');
    const secret = await tokens.reveal.getByTestId('token-secret').inputValue();
    expect(await meStatus(secret)).toBe(200);
    expect(await tokens.blocked.count()).toBe(0);
    await close();
  });
});
