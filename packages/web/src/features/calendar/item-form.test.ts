import { describe, expect, it } from 'vitest';
import type { Calendar, CalendarItem } from '../../api/models.ts';
import { calendarChoiceHint, newItemValues, timesOf, toNewItem, toPatch, valuesOf } from './item-form.ts';

const series: CalendarItem = {
  id: 's', kind: 'event', title: 'Stand-up', userId: 'u', dueAt: null, startsAt: new Date(2026, 10, 30, 9).toISOString(), endsAt: new Date(2026, 10, 30, 9, 30).toISOString(),
  allDay: false, done: false, doneAt: null, overdue: false, notes: null, contact: null,
  recurrence: { rule: 'FREQ=WEEKLY', timeZone: 'UTC', seriesStartsAt: new Date(2026, 10, 2, 9).toISOString(), seriesEndsAt: new Date(2026, 10, 2, 9, 30).toISOString() },
  reminders: [], createdBy: 'u', createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z', access: { actions: ['calendar_item.view', 'calendar_item.edit'] },
};

describe('the item form', () => {
  it('sends only what changed, so renaming one occurrence of a series does not move the series', () => {
    expect(toPatch(series, { ...valuesOf(series), title: 'Daily stand-up' })).toEqual({ title: 'Daily stand-up' });
    expect(toPatch(series, { ...valuesOf(series), userId: 'w' })).toEqual({ userId: 'w' });
  });

  it('keeps the date when All day is switched on without touching the date, and ends an all-day event at the next midnight', () => {
    const values = { ...newItemValues('u', new Date(2026, 10, 30, 14)), allDay: true };
    expect(timesOf(values)).toEqual({ startsAt: new Date(2026, 10, 30).toISOString(), endsAt: new Date(2026, 11, 1).toISOString() });
    expect(toNewItem({ ...values, kind: 'task' }).dueAt).toBe(new Date(2026, 10, 30).toISOString());
  });

  it('refuses an event ending before it starts, in words', () => {
    const values = newItemValues('u', new Date(2026, 10, 30, 14));
    expect(timesOf({ ...values, end: '2026-11-30T13:00' }).problem).toBe('The end cannot be before the start.');
  });
});

describe('repeats', () => {
  it('creates a weekly series in the browser’s zone, and stops or keeps a series only when asked', () => {
    const values = { ...newItemValues('u', new Date(2026, 10, 30, 9)), title: 'Stand-up', repeat: 'WEEKLY' as const };
    expect(toNewItem(values).recurrence).toEqual({ rule: 'FREQ=WEEKLY', timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
    expect(toPatch(series, { ...valuesOf(series), repeat: '' })).toEqual({ recurrence: null });
    const custom = { ...series, recurrence: { ...series.recurrence!, rule: 'FREQ=WEEKLY;BYDAY=MO,WE' } };
    expect(toPatch(custom, { ...valuesOf(custom), title: 'Stand-up (new)' })).toEqual({ title: 'Stand-up (new)' });
  });
});

describe('the Calendar choice', () => {
  const cal = (name: string, level: Calendar['level'], active = true): Calendar => ({ userId: name, name, level, active, feedCreatedAt: null });
  it('names the calendars only viewed and the Edit access adding to them needs', () => {
    expect(calendarChoiceHint([cal('Dan Whitfield', 'owner'), cal('Ben Okafor', 'view')])).toBe('You only view Ben Okafor’s calendar: adding to it needs Edit access.');
    expect(calendarChoiceHint([cal('Dan', 'owner'), cal('Ben', 'view'), cal('Eve', 'view'), cal('Vic', 'view')])).toBe('You only view Ben’s, Eve’s and Vic’s calendars: adding to them needs Edit access.');
  });
  it('says whose calendar an item sits on when there is a choice, and nothing when there is none', () => {
    expect(calendarChoiceHint([cal('Cat', 'owner'), cal('Ben', 'edit')])).toBe('Whose calendar it sits on. You can use your own and those you have Edit access to.');
    expect(calendarChoiceHint([cal('Cat', 'owner'), cal('Ben', 'edit'), cal('Eve', 'view')])).toBe(
      'Whose calendar it sits on. You can use your own and those you have Edit access to. You only view Eve’s calendar: adding to it needs Edit access.',
    );
    expect(calendarChoiceHint([cal('Ada', 'owner')])).toBeNull();
    // A deactivated colleague's calendar takes no items from anyone: no Edit access would help.
    expect(calendarChoiceHint([cal('Ada', 'owner'), cal('Old', 'view', false)])).toBeNull();
  });
});
