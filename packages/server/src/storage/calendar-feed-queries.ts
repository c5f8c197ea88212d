// Secret iCalendar feeds (migration 0007): one per (holder, calendar), found by the SHA-256 of the URL's token before
// any org is known. What a feed shows is decided at each request, as its holder (domain/calendars/read-calendar-feed.ts).
import type { Db } from './connect.ts';
import { isUuid } from './ids.ts';

export type CalendarFeedRow = { org_id: string; id: string; holder_id: string; calendar_user_id: string; created_at: Date };

/** Creates the holder's feed of a calendar, or gives it a new token (the old URL stops); says which it did. */
export async function saveCalendarFeed(trx: Db, orgId: string, holderId: string, calendarUserId: string, tokenHash: string, now: number): Promise<'created' | 'rotated'> {
  const existing = await trx.selectFrom('calendar_feeds').select('id')
    .where('org_id', '=', orgId).where('holder_id', '=', holderId).where('calendar_user_id', '=', calendarUserId).forUpdate().executeTakeFirst();
  if (existing) {
    await trx.updateTable('calendar_feeds').set({ token_hash: tokenHash, created_at: new Date(now) })
      .where('org_id', '=', orgId).where('id', '=', existing.id).execute();
    return 'rotated';
  }
  await trx.insertInto('calendar_feeds')
    .values({ org_id: orgId, holder_id: holderId, calendar_user_id: calendarUserId, token_hash: tokenHash, created_at: new Date(now) })
    .execute();
  return 'created';
}

/** Deletes the holder's feed of a calendar; false when there was none. */
export async function deleteCalendarFeed(trx: Db, orgId: string, holderId: string, calendarUserId: string): Promise<boolean> {
  if (!isUuid(calendarUserId)) return false;
  const rows = await trx.deleteFrom('calendar_feeds')
    .where('org_id', '=', orgId).where('holder_id', '=', holderId).where('calendar_user_id', '=', calendarUserId.toLowerCase())
    .returning('id').execute();
  return rows.length > 0;
}

export async function loadCalendarFeedByToken(db: Db, tokenHash: string): Promise<CalendarFeedRow | null> {
  const row = await db.selectFrom('calendar_feeds').select(['org_id', 'id', 'holder_id', 'calendar_user_id', 'created_at'])
    .where('token_hash', '=', tokenHash).executeTakeFirst();
  return row ?? null;
}

/** The holder's feeds: calendar user → when its current URL was made. */
export async function listCalendarFeedsOf(db: Db, orgId: string, holderId: string): Promise<Map<string, Date>> {
  const rows = await db.selectFrom('calendar_feeds').select(['calendar_user_id', 'created_at'])
    .where('org_id', '=', orgId).where('holder_id', '=', holderId).execute();
  return new Map(rows.map((r) => [r.calendar_user_id, r.created_at]));
}
