import { describe, expect, it } from 'vitest';
import type { CalendarItem } from '../../api/models.ts';
import { daysOf, dropStart, isOnDay, movedTimes, placeInDay, startOfWeek, windowOf } from './calendar-time.ts';

function event(id: string, start: Date, end: Date, extra: Partial<CalendarItem> = {}): CalendarItem {
  return {
    id, kind: 'event', title: id, userId: 'u', dueAt: null, startsAt: start.toISOString(), endsAt: end.toISOString(), allDay: false, done: false,
    doneAt: null, overdue: false, notes: null, contact: null, recurrence: null, reminders: [], createdBy: 'u', createdAt: start.toISOString(),
    updatedAt: start.toISOString(), access: { actions: ['calendar_item.view'] }, ...extra,
  };
}
const at = (h: number, m = 0) => new Date(2026, 10, 30, h, m);
const DAY = new Date(2026, 10, 30);

describe('calendar days and windows', () => {
  it('starts weeks on Monday and asks the API for whole days', () => {
    expect(startOfWeek(new Date(2026, 11, 6, 15)).getDate()).toBe(30); // Sunday 6 December → Monday 30 November
    const week = daysOf('week', new Date(2026, 11, 2));
    expect(week).toHaveLength(7);
    expect(windowOf(week)).toEqual({ from: new Date(2026, 10, 30).toISOString(), to: new Date(2026, 11, 7).toISOString() });
    expect(daysOf('agenda', DAY)).toHaveLength(14);
  });

  it('shows an item on every day it covers, and an item ending at midnight not on the next day', () => {
    const span = event('span', at(0), new Date(2026, 11, 2), { allDay: true });
    expect(isOnDay(span, DAY)).toBe(true);
    expect(isOnDay(span, new Date(2026, 11, 1))).toBe(true);
    expect(isOnDay(span, new Date(2026, 11, 2))).toBe(false);
  });
});

describe('placing and moving items', () => {
  it('puts overlapping items side by side and the rest full width', () => {
    const placed = placeInDay([event('a', at(9), at(10)), event('b', at(9, 30), at(11)), event('c', at(12), at(13))], DAY);
    expect(placed.map((p) => [p.item.id, p.top, p.lane, p.lanes])).toEqual([['a', 540, 0, 2], ['b', 570, 1, 2], ['c', 720, 0, 1]]);
  });

  it('snaps a drop to the quarter hour inside the day and keeps an event’s length', () => {
    expect(dropStart(DAY, 607)).toEqual(at(10, 0));
    expect(dropStart(DAY, 613)).toEqual(at(10, 15));
    expect(dropStart(DAY, -40)).toEqual(at(0));
    expect(dropStart(DAY, 24 * 60 + 30)).toEqual(at(23, 45));
    expect(movedTimes(event('e', at(9), at(10, 30)), at(14))).toEqual({ startsAt: at(14).toISOString(), endsAt: at(15, 30).toISOString() });
    expect(movedTimes(event('t', at(9), at(9), { kind: 'task', dueAt: at(9).toISOString(), startsAt: null, endsAt: null }), at(11))).toEqual({ dueAt: at(11).toISOString() });
  });
});
