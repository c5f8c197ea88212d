// Pipelines: the list (/pipelines) with "New pipeline" and its stages editor, and a board (/pipelines/:id) with its
// columns, cards, the "N more you cannot see" lines, the card dialog and the share card.
import type { Locator, Page } from 'playwright-core';

export class PipelinesListPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async goto(): Promise<this> {
    await this.page.goto(`${this.baseUrl}/pipelines`);
    await this.page.getByRole('heading', { name: 'Pipelines', level: 1 }).waitFor();
    await this.page.getByRole('status', { name: 'Loading pipelines' }).waitFor({ state: 'detached' });
    return this;
  }
  row(name: string): Locator {
    return this.page.getByTestId('pipeline-row').filter({ has: this.page.getByTestId('pipeline-name').getByText(name, { exact: true }) });
  }
  async openNew(): Promise<PipelineDialog> {
    await this.page.getByRole('button', { name: 'New pipeline' }).first().click();
    const dialog = new PipelineDialog(this.page);
    await dialog.root.waitFor();
    return dialog;
  }
}

export class PipelineDialog {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('pipeline-dialog');
  }
  async name(name: string): Promise<void> {
    await this.root.getByLabel('Pipeline name').fill(name);
  }
  stageInput(index: number): Locator {
    return this.root.getByRole('textbox', { name: `Stage ${index} name` });
  }
  async stageNames(): Promise<string[]> {
    const inputs = this.root.getByTestId('stage-draft').getByRole('textbox');
    return inputs.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  }
  async addStage(name: string): Promise<void> {
    await this.root.getByRole('button', { name: 'Add stage' }).click();
    await this.root.getByTestId('stage-draft').last().getByRole('textbox').fill(name);
  }
}

export class BoardPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async goto(id: string, name: string): Promise<this> {
    await this.page.goto(`${this.baseUrl}/pipelines/${id}`);
    await this.page.getByRole('heading', { name, level: 1 }).waitFor();
    return this;
  }
  get board(): Locator {
    return this.page.getByTestId('board');
  }
  stage(name: string): Locator {
    return this.page.getByTestId('board-stage').filter({ has: this.page.getByTestId('stage-name').getByText(name, { exact: true }) });
  }
  card(title: string): Locator {
    return this.page.getByTestId('pipeline-card').filter({ has: this.page.getByTestId('card-title').getByText(title, { exact: true }) });
  }
  async cardTitles(stage: string): Promise<string[]> {
    return this.stage(stage).getByTestId('card-title').allInnerTexts();
  }
  hiddenLine(stage: string): Locator {
    return this.stage(stage).getByTestId('hidden-count');
  }
  dragHandle(title: string): Locator {
    return this.card(title).getByRole('button', { name: `Drag ${title}` });
  }
  /** Drags a card by its handle with the mouse, in small steps, onto the list of another stage. */
  async dragTo(title: string, stage: string): Promise<void> {
    const handle = await this.dragHandle(title).boundingBox();
    const target = await this.stage(stage).getByRole('list').boundingBox();
    if (!handle || !target) throw new Error(`Cannot drag ${title} to ${stage}: no box`);
    await this.page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(handle.x + handle.width / 2 + 10, handle.y + handle.height / 2, { steps: 3 });
    await this.page.mouse.move(target.x + target.width / 2, target.y + Math.min(target.height / 2, 30), { steps: 15 });
    await this.page.mouse.up();
  }
  async openNewCard(): Promise<CardDialog> {
    await this.page.getByRole('button', { name: 'New card' }).click();
    const dialog = new CardDialog(this.page);
    await dialog.root.waitFor();
    return dialog;
  }
  async openChange(): Promise<PipelineDialog> {
    await this.page.getByRole('button', { name: 'More', exact: true }).click();
    await this.page.getByRole('menuitem', { name: 'Change name and stages' }).click();
    const dialog = new PipelineDialog(this.page);
    await dialog.root.waitFor();
    return dialog;
  }
  get shares(): Locator {
    return this.page.getByTestId('hand-shared-shares');
  }
}

export class CardDialog {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('card-dialog');
  }
  async fill(input: { contact: string; title: string; value?: string; closeOn?: string; stage?: string }): Promise<void> {
    await this.root.getByRole('searchbox', { name: 'Search for the contact' }).fill(input.contact);
    await this.root.getByRole('list', { name: 'Contacts you may edit' }).getByRole('button', { name: new RegExp(input.contact) }).click();
    await this.root.getByLabel('Title').fill(input.title);
    if (input.value) await this.root.getByLabel(/^Value/).fill(input.value);
    if (input.closeOn) await this.root.getByLabel(/^Expected close/).fill(input.closeOn);
    if (input.stage) await this.root.getByLabel('Stage').selectOption({ label: input.stage });
  }
  async submit(): Promise<void> {
    await this.root.getByRole('button', { name: 'Add card' }).click();
    await this.root.waitFor({ state: 'detached' });
  }
}
