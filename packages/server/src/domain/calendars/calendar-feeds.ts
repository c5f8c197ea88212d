// Secret iCalendar feeds (api.md: POST /calendars/:userId/feed; issue 11, item 4). The caller asks for a feed of a
// calendar they may read and gets a URL carrying 32 random bytes (only their SHA-256 is kept; asking again replaces
// the URL, revoking deletes it). Reading the URL needs no session: the feed is evaluated as its holder at that moment
// (their facts loaded afresh, the compiled `calendar_item.view` policy, their contact visibility), so it answers 404,
// exactly as an unknown URL, once the holder's read access to the calendar ends, the holder is deactivated, or the
// calendar's user is. Audited when made, replaced or revoked.
import { canOnCalendar, compileFilter, type ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { deleteCalendarFeed, loadCalendarFeedByToken, saveCalendarFeed } from '../../storage/calendar-feed-queries.ts';
import { listFeedItems, loadCalendarUsers } from '../../storage/calendar-queries.ts';
import { loadActorContext } from '../../storage/load-actor-context.ts';
import { hashToken, newToken } from '../accounts/session-token.ts';
import { auditFeedChange } from './calendar-audit.ts';
import { readableCalendarOrThrow } from './calendar-guard.ts';
import { toItemViews, type CalendarItemView, type Entry } from './calendar-item-view.ts';
import { expandSeries, overlaps } from './recurrence.ts';
import type { Deps, Moment } from '../shared/deps.ts';

const DAY = 86_400_000;
/** What a feed holds: from 90 days ago to a year ahead (a series as its occurrences in that span), at most 5,000 items. */
export const FEED_PAST_DAYS = 90;
export const FEED_FUTURE_DAYS = 366;
const FEED_MAX_ITEMS = 5_000;

export const feedNotFound = (): AppError => new AppError('TANDEM_CALENDAR_FEED_NOT_FOUND');

/** The path of a feed URL, under /api/v1. */
export const feedPath = (token: string): string => `/api/v1/calendar-feeds/${token}.ics`;

export async function createCalendarFeed(deps: Deps & { publicUrl: string }, ctx: ActorContext, calendarUserId: string): Promise<{ url: string }> {
  const { token, hash } = newToken();
  await deps.db.transaction().execute(async (trx) => {
    const calendar = await readableCalendarOrThrow(trx, ctx, calendarUserId);
    const done = await saveCalendarFeed(trx, ctx.actor.orgId, ctx.actor.userId, calendar.id, hash, ctx.now);
    await auditFeedChange(trx, ctx, done === 'created' ? 'calendar.feed.create' : 'calendar.feed.rotate', calendar.id, null, { holderId: ctx.actor.userId });
  });
  return { url: `${deps.publicUrl.replace(/\/+$/, '')}${feedPath(token)}` };
}

/** The caller's own feed of a calendar goes, whatever their access now; 404 when they hold none. */
export async function revokeCalendarFeed(deps: Deps, ctx: ActorContext, calendarUserId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    if (!(await deleteCalendarFeed(trx, ctx.actor.orgId, ctx.actor.userId, calendarUserId))) throw feedNotFound();
    await auditFeedChange(trx, ctx, 'calendar.feed.revoke', calendarUserId.toLowerCase(), { holderId: ctx.actor.userId }, null);
  });
}

export type FeedContent = { calendarName: string; holderId: string; entries: CalendarItemView[] };

/** The feed behind a URL's token, as its holder sees it at `at.now`; 404 for any URL that does not work. */
export async function readCalendarFeed(deps: Deps, at: Moment, token: string): Promise<FeedContent> {
  const { db } = deps;
  const feed = /^[A-Za-z0-9_-]{43}$/.test(token) ? await loadCalendarFeedByToken(db, hashToken(token)) : null;
  if (!feed) throw feedNotFound();
  const ctx = await loadActorContext(db, feed.org_id, feed.holder_id, at.now);
  const calendar = (await loadCalendarUsers(db, feed.org_id, [feed.calendar_user_id])).get(feed.calendar_user_id);
  if (!ctx || ctx.actor.status !== 'active' || !calendar || calendar.status !== 'active' || !canOnCalendar(ctx, 'calendar.view', calendar.id)) throw feedNotFound();
  const from = at.now - FEED_PAST_DAYS * DAY;
  const to = at.now + FEED_FUTURE_DAYS * DAY;
  const rows = await listFeedItems(db, feed.org_id, compileFilter(ctx, 'calendar_item.view'), calendar.id, from, to, FEED_MAX_ITEMS);
  const entries: Entry[] = [];
  for (const row of rows) {
    if (row.recurrence && row.starts_at && row.ends_at) {
      const series = { startsAt: row.starts_at.getTime(), endsAt: row.ends_at.getTime(), rule: row.recurrence, timeZone: row.time_zone ?? 'UTC' };
      for (const occurrence of expandSeries(series, from, to)) entries.push({ row, occurrence });
    } else if (overlaps(row.sort_ms, row.ends_at?.getTime() ?? row.sort_ms, from, to)) {
      entries.push({ row, occurrence: null });
    }
  }
  return { calendarName: calendar.name, holderId: ctx.actor.userId, entries: await toItemViews(db, ctx, entries) };
}
