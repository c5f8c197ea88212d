// Journeys: pipelines (spec §6.6). The issue's journey, "share a pipeline with a team, a member sees only the cards of
// contacts they can see and a count of the others": Ben writes a pipeline with the stages editor and puts cards on
// four of his contacts (one through the New card dialog), then shares it with the Sales team at Can use. Cat, in
// Sales, sees Zoe's card (she collaborates on Zoe) and Liam's (she views Liam), "1 more you cannot see" on the two
// stages holding Sofia's and Yusuf's cards, and neither their names, titles nor values anywhere on the page or in what
// the server sent. She drags Zoe's card to another stage (it stays there after a reload), uses "Move to…", and cannot
// drag Liam's card. A move the server refuses (Ben lowered Cat's share on Zoe meanwhile) goes back with a toast. Also:
// removing a stage that holds cards is refused in words; on a phone the board scrolls inside itself, a column 85 % wide;
// changing and deleting cards (offered only with Edit on the contact) and deleting the pipeline after a confirmation.
import type { PipelineDto } from '@tandem/api';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Contact, Share } from '../src/api/models.ts';
import { AppShell } from './pages/AppShell.ts';
import { BoardPage, PipelinesListPage } from './pages/PipelinePages.ts';
import { buildOrg, type Actor } from './support/api.ts';
import { launchBrowser, openPage, PHONE, screenshot } from './support/browser.ts';
import { expectNoHorizontalScroll } from './support/layout.ts';
import { BEN_BOOK, ZOE } from './support/people.ts';
import { addCard, readBoard, stageId } from './support/pipelines.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let ben: Actor;
let cat: Actor;
let zoe: Contact;
let liam: Contact;
let sofia: Contact;
let yusuf: Contact;
let catOnZoe: Share;
let pipeline: PipelineDto;

/** What Cat must never meet on the board: the hidden contacts' names and ids, their cards' titles and values. */
const hiddenWords = () => ['Sofia', 'Brandt', 'Yusuf', 'Demir', 'new clinic', 'bulk order', '30,000', '30000', '8,800', '8800', sofia.id, yusuf.id];

beforeAll(async () => {
  browser = await launchBrowser();
  const org = await buildOrg(baseUrl, 'Kanban Harbour', 'Ada Lindqvist', ['Ben Okafor', 'Cat Moreau', 'Dan Whitfield']);
  ben = org.member('Ben');
  cat = org.member('Cat');
  zoe = await ben.api.createContact(ZOE);
  [liam, sofia, yusuf] = (await Promise.all(BEN_BOOK.map((c) => ben.api.createContact(c)))) as [Contact, Contact, Contact];
  catOnZoe = await ben.api.share(zoe.id, { userId: cat.user.id }, 'collaborate');
  await ben.api.share(liam.id, { userId: cat.user.id }, 'view');
  await org.admin.api.createTeam('Sales', [cat.user.id, org.member('Dan').user.id]);
});
afterAll(async () => browser?.close());

describe('pipelines', () => {
  it('Ben writes a pipeline with the stages editor and puts cards on several contacts', async () => {
    const { context, page } = await openPage(browser, baseUrl, ben);
    await page.goto(baseUrl);
    await new AppShell(page).sidebar.getByRole('link', { name: 'Pipelines' }).click();
    const list = new PipelinesListPage(page, baseUrl);
    await page.getByRole('heading', { name: 'No pipelines yet' }).waitFor();
    const dialog = await list.openNew();
    await dialog.name('Q4 deals');
    expect(await dialog.stageNames()).toEqual(['Lead', 'Proposal', 'Won']);
    await dialog.stageInput(1).fill('Qualified');
    await dialog.addStage('Lost');
    await dialog.addStage('Negotiation');
    await dialog.root.getByRole('button', { name: 'Move Negotiation up' }).click();
    await dialog.root.getByRole('button', { name: 'Move Negotiation up' }).click();
    expect(await dialog.stageNames()).toEqual(['Qualified', 'Proposal', 'Negotiation', 'Won', 'Lost']);
    await dialog.addStage('Parked');
    await dialog.root.getByRole('button', { name: 'Remove Parked' }).click();
    await screenshot(page, 'pipeline-new');
    await dialog.root.getByRole('button', { name: 'Create pipeline' }).click();
    await page.getByRole('heading', { name: 'Q4 deals', level: 1 }).waitFor();
    const board = new BoardPage(page, baseUrl);
    expect(await page.getByTestId('stage-name').allInnerTexts()).toEqual(['Qualified', 'Proposal', 'Negotiation', 'Won', 'Lost']);
    expect(await page.getByTestId('access-sources').innerText()).toMatch(/You own it/);

    const card = await board.openNewCard();
    await card.fill({ contact: 'Zoe', title: 'Zoe renewal', value: '12000', closeOn: '2026-12-15' });
    await card.submit();
    await new AppShell(page).toast('Zoe renewal added').waitFor();
    expect(await board.cardTitles('Qualified')).toEqual(['Zoe renewal']);
    expect(await board.card('Zoe renewal').innerText()).toMatch(/Zoe Hartmann[\s\S]*12,000[\s\S]*Closes 15 Dec 2026/);
    await board.card('Zoe renewal').getByRole('link', { name: ZOE.name }).waitFor();
    expect(await board.card('Zoe renewal').getByRole('link', { name: ZOE.name }).getAttribute('href')).toBe(`/contacts/${zoe.id}`);

    const id = page.url().split('/pipelines/')[1] ?? '';
    pipeline = (await readBoard(ben, id)).pipeline;
    await addCard(ben, id, { contactId: liam.id, stageId: stageId(pipeline, 'Qualified'), title: 'Liam expansion', value: 4500 });
    await addCard(ben, id, { contactId: sofia.id, stageId: stageId(pipeline, 'Qualified'), title: 'Sofia new clinic', value: 30000 });
    await addCard(ben, id, { contactId: yusuf.id, stageId: stageId(pipeline, 'Proposal'), title: 'Yusuf bulk order', value: 8800 });
    await page.reload();
    await expect.poll(() => board.cardTitles('Qualified')).toEqual(['Zoe renewal', 'Liam expansion', 'Sofia new clinic']);
    expect(await board.stage('Qualified').getByTestId('stage-summary').innerText()).toMatch(/3 cards[\s\S]*46,500/);
    expect(await board.hiddenLine('Qualified').count()).toBe(0);

    // A stage that holds cards cannot go: the dialog says why, and nothing changes.
    const change = await board.openChange();
    await change.root.getByRole('button', { name: 'Remove Proposal' }).click();
    await change.root.getByRole('button', { name: 'Save changes' }).click();
    const refusal = change.root.getByTestId('stage-not-empty');
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/A stage you removed still holds cards[\s\S]*Proposal still has cards on the board[\s\S]*Move its cards to another stage first/);
    await change.root.getByRole('button', { name: 'Cancel' }).click();
    expect((await readBoard(ben, id)).pipeline.stages.map((s) => s.name)).toContain('Proposal');
    await context.close();
  });

  it('Ben shares the pipeline with the Sales team at Can use', async () => {
    const { context, page } = await openPage(browser, baseUrl, ben);
    const board = await new BoardPage(page, baseUrl).goto(pipeline.id, 'Q4 deals');
    await board.shares.getByText('Not shared with anyone yet').waitFor();
    await board.shares.getByRole('button', { name: 'Share' }).click();
    const dialog = page.getByTestId('hand-shared-share-dialog');
    await dialog.getByRole('combobox', { name: 'Add people or teams' }).fill('Sales');
    await dialog.getByRole('option', { name: /Sales/ }).first().click();
    await dialog.getByRole('button', { name: 'Share', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await board.shares.getByTestId('share-row').filter({ hasText: 'Sales' }).waitFor();
    const shares = await ben.api.request<{ items: Array<{ level: string; grantee: { teamId?: string } }> }>('GET', `/pipelines/${pipeline.id}/shares`);
    expect(shares.items).toMatchObject([{ level: 'view', grantee: { teamId: expect.any(String) } }]);
    await context.close();
  });

  it('Cat sees only the cards of contacts she can see, a count of the others, and nothing else of them', async () => {
    const { context, page } = await openPage(browser, baseUrl, cat);
    const sent: string[] = [];
    page.on('response', (res) => {
      if (res.url().includes('/api/v1/pipelines')) void res.text().then((t) => sent.push(t), () => undefined);
    });
    const list = await new PipelinesListPage(page, baseUrl).goto();
    expect(await list.row('Q4 deals').innerText()).toMatch(/Ben Okafor[\s\S]*Can use/);
    await list.row('Q4 deals').getByRole('link').click();
    const board = new BoardPage(page, baseUrl);
    await page.getByRole('heading', { name: 'Q4 deals', level: 1 }).waitFor();
    await expect.poll(() => board.cardTitles('Qualified')).toEqual(['Zoe renewal', 'Liam expansion']);
    expect(await board.hiddenLine('Qualified').innerText()).toBe('1 more you cannot see');
    expect(await board.stage('Qualified').getByTestId('stage-summary').innerText()).toMatch(/2 cards[\s\S]*16,500/);
    expect(await board.cardTitles('Proposal')).toEqual([]);
    expect(await board.hiddenLine('Proposal').innerText()).toBe('1 more you cannot see');
    expect(await board.stage('Proposal').getByTestId('stage-summary').innerText()).toBe('No cards');
    for (const stage of ['Negotiation', 'Won', 'Lost']) expect(await board.hiddenLine(stage).count()).toBe(0);
    expect(await page.getByTestId('access-sources').innerText()).toMatch(/Through team Sales at Can use/);
    expect(await board.shares.count()).toBe(0); // sharing is the owner's or an admin's
    await screenshot(page, 'pipeline-board-member');

    const html = await page.content();
    const answers = sent.join('\n');
    expect(sent.length).toBeGreaterThan(0);
    for (const word of hiddenWords()) {
      expect(html, `the page shows ${word}`).not.toContain(word);
      expect(answers, `the server sent ${word}`).not.toContain(word);
    }
    await context.close();
  });

  it('Cat drags a card she collaborates on to another stage, and it stays there; a card she only views cannot be dragged', async () => {
    const { context, page } = await openPage(browser, baseUrl, cat);
    const board = await new BoardPage(page, baseUrl).goto(pipeline.id, 'Q4 deals');
    await board.card('Zoe renewal').waitFor();

    // Liam's card: no handle, a lock that says why, no Move to…
    expect(await board.dragHandle('Liam expansion').count()).toBe(0);
    const lock = board.card('Liam expansion').getByRole('img', { name: 'Liam expansion cannot be moved' });
    await lock.hover();
    await page.getByRole('tooltip', { name: /cannot move it: moving needs Collaborate on its contact/ }).waitFor();
    expect(await board.card('Liam expansion').getByRole('combobox', { name: 'Move Liam expansion to' }).count()).toBe(0);
    const liamBox = await board.card('Liam expansion').getByTestId('card-title').boundingBox();
    const proposal = await board.stage('Proposal').getByRole('list').boundingBox();
    if (!liamBox || !proposal) throw new Error('no boxes');
    await page.mouse.move(liamBox.x + 5, liamBox.y + 5);
    await page.mouse.down();
    await page.mouse.move(proposal.x + proposal.width / 2, proposal.y + 20, { steps: 10 });
    await page.mouse.up();
    expect(await board.cardTitles('Qualified')).toEqual(['Zoe renewal', 'Liam expansion']);
    expect(await board.cardTitles('Proposal')).toEqual([]);

    await board.dragTo('Zoe renewal', 'Proposal');
    await new AppShell(page).toast('Zoe renewal moved to Proposal').waitFor();
    await expect.poll(() => board.cardTitles('Proposal')).toEqual(['Zoe renewal']);
    expect(await board.cardTitles('Qualified')).toEqual(['Liam expansion']);
    expect(await board.stage('Proposal').getByTestId('stage-summary').innerText()).toMatch(/1 card[\s\S]*12,000/);
    expect(await board.hiddenLine('Proposal').innerText()).toBe('1 more you cannot see');
    await page.reload();
    await expect.poll(() => board.cardTitles('Proposal')).toEqual(['Zoe renewal']);
    const saved = await readBoard(ben, pipeline.id);
    expect(saved.stages.find((s) => s.name === 'Proposal')?.cards.map((c) => c.title).sort()).toEqual(['Yusuf bulk order', 'Zoe renewal']);
    expect(saved.stages.find((s) => s.name === 'Qualified')?.cards.map((c) => c.title)).toEqual(['Liam expansion', 'Sofia new clinic']);

    // With the keyboard: Space picks the card up, an arrow moves it to the next stage, Space drops it.
    await board.dragHandle('Zoe renewal').focus();
    await page.keyboard.press('Space');
    await page.getByText('Zoe renewal is over Proposal, place 1.').waitFor({ state: 'attached' }); // the live region
    await page.keyboard.press('ArrowRight');
    await page.getByText('Zoe renewal is over Negotiation, place 1.').waitFor({ state: 'attached' });
    await page.keyboard.press('Space');
    await new AppShell(page).toast('Zoe renewal moved to Negotiation').waitFor();
    await expect.poll(() => board.cardTitles('Negotiation')).toEqual(['Zoe renewal']);
    expect(await board.cardTitles('Proposal')).toEqual([]);

    // The same without dragging: Move to… (a phone, a screen reader)
    await board.card('Zoe renewal').getByRole('combobox', { name: 'Move Zoe renewal to' }).selectOption({ label: 'Qualified' });
    await new AppShell(page).toast('Zoe renewal moved to Qualified').waitFor();
    await expect.poll(() => board.cardTitles('Qualified')).toEqual(['Liam expansion', 'Zoe renewal']);
    // After the last card Cat sees; where it lands among cards she cannot see is not hers to know.
    expect((await readBoard(ben, pipeline.id)).stages.find((s) => s.name === 'Qualified')?.cards.map((c) => c.title).sort()).toEqual(['Liam expansion', 'Sofia new clinic', 'Zoe renewal']);
    await context.close();
  });

  it('a move the server refuses goes back where it was, with a toast', async () => {
    const { context, page } = await openPage(browser, baseUrl, cat);
    const board = await new BoardPage(page, baseUrl).goto(pipeline.id, 'Q4 deals');
    await board.dragHandle('Zoe renewal').waitFor();
    // Meanwhile Ben lowers Cat's share on Zoe to View only: moving Zoe's card needs Collaborate.
    await ben.api.request('PATCH', `/contacts/${zoe.id}/shares/${catOnZoe.id}`, { level: 'view' });
    await board.dragTo('Zoe renewal', 'Proposal');
    await new AppShell(page).toast(/Zoe renewal stays where it was/).waitFor();
    await expect.poll(() => board.cardTitles('Qualified')).toEqual(['Liam expansion', 'Zoe renewal']);
    expect(await board.cardTitles('Proposal')).toEqual([]);
    await board.dragHandle('Zoe renewal').waitFor({ state: 'detached' }); // the board, read again, knows she cannot
    expect((await readBoard(ben, pipeline.id)).stages.find((s) => s.name === 'Proposal')?.cards.map((c) => c.title)).toEqual(['Yusuf bulk order']);
    await context.close();
  });

  it('on a phone the board scrolls sideways inside itself, one column about 85 % wide, and the page does not', async () => {
    const { context, page } = await openPage(browser, baseUrl, cat, 'phone');
    const list = await new PipelinesListPage(page, baseUrl).goto();
    await list.row('Q4 deals').waitFor();
    await expectNoHorizontalScroll(page, PHONE.viewport.width);
    const board = await new BoardPage(page, baseUrl).goto(pipeline.id, 'Q4 deals');
    await board.card('Liam expansion').waitFor();
    await expectNoHorizontalScroll(page, PHONE.viewport.width);
    const sizes = await board.board.evaluate((el) => ({
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
      column: el.querySelector('[data-testid="board-stage"]')?.getBoundingClientRect().width ?? 0,
    }));
    expect(sizes.scrollWidth).toBeGreaterThan(sizes.clientWidth);
    expect(sizes.column / sizes.clientWidth).toBeGreaterThan(0.78);
    expect(sizes.column / sizes.clientWidth).toBeLessThan(0.9);
    await board.board.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await expectNoHorizontalScroll(page, PHONE.viewport.width);
    await screenshot(page, 'phone-pipeline-board');
    await context.close();
  });

  it('Ben changes a card and deletes one after a confirmation; Cat, who only views their contacts, is offered neither; Ben deletes the pipeline', async () => {
    const viewer = await openPage(browser, baseUrl, cat);
    const seen = await new BoardPage(viewer.page, baseUrl).goto(pipeline.id, 'Q4 deals');
    await seen.card('Zoe renewal').waitFor();
    for (const title of ['Zoe renewal', 'Liam expansion']) {
      expect(await seen.card(title).getByRole('button', { name: `Change ${title}` }).count()).toBe(0);
      expect(await seen.card(title).getByRole('button', { name: `Delete ${title}` }).count()).toBe(0);
    }
    await viewer.context.close();

    const { context, page } = await openPage(browser, baseUrl, ben);
    const board = await new BoardPage(page, baseUrl).goto(pipeline.id, 'Q4 deals');
    await board.card('Liam expansion').getByRole('button', { name: 'Change Liam expansion' }).click();
    const dialog = page.getByTestId('card-dialog');
    await dialog.getByLabel(/^Value/).fill('5 250');
    await dialog.getByRole('button', { name: 'Save card' }).click();
    await new AppShell(page).toast('Liam expansion saved').waitFor();
    await expect.poll(() => board.card('Liam expansion').innerText()).toMatch(/5,250/);
    expect(await board.stage('Qualified').getByTestId('stage-summary').innerText()).toMatch(/3 cards[\s\S]*47,250/);

    await board.card('Sofia new clinic').getByRole('button', { name: 'Delete Sofia new clinic' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete card' }).click();
    await new AppShell(page).toast('Sofia new clinic deleted').waitFor();
    await expect.poll(() => board.cardTitles('Qualified')).toEqual(['Liam expansion', 'Zoe renewal']);

    await page.getByRole('button', { name: 'More', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Delete pipeline' }).click();
    expect(await page.getByRole('dialog').innerText()).toMatch(/Its stages and its 3 cards go with it/);
    await page.getByRole('dialog').getByRole('button', { name: 'Delete pipeline' }).click();
    await page.waitForURL(`${baseUrl}/pipelines`);
    await page.getByRole('heading', { name: 'No pipelines yet' }).waitFor();
    await context.close();
  });
});
