// Dates and levels in words.
import type { Level } from '../api/models.ts';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return dateTime.format(new Date(iso));
}

/** "09:15": a time of day on the 24-hour clock (a lock's end, D46). */
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
export function formatClock(iso: string): string {
  return clock.format(new Date(iso));
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  return dateOnly.format(new Date(iso));
}

/** "Today 14:05", "Yesterday 09:12", or a date and time. */
export function formatWhen(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  if (d.getTime() >= startOfToday) return `Today ${timeOnly.format(d)}`;
  if (d.getTime() >= startOfToday - 86_400_000) return `Yesterday ${timeOnly.format(d)}`;
  return dateTime.format(d);
}

export const LEVEL_LABEL: Record<Level | 'none', string> = {
  none: 'No access',
  profile: 'Profile only',
  view: 'View only',
  collaborate: 'Collaborate',
  edit: 'Edit',
  owner: 'Owner',
};

/** A value for <input type="datetime-local"> in the browser's time zone. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
