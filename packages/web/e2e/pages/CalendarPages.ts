// The Calendar page (day, week, agenda), its item dialog, and My tasks.
import type { Locator, Page } from 'playwright-core';

export type CalendarViewName = 'day' | 'week' | 'agenda';

export class CalendarPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async goto(view?: CalendarViewName, date?: string): Promise<this> {
    const search = new URLSearchParams();
    if (view) search.set('view', view);
    if (date) search.set('date', date);
    await this.page.goto(`${this.baseUrl}/calendar${search.size ? `?${search}` : ''}`);
    await this.page.getByRole('heading', { name: 'Calendar', level: 1 }).waitFor();
    await this.toggles.waitFor();
    return this;
  }
  get toggles(): Locator {
    return this.page.getByTestId('calendar-toggles');
  }
  async view(name: 'Day' | 'Week' | 'Agenda'): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Calendar view' }).getByRole('button', { name }).click();
  }
  /** An item by (part of) its title; its accessible name also says its kind, time, contact and calendar. */
  item(title: string): Locator {
    return this.page.getByTestId('calendar-item').filter({ hasText: title });
  }
  get refusal(): Locator {
    return this.page.getByTestId('calendar-refusal');
  }
  get dialog(): ItemDialog {
    return new ItemDialog(this.page);
  }
  async openNew(): Promise<ItemDialog> {
    await this.page.getByRole('button', { name: 'New', exact: true }).click();
    await this.dialog.root.waitFor();
    return this.dialog;
  }
  /** Drags an item by `dy` pixels down (48 per hour) and `dx` across, with the mouse, as a person would. */
  async drag(item: Locator, dx: number, dy: number): Promise<void> {
    await item.scrollIntoViewIfNeeded();
    const box = await item.boundingBox();
    if (!box) throw new Error('the item has no box');
    const x = box.x + box.width / 2;
    const y = box.y + Math.min(10, box.height / 2);
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + dx / 2, y + dy / 2, { steps: 5 });
    await this.page.mouse.move(x + dx, y + dy, { steps: 5 });
    await this.page.mouse.up();
  }
}

export class ItemDialog {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('calendar-item-dialog');
  }
  async fill(input: { kind?: 'Task' | 'Event'; title: string; calendar?: string; due?: string; start?: string; end?: string; contact?: string }): Promise<void> {
    if (input.kind) await this.root.getByRole('radio', { name: input.kind }).click();
    await this.root.getByLabel('Title').fill(input.title);
    if (input.calendar) await this.root.getByLabel('Calendar').selectOption({ label: input.calendar });
    if (input.due) await this.root.getByLabel('Due').fill(input.due);
    if (input.start) await this.root.getByLabel('Starts').fill(input.start);
    if (input.end) await this.root.getByLabel('Ends').fill(input.end);
    if (input.contact) {
      await this.root.getByLabel('Link a contact').fill(input.contact);
      await this.root.getByRole('list', { name: 'Contacts to link' }).getByRole('button', { name: new RegExp(input.contact) }).click();
      await this.root.getByTestId('linked-contact').waitFor();
    }
  }
  async submit(label: RegExp | string = /^Add (task|event)$/): Promise<void> {
    await this.root.getByRole('button', { name: label }).click();
    await this.root.waitFor({ state: 'detached' });
  }
  async calendarChoices(): Promise<string[]> {
    return (await this.root.getByLabel('Calendar').locator('option').allInnerTexts()).map((t) => t.trim());
  }
}

export class TasksPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async goto(): Promise<this> {
    await this.page.goto(`${this.baseUrl}/tasks`);
    await this.page.getByRole('heading', { name: 'My tasks', level: 1 }).waitFor();
    return this;
  }
  group(id: 'overdue' | 'today' | 'upcoming' | 'undated'): Locator {
    return this.page.getByTestId(`tasks-${id}`);
  }
  row(title: string): Locator {
    return this.page.getByTestId('task-row').filter({ hasText: title });
  }
}
