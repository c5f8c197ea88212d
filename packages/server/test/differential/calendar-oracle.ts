// The naive oracle of spec §7 for calendar items, written from the spec's words on a plain world description: "U may
// see V's calendar items if U is V or holds a view or edit calendar grant on V. U may create, change, reassign to, or
// delete items on V's calendar only if U is V or holds an edit calendar grant on V. Being admin gives no calendar
// access by itself. [...] A task linked to a contact [...] shows on the contact's page only to users who can see both
// the contact (view) and that calendar." It reuses the calendar and contact oracles of oracle.ts (written from the
// same spec, independently of the core) and knows no condition tree, rule list or action table.
import type { CalendarItemAction } from '@tandem/core';
import type { World, WorldCalendarItem } from '../fixtures/world.ts';
import { oracleCalendar, oracleLevel } from './oracle.ts';

export function oracleItemActions(world: World, userId: string, itemId: string): Set<CalendarItemAction> {
  const out = new Set<CalendarItemAction>();
  const item = (world.calendarItems ?? []).find((i) => i.id === itemId);
  const user = world.users.find((u) => u.id === userId);
  if (!item || !user || user.orgId !== item.orgId) return out;
  const calendar = oracleCalendar(world, userId, item.assigneeId);
  if (calendar === 'none') return out;
  out.add('calendar_item.view');
  if (calendar === 'edit') out.add('calendar_item.edit').add('calendar_item.delete');
  return out;
}

/** "can see the contact (view)": the contact's level for U is view or above. */
export function oracleSeesContact(world: World, userId: string, contactId: string): boolean {
  return ['view', 'collaborate', 'edit', 'owner'].includes(oracleLevel(world, userId, contactId));
}

/** The contact's page for U: 404 when U cannot see the contact at all, 403 at profile, else the linked items U reads. */
export function oracleContactPage(world: World, userId: string, contactId: string): 404 | 403 | string[] {
  const level = oracleLevel(world, userId, contactId);
  if (level === 'none') return 404;
  if (!oracleSeesContact(world, userId, contactId)) return 403;
  return (world.calendarItems ?? [])
    .filter((i) => i.contactId === contactId && oracleItemActions(world, userId, i.id).has('calendar_item.view'))
    .map((i) => i.id);
}

/** When an item happens: a task at its due time (none when undated), an event from its start to its end. */
export function timesOf(item: WorldCalendarItem): { start: number; end: number } | null {
  if (item.kind === 'task') return item.dueAt === null ? null : { start: item.dueAt, end: item.dueAt };
  return item.startsAt === null || item.endsAt === null ? null : { start: item.startsAt, end: item.endsAt };
}

/** "Shows in the window [from, to)": overlaps it, or is a moment inside it. */
export function showsIn(start: number, end: number, from: number, to: number): boolean {
  return start < to && (end > from || start >= from);
}
