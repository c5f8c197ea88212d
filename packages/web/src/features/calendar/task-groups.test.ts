import { describe, expect, it } from 'vitest';
import type { CalendarItem } from '../../api/models.ts';
import { groupTasks } from './task-groups.ts';

const NOW = new Date(2026, 10, 30, 12, 0);

function task(id: string, dueAt: Date | null, extra: Partial<CalendarItem> = {}): CalendarItem {
  return {
    id, kind: 'task', title: id, userId: 'u', dueAt: dueAt?.toISOString() ?? null, startsAt: null, endsAt: null, allDay: false, done: false,
    doneAt: null, overdue: dueAt !== null && dueAt < NOW, notes: null, contact: null, recurrence: null, reminders: [], createdBy: 'u',
    createdAt: NOW.toISOString(), updatedAt: NOW.toISOString(), access: { actions: ['calendar_item.view', 'calendar_item.edit', 'calendar_item.delete'] }, ...extra,
  };
}

describe('groupTasks', () => {
  it('puts each open task in Overdue, Today, Upcoming or No date, in the order given', () => {
    const groups = groupTasks([
      task('yesterday', new Date(2026, 10, 29, 9)), task('this morning', new Date(2026, 10, 30, 9)), task('tonight', new Date(2026, 10, 30, 23, 30)),
      task('tomorrow', new Date(2026, 11, 1, 0, 0)), task('someday', null),
    ], NOW);
    expect(groups.map((g) => [g.id, g.tasks.map((t) => t.id)])).toEqual([
      ['overdue', ['yesterday', 'this morning']], ['today', ['tonight']], ['upcoming', ['tomorrow']], ['undated', ['someday']],
    ]);
  });

  it('leaves out done tasks and events', () => {
    const groups = groupTasks([task('done', new Date(2026, 10, 29), { done: true }), task('event', new Date(2026, 11, 2), { kind: 'event' })], NOW);
    expect(groups.every((g) => g.tasks.length === 0)).toBe(true);
  });
});
