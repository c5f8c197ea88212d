// GET /calendars: the calendars the caller may read (spec §7), their own first, then by name: from the core's
// calendar item rules (`readableCalendars`), so this list and every item list agree. A deactivated user's calendar
// stays readable through its grants (their tasks may need handing over); `active` says so. `feedCreatedAt` is when
// the caller's secret feed URL of that calendar was made, null without one.
import { readableCalendars, type ActorContext } from '@tandem/core';
import { listCalendarFeedsOf } from '../../storage/calendar-feed-queries.ts';
import { loadCalendarUsers } from '../../storage/calendar-queries.ts';
import type { Deps } from '../shared/deps.ts';

export type CalendarView = { userId: string; name: string; level: 'view' | 'edit' | 'owner'; active: boolean; feedCreatedAt: Date | null };

export async function listCalendars(deps: Deps, ctx: ActorContext): Promise<CalendarView[]> {
  const { db } = deps;
  const readable = readableCalendars(ctx);
  const users = await loadCalendarUsers(db, ctx.actor.orgId, readable.map((c) => c.userId));
  const feeds = await listCalendarFeedsOf(db, ctx.actor.orgId, ctx.actor.userId);
  const views = readable.flatMap((c): CalendarView[] => {
    const user = users.get(c.userId);
    return user ? [{ userId: user.id, name: user.name, level: c.level, active: user.status === 'active', feedCreatedAt: feeds.get(user.id) ?? null }] : [];
  });
  const own = (v: CalendarView) => (v.userId === ctx.actor.userId ? 0 : 1);
  return views.sort((a, b) => own(a) - own(b) || a.name.localeCompare(b.name) || (a.userId < b.userId ? -1 : 1));
}
