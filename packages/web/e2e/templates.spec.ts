// Journeys: templates (spec §6.6). The issue's journey, "share a template at view, the colleague uses it but cannot
// change it": Ben writes a template with merge fields (an unknown field is refused with the server's words under the
// body), previews it for a contact, and shares it with Cat at Can use. Cat finds it in her list, reads it without
// being able to change it (the editor is read-only and says whom to ask; a PATCH through the API answers 403), uses it
// from the composer on a contact she collaborates on (the text is rendered with that contact's first name, the send
// carries the template's id) and sends it. Also: the page at phone width and axe; an admin manages (shares, deletes)
// but does not change it; the owner raises the share to Can change and revokes it after a confirmation.
import type { HandSharedShareDto, TemplateDto } from '@tandem/api';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Contact, HistoryItem, Page as ListPage } from '../src/api/models.ts';
import { AppShell } from './pages/AppShell.ts';
import { ContactPage } from './pages/ContactPage.ts';
import { TemplatesPage } from './pages/TemplatePages.ts';
import { ApiError, buildOrg, type Actor } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { launchBrowser, openPage, screenshot } from './support/browser.ts';
import { expectNoHorizontalScroll } from './support/layout.ts';
import { ZOE } from './support/people.ts';

const baseUrl = inject('baseUrl');
const NAME = 'Renewal follow-up';
const BODY = 'Hi {{contact.firstName}}, thanks for the call today. I will send the renewal terms by Friday.\n\n{{sender.name}}';

let browser: Browser;
let ada: Actor;
let ben: Actor;
let cat: Actor;
let zoe: Contact;
let template: TemplateDto;

const templatesOf = async (actor: Actor) => (await actor.api.request<ListPage<TemplateDto>>('GET', '/templates?limit=200')).items;
const statusOf = async (run: () => Promise<unknown>): Promise<number> => {
  try {
    await run();
    return 200;
  } catch (error) {
    if (error instanceof ApiError) return error.status;
    throw error;
  }
};

beforeAll(async () => {
  browser = await launchBrowser();
  const org = await buildOrg(baseUrl, 'Template Harbour', 'Ada Lindqvist', ['Ben Okafor', 'Cat Moreau']);
  ada = org.admin;
  ben = org.member('Ben');
  cat = org.member('Cat');
  zoe = await ben.api.createContact(ZOE);
  await ben.api.share(zoe.id, { userId: cat.user.id }, 'collaborate');
});
afterAll(async () => browser?.close());

describe('templates', () => {
  it('writes a template with merge fields, refuses an unknown field, previews it and shares it at Can use', async () => {
    const { context, page } = await openPage(browser, baseUrl, ben);
    await page.goto(baseUrl);
    await new AppShell(page).sidebar.getByRole('link', { name: 'Templates' }).click();
    const templates = new TemplatesPage(page, baseUrl);
    await page.getByRole('heading', { name: 'No templates yet' }).waitFor();
    await page.getByRole('button', { name: 'New template' }).first().click();

    await templates.name.fill(NAME);
    await templates.subject.fill('Your renewal, ');
    await templates.insert('Contact’s first name');
    expect(await templates.subject.inputValue()).toBe('Your renewal, {{contact.firstName}}');
    // The picker inserts at the cursor: in the middle of the body's text, not at its end.
    await templates.body.fill('Hi , thanks for the call today.');
    await templates.body.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(3, 3));
    await templates.insert('Contact’s first name');
    expect(await templates.body.inputValue()).toBe('Hi {{contact.firstName}}, thanks for the call today.');

    // A field the server does not know is refused, in its words, under the body.
    await templates.body.fill('Hi {{contact.email}}');
    await templates.editor.getByRole('button', { name: 'Create template' }).click();
    await templates.editor.getByText(/^The body uses \{\{contact\.email\}\}/).waitFor();
    expect(await templates.body.getAttribute('aria-invalid')).toBe('true');
    expect(await templatesOf(ben)).toEqual([]);

    await templates.body.fill(BODY);
    await templates.editor.getByRole('button', { name: 'Create template' }).click();
    await new AppShell(page).toast(`${NAME} created`).waitFor();
    await page.getByRole('heading', { name: NAME, level: 2 }).waitFor();
    [template] = (await templatesOf(ben)) as [TemplateDto];
    expect(template).toMatchObject({ name: NAME, subject: 'Your renewal, {{contact.firstName}}', body: BODY, ownerId: ben.user.id });
    expect(await templates.row(NAME).getByTestId('access-badge').innerText()).toBe('Owner');
    expect(await templates.accessLine.innerText()).toBe('You own it.');

    expect(await templates.previewFor(ZOE.name)).toEqual({ subject: 'Your renewal, Zoe', text: 'Hi Zoe, thanks for the call today. I will send the renewal terms by Friday.\n\nBen Okafor' });

    await templates.shares.getByText('Not shared with anyone yet').waitFor();
    await templates.share('Cat Moreau', 'Can use');
    await new AppShell(page).toast(new RegExp(`${NAME} shared with Cat Moreau · Can use`)).waitFor();
    const row = templates.shareRow('Cat Moreau');
    expect(await row.getByRole('combobox', { name: 'Level for Cat Moreau' }).inputValue()).toBe('view');
    expect(await row.innerText()).toMatch(/Permanent/);
    const shares = (await ben.api.request<ListPage<HandSharedShareDto>>('GET', `/templates/${template.id}/shares`)).items;
    expect(shares).toMatchObject([{ grantee: { userId: cat.user.id }, level: 'view', active: true }]);
    expect(await seriousViolations(page), 'templates page with the editor and shares').toEqual([]);
    await page.getByRole('heading', { name: 'Templates', level: 1 }).scrollIntoViewIfNeeded();
    await screenshot(page, 'templates');
    await context.close();
  });

  it('lets Cat use the template from the composer but not change it', async () => {
    const { context, page } = await openPage(browser, baseUrl, cat);
    const templates = await new TemplatesPage(page, baseUrl).goto();
    expect(await templates.row(NAME).getByTestId('access-badge').innerText()).toBe('Can use');
    expect(await templates.row(NAME).innerText()).toMatch(/Owned by Ben Okafor/);
    await templates.open(NAME);
    expect(await templates.accessLine.innerText()).toBe('Shared with you at Can use by Ben Okafor.');
    await page.getByTestId('template-read-only').getByText('You can use this template; ask its owner for edit to change it.').waitFor();
    for (const field of [templates.name, templates.subject, templates.body]) expect(await field.getAttribute('readonly')).not.toBeNull();
    expect(await templates.editor.getByRole('button', { name: /Save changes|Delete/ }).count()).toBe(0);
    expect(await templates.editor.getByRole('group', { name: 'Insert a merge field' }).count()).toBe(0);
    expect(await templates.shares.count(), 'only the owner or an admin sees the shares').toBe(0);
    expect(await statusOf(() => cat.api.request('PATCH', `/templates/${template.id}`, { body: 'Changed by Cat' }))).toBe(403);
    expect((await ben.api.request<{ template: TemplateDto }>('GET', `/templates/${template.id}`)).template.body).toBe(BODY);

    const contact = await new ContactPage(page, baseUrl).goto(zoe.id, ZOE.name);
    await contact.actionsBar.getByRole('button', { name: 'Message' }).click();
    const composer = page.getByTestId('composer');
    await composer.getByRole('button', { name: 'Use a template' }).click();
    const dialog = page.getByTestId('use-template-dialog');
    await dialog.getByRole('list', { name: 'Templates you can use' }).waitFor();
    expect(await seriousViolations(page), 'Use a template dialog').toEqual([]);
    await dialog.getByRole('list', { name: 'Templates you can use' }).getByRole('button', { name: new RegExp(NAME) }).click();
    await dialog.waitFor({ state: 'detached' });
    const text = 'Hi Zoe, thanks for the call today. I will send the renewal terms by Friday.\n\nCat Moreau';
    expect(await composer.getByRole('textbox', { name: 'Write to the client…' }).inputValue()).toBe(text);
    expect(await composer.getByRole('textbox', { name: 'Subject' }).inputValue()).toBe('Your renewal, Zoe');
    expect(await composer.getByTestId('composer-template').innerText()).toMatch(new RegExp(`From ${NAME}`));
    await screenshot(page, 'composer-template');

    const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(`/api/v1/contacts/${zoe.id}/messages`));
    await composer.getByRole('button', { name: 'Send message' }).click();
    expect((await sent).postDataJSON()).toMatchObject({ templateId: template.id, subject: 'Your renewal, Zoe', channel: 'email' });
    await contact.historyItem('Hi Zoe, thanks for the call today.').waitFor();
    const messages = (await ben.api.request<ListPage<HistoryItem>>('GET', `/contacts/${zoe.id}/history?limit=50`)).items.filter((i) => i.kind === 'message');
    expect(messages.map((m) => m.body)).toEqual([text]);
    expect(await composer.getByTestId('composer-template').count(), 'the template is let go once sent').toBe(0);
    await context.close();
  });

  it('fits a phone: the list, a template and its share card', async () => {
    const { context, page } = await openPage(browser, baseUrl, ben, 'phone');
    const templates = await new TemplatesPage(page, baseUrl).goto(template.id);
    await page.getByRole('heading', { name: NAME, level: 2 }).waitFor();
    await templates.shareRow('Cat Moreau').waitFor();
    await expectNoHorizontalScroll(page, 390);
    await screenshot(page, 'templates-phone');
    await context.close();
  });

  it('lets an admin manage but not change it, and the owner raise a share to Can change and revoke it after a confirmation', async () => {
    const admin = await openPage(browser, baseUrl, ada);
    const asAdmin = await new TemplatesPage(admin.page, baseUrl).goto(template.id);
    await admin.page.getByRole('heading', { name: NAME, level: 2 }).waitFor();
    expect(await asAdmin.row(NAME).getByTestId('access-badge').innerText()).toBe('Admin');
    expect(await asAdmin.accessLine.innerText()).toBe('You are an admin.');
    expect(await asAdmin.body.getAttribute('readonly'), 'an admin sees every template at view: not edit').not.toBeNull();
    await asAdmin.shareRow('Cat Moreau').waitFor();
    expect(await asAdmin.editor.getByRole('button', { name: 'Delete' }).count()).toBe(1);
    await admin.context.close();

    const { context, page } = await openPage(browser, baseUrl, ben);
    const templates = await new TemplatesPage(page, baseUrl).goto(template.id);
    const row = templates.shareRow('Cat Moreau');
    await row.getByRole('combobox', { name: 'Level for Cat Moreau' }).selectOption('edit');
    await new AppShell(page).toast(`Cat Moreau now can change ${NAME}`).waitFor();
    expect(await statusOf(() => cat.api.request('PATCH', `/templates/${template.id}`, { name: `${NAME} (Cat)` }))).toBe(200);
    await page.reload();
    await page.getByRole('heading', { name: `${NAME} (Cat)`, level: 2 }).waitFor();

    await templates.shareRow('Cat Moreau').getByRole('button', { name: 'Revoke Cat Moreau' }).click();
    const confirm = page.getByRole('dialog', { name: 'Stop sharing with Cat Moreau?' });
    expect(await confirm.innerText()).toMatch(/Cat Moreau loses Can change on/);
    await confirm.getByRole('button', { name: 'Remove share' }).click();
    await templates.shares.getByText('Not shared with anyone yet').waitFor();
    expect(await statusOf(() => cat.api.request('GET', `/templates/${template.id}`))).toBe(404);
    expect(await templatesOf(cat)).toEqual([]);
    await context.close();
  });
});
