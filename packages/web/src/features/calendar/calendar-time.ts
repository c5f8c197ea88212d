// The calendar's days and windows in the browser's time zone: which days a view shows, the window asked of the API,
// where an item sits in a day column, and where a drop lands. Pure functions, tested in calendar-time.test.ts.
import type { CalendarItem } from '../../api/models.ts';

export type CalendarView = 'day' | 'week' | 'agenda';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
/** Moves snap to a quarter of an hour. */
export const SNAP_MINUTES = 15;
/** How many days the agenda lists from its first day. */
export const AGENDA_DAYS = 14;

export function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

/** Calendar days, not 24-hour steps, so a day-light-saving change does not shift midnight. */
export function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days, date.getHours(), date.getMinutes());
}

/** Weeks start on Monday. */
export function startOfWeek(date: Date): Date {
  const day = startOfDay(date);
  return addDays(day, -((day.getDay() + 6) % 7));
}

/** The days a view shows around `anchor`, midnight each. */
export function daysOf(view: CalendarView, anchor: Date): Date[] {
  if (view === 'day') return [startOfDay(anchor)];
  const first = view === 'week' ? startOfWeek(anchor) : startOfDay(anchor);
  const count = view === 'week' ? 7 : AGENDA_DAYS;
  return Array.from({ length: count }, (_, i) => addDays(first, i));
}

/** The window asked of GET /calendar-items: from the first day's midnight to the midnight after the last day. */
export function windowOf(days: Date[]): { from: string; to: string } {
  const first = days[0] ?? startOfDay(new Date());
  const last = days[days.length - 1] ?? first;
  return { from: first.toISOString(), to: addDays(last, 1).toISOString() };
}

/** Where the previous or next page of the view starts. */
export function stepAnchor(view: CalendarView, anchor: Date, direction: 1 | -1): Date {
  const days = view === 'day' ? 1 : view === 'week' ? 7 : AGENDA_DAYS;
  return addDays(startOfDay(anchor), days * direction);
}

/** "2026-11-30", the date in the URL. */
export function dateKey(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function parseDateKey(text: string | null): Date | null {
  const m = text ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(text) : null;
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}

/** When an item starts on the calendar: an event's start, a task's due time; null for an undated task. */
export function itemStart(item: CalendarItem): Date | null {
  const at = item.kind === 'task' ? item.dueAt : item.startsAt;
  return at ? new Date(at) : null;
}

/** A task shows as half an hour at its due time; an event from its start to its end. */
export function itemEnd(item: CalendarItem): Date | null {
  const start = itemStart(item);
  if (!start) return null;
  if (item.kind === 'event' && item.endsAt) return new Date(item.endsAt);
  return new Date(start.getTime() + 30 * MINUTE);
}

/** All-day events and events of a day or more sit in the row above the hours. */
export function isAllDayLike(item: CalendarItem): boolean {
  if (item.allDay) return true;
  const start = itemStart(item);
  const end = itemEnd(item);
  return item.kind === 'event' && start !== null && end !== null && end.getTime() - start.getTime() >= 24 * HOUR;
}

/** Whether the item shows on `day` (an all-day span shows on every day it covers). */
export function isOnDay(item: CalendarItem, day: Date): boolean {
  const start = itemStart(item);
  if (!start) return false;
  const end = itemEnd(item) ?? start;
  const dayStart = startOfDay(day).getTime();
  const dayEnd = addDays(startOfDay(day), 1).getTime();
  if (end.getTime() <= start.getTime()) return start.getTime() >= dayStart && start.getTime() < dayEnd;
  return start.getTime() < dayEnd && end.getTime() > dayStart;
}

/** Minutes since the day's midnight, cut to the day. */
export function minutesInDay(date: Date, day: Date): number {
  const minutes = (date.getTime() - startOfDay(day).getTime()) / MINUTE;
  return Math.max(0, Math.min(24 * 60, minutes));
}

export type Placed = { item: CalendarItem; top: number; height: number; lane: number; lanes: number };

/**
 * Timed items of one day column in minutes (top, height at least 20), side by side where they overlap: each item
 * takes the first free lane of its cluster, and every item of a cluster shares the cluster's number of lanes.
 */
export function placeInDay(items: CalendarItem[], day: Date): Placed[] {
  const timed = items
    .filter((i) => !isAllDayLike(i) && isOnDay(i, day))
    .map((item) => {
      const start = itemStart(item) as Date;
      const end = itemEnd(item) as Date;
      const top = minutesInDay(start, day);
      return { item, top, height: Math.max(20, minutesInDay(end, day) - top), lane: 0, lanes: 1 };
    })
    .sort((a, b) => a.top - b.top || b.height - a.height);
  let cluster: Placed[] = [];
  let clusterEnd = -1;
  const close = () => {
    const lanes = Math.max(1, ...cluster.map((p) => p.lane + 1));
    for (const p of cluster) p.lanes = lanes;
    cluster = [];
  };
  for (const placed of timed) {
    if (placed.top >= clusterEnd) close();
    const laneEnds = new Map<number, number>();
    for (const p of cluster) laneEnds.set(p.lane, Math.max(laneEnds.get(p.lane) ?? 0, p.top + p.height));
    let lane = 0;
    while ((laneEnds.get(lane) ?? -1) > placed.top) lane += 1;
    placed.lane = lane;
    cluster.push(placed);
    clusterEnd = Math.max(clusterEnd, placed.top + placed.height);
  }
  close();
  return timed;
}

/** The new times of an item dropped so that it starts at `start`: the same length, a task's due time. */
export function movedTimes(item: CalendarItem, start: Date): { dueAt?: string; startsAt?: string; endsAt?: string } {
  if (item.kind === 'task') return { dueAt: start.toISOString() };
  const oldStart = itemStart(item);
  const oldEnd = itemEnd(item);
  const length = oldStart && oldEnd ? oldEnd.getTime() - oldStart.getTime() : HOUR;
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + length).toISOString() };
}

/** The start a drop at `minutes` into `day` means, snapped to the quarter hour and kept inside the day. */
export function dropStart(day: Date, minutes: number): Date {
  const snapped = Math.round(minutes / SNAP_MINUTES) * SNAP_MINUTES;
  const clamped = Math.max(0, Math.min(24 * 60 - SNAP_MINUTES, snapped));
  return new Date(startOfDay(day).getTime() + clamped * MINUTE);
}
