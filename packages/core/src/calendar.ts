// Calendars (spec §7): U sees V's items if U is V or holds a view/edit calendar grant on V; writes need edit.
// Being admin gives no calendar access by itself.
import { assertNever } from './assert-never.ts';
import type { ActorContext } from './facts.ts';
import { activeUserGrants } from './rules.ts';

export type CalendarAction = 'calendar.view' | 'calendar.write';
export type CalendarLevel = 'none' | 'view' | 'edit';

export function computeCalendarLevel(ctx: ActorContext, calendarOwnerId: string): CalendarLevel {
  if (ctx.actor.status !== 'active') return 'none';
  if (ctx.actor.userId === calendarOwnerId) return 'edit';
  const grants = activeUserGrants(ctx, 'calendar').filter((g) => g.ownerId === calendarOwnerId);
  if (grants.some((g) => g.level === 'edit')) return 'edit';
  return grants.length > 0 ? 'view' : 'none';
}

export function canOnCalendar(ctx: ActorContext, action: CalendarAction, calendarOwnerId: string): boolean {
  const level = computeCalendarLevel(ctx, calendarOwnerId);
  switch (action) {
    case 'calendar.view':
      return level !== 'none';
    case 'calendar.write':
      return level === 'edit';
    default:
      return assertNever(action);
  }
}
