// Turns core decisions on calendars and their items into the API's answers (spec §7, api.md "Calendars, tasks and
// events"): an item the caller cannot read answers 404 exactly as a missing or malformed id; a visible item and a
// refused action 403. A calendar the caller cannot read is absent (404 for its items, its feed); writing on a
// calendar one cannot write on is 403 (spec §11, example 7: every user has a calendar and the user list is open to
// members, so refusing to name it would hide nothing), and on a deactivated user's calendar 409.
import { calendarFacts, canOnCalendar, decide, type ActorContext, type CalendarItemAction, type CalendarItemFacts } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { loadCalendarItem, loadCalendarUsers, type CalendarItemRow, type CalendarUserRow } from '../../storage/calendar-queries.ts';
import type { Db } from '../../storage/connect.ts';
import { tallyDecision } from '../../observability/access-tally.ts';

export const calendarNotFound = (): AppError => new AppError('TANDEM_CALENDAR_NOT_FOUND');
export const itemNotFound = (): AppError => new AppError('TANDEM_CALENDAR_ITEM_NOT_FOUND');

/** An item row as core facts: storage reads items of the caller's org only. */
export function itemFacts(ctx: ActorContext, row: Pick<CalendarItemRow, 'id' | 'assignee_id'>): CalendarItemFacts {
  return { id: row.id, orgId: ctx.actor.orgId, ownerId: row.assignee_id };
}

const REFUSAL: Record<CalendarItemAction, string> = {
  'calendar_item.view': 'This item is not visible.',
  'calendar_item.edit': "Changing this item needs Edit access to its calendar.",
  'calendar_item.delete': "Deleting this item needs Edit access to its calendar.",
};

/** The item when the caller may take `action` on it: 404 when it is missing or they cannot read its calendar, else 403. */
export async function loadItemOrThrow(db: Db, ctx: ActorContext, id: string, action: CalendarItemAction, o: { forUpdate?: boolean } = {}): Promise<CalendarItemRow> {
  const row = await loadCalendarItem(db, ctx.actor.orgId, id, o);
  const decision = row ? tallyDecision(action, decide(ctx, action, itemFacts(ctx, row))) : null;
  if (!row || !decision?.visible) throw itemNotFound();
  if (!decision.allowed) throw new AppError('TANDEM_ACCESS_FORBIDDEN', REFUSAL[action]);
  return row;
}

/** The user of a calendar the caller may read, or 404 (unknown, malformed, another org's, or not readable). */
export async function readableCalendarOrThrow(db: Db, ctx: ActorContext, userId: string): Promise<CalendarUserRow> {
  const [user] = await readableCalendarsOrThrow(db, ctx, [userId]);
  if (!user) throw calendarNotFound();
  return user;
}

/** The users of calendars the caller may read, read in one statement; 404 when any of them is not one. */
export async function readableCalendarsOrThrow(db: Db, ctx: ActorContext, userIds: readonly string[]): Promise<CalendarUserRow[]> {
  const users = await loadCalendarUsers(db, ctx.actor.orgId, userIds);
  return [...new Set(userIds.map((id) => id.toLowerCase()))].map((id) => {
    const user = users.get(id);
    if (!user || !canOnCalendar(ctx, 'calendar.view', user.id)) throw calendarNotFound();
    return user;
  });
}

/**
 * The user of a calendar the caller may put items on: 404 when no such user of the org, 403 without write on it
 * (`what` says what was refused), 409 when the user is deactivated.
 */
export async function writableCalendarOrThrow(db: Db, ctx: ActorContext, userId: string, what: string): Promise<CalendarUserRow> {
  const user = (await loadCalendarUsers(db, ctx.actor.orgId, [userId])).get(userId.toLowerCase());
  if (!user) throw calendarNotFound();
  if (!decide(ctx, 'calendar_item.edit', calendarFacts(ctx, user.id)).allowed) {
    throw new AppError('TANDEM_ACCESS_FORBIDDEN', `${what} needs Edit access to ${user.id === ctx.actor.userId ? 'your' : `${user.name}'s`} calendar.`);
  }
  if (user.status !== 'active') throw new AppError('TANDEM_USER_INACTIVE', `${user.name} is deactivated: their calendar takes no new items.`);
  return user;
}
