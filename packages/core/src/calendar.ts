// Calendars (spec §7). Every user has one calendar; a task or event sits on exactly one of them (its assignee). The
// rules are those of the `calendar_item` resource (rules.ts `calendarItemRules`): the calendar's own user, and active
// `view` / `edit` calendar grants; being admin gives nothing by itself. This file answers questions about a calendar
// as a whole (may U read V's calendar, write on it, move an item from V to W) from those same rules, deciding on a
// prospective item of that calendar, and the two rules that join a calendar item to a contact.
import { assertNever } from './assert-never.ts';
import { computeLevel, computeLevelOn, decide } from './decide.ts';
import type { ActorContext, CalendarItemFacts, ContactFacts } from './facts.ts';
import { isAtLeast, type Level } from './levels.ts';
import { rulesOf } from './policy.ts';

export type CalendarAction = 'calendar.view' | 'calendar.write';
export type CalendarLevel = 'none' | 'view' | 'edit';

/** Any item of `calendarUserId`'s calendar, as far as the rules can tell: they read only the calendar (`ownerIn`). */
export function calendarFacts(ctx: ActorContext, calendarUserId: string): CalendarItemFacts {
  return { id: '', orgId: ctx.actor.orgId, ownerId: calendarUserId };
}

/** The actor's level on a calendar's items: `owner` on their own, a grant's level, or `none`. */
export function computeCalendarItemLevel(ctx: ActorContext, calendarUserId: string): Level {
  return computeLevelOn(ctx, 'calendar_item', calendarFacts(ctx, calendarUserId));
}

/** What the actor may do on a calendar: `edit` (own calendar or an `edit` grant), `view`, or nothing. */
export function computeCalendarLevel(ctx: ActorContext, calendarOwnerId: string): CalendarLevel {
  const level = computeCalendarItemLevel(ctx, calendarOwnerId);
  if (level === 'none') return 'none';
  return isAtLeast(level, 'edit') ? 'edit' : 'view';
}

export function canOnCalendar(ctx: ActorContext, action: CalendarAction, calendarOwnerId: string): boolean {
  const facts = calendarFacts(ctx, calendarOwnerId);
  switch (action) {
    case 'calendar.view':
      return decide(ctx, 'calendar_item.view', facts).allowed;
    case 'calendar.write':
      return decide(ctx, 'calendar_item.edit', facts).allowed;
    default:
      return assertNever(action);
  }
}

export type ReadableCalendar = { userId: string; level: 'view' | 'edit' | 'owner' };

/**
 * The calendars the actor may read: their own first, then every user an active calendar grant names, each once at
 * its highest level. Read from the calendar item rules (each rule is one `ownerIn` test), so this list, `decide` and
 * the compiled `calendar_item.view` filter cannot disagree. Whether those users exist and are of the actor's org is
 * for the caller to check (grants only name users of the org).
 */
export function readableCalendars(ctx: ActorContext): ReadableCalendar[] {
  const seen = new Set<string>();
  const out: ReadableCalendar[] = [];
  for (const rule of rulesOf(ctx, 'calendar_item')) {
    if (rule.when.op !== 'ownerIn') continue;
    for (const userId of rule.when.userIds) {
      if (seen.has(userId)) continue;
      seen.add(userId);
      const level = computeCalendarItemLevel(ctx, userId);
      if (level === 'view' || level === 'edit' || level === 'owner') out.push({ userId, level });
    }
  }
  return out;
}

/** Moving an item from its calendar to `toUserId`'s needs write on both (spec §7). */
export function canMoveCalendarItem(ctx: ActorContext, item: CalendarItemFacts, toUserId: string): boolean {
  return decide(ctx, 'calendar_item.edit', item).allowed && canOnCalendar(ctx, 'calendar.write', toUserId);
}

/** Linking an item to a contact (creating it linked, or linking it later) needs `collaborate` on the contact (spec §7). */
export function canLinkContact(ctx: ActorContext, contact: ContactFacts): boolean {
  return decide(ctx, 'contact.createTask', contact).allowed;
}

/**
 * A linked item names its contact, and shows on the contact's page, only to users who see the contact at `view` (and
 * read the item's calendar, which every list of items already requires).
 */
export function canSeeLinkedContact(ctx: ActorContext, contact: ContactFacts): boolean {
  return isAtLeast(computeLevel(ctx, contact), 'view');
}
