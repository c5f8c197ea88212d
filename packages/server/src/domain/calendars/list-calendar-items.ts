// GET /calendar-items?from&to[&userIds][&contactId]: every item and occurrence that shows in [from, to) on the
// calendars asked for (default: every calendar the caller may read), by start (tasks by due time), then id, keyset
// paged. Visibility is the compiled `calendar_item.view` policy and nothing else (the day, week and agenda views,
// the contact page and the feed all read it); `userIds` and `contactId` only narrow it. A calendar asked for that the
// caller cannot read is absent (404), as is a contact not seen at `view` (api.md).
import { canSeeLinkedContact, compileFilter, type ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { listItemsInWindow } from '../../storage/calendar-queries.ts';
import { loadContact } from '../../storage/contact-read.ts';
import { contactNotFound } from '../contacts/contact-guard.ts';
import { readableCalendarsOrThrow } from './calendar-guard.ts';
import { toItemViews, type CalendarItemView, type Entry } from './calendar-item-view.ts';
import { decodeItemCursor, encodeItemCursor, isAfter } from './item-cursor.ts';
import { expandSeries, overlaps } from './recurrence.ts';
import { readForList } from '../../storage/replica.ts';
import type { Deps } from '../shared/deps.ts';

export const MAX_WINDOW_DAYS = 92;
const DAY = 86_400_000;

export type WindowInput = { from: string; to: string; userIds?: string[]; contactId?: string; limit: number; cursor?: string };
export type ItemPage = { items: CalendarItemView[]; nextCursor: string | null };

const startOf = (e: Entry) => e.occurrence?.startsAt ?? e.row.sort_ms;
const byStart = (a: Entry, b: Entry) => startOf(a) - startOf(b) || (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0);

function windowOf(input: WindowInput): { from: number; to: number } {
  const from = Date.parse(input.from);
  const to = Date.parse(input.to);
  if (to <= from) throw new AppError('TANDEM_INPUT_INVALID', 'to: must be after from', { issues: [{ path: 'to', message: 'must be after from' }] });
  if (to - from > MAX_WINDOW_DAYS * DAY) {
    throw new AppError('TANDEM_INPUT_INVALID', `to: at most ${MAX_WINDOW_DAYS} days after from`, { issues: [{ path: 'to', message: `at most ${MAX_WINDOW_DAYS} days after from` }] });
  }
  return { from, to };
}

export async function listCalendarItems(deps: Deps, ctx: ActorContext, input: WindowInput): Promise<ItemPage> {
  const { db } = deps;
  const { from, to } = windowOf(input);
  const cursor = decodeItemCursor(input.cursor);
  const userIds = input.userIds ? (await readableCalendarsOrThrow(db, ctx, input.userIds)).map((u) => u.id) : undefined;
  let contactId: string | undefined;
  if (input.contactId !== undefined) {
    const contact = await loadContact(db, ctx, input.contactId);
    if (!contact || !canSeeLinkedContact(ctx, contact.facts)) throw contactNotFound();
    contactId = contact.row.id;
  }
  const policy = compileFilter(ctx, 'calendar_item.view');
  // The window's items and their views may be read on a read replica that has replayed the primary's writes as of
  // now (D49); the calendars and the contact above were decided on the primary.
  return readForList(deps, async (reader) => {
    const { short, long } = await listItemsInWindow(reader, ctx.actor.orgId, policy, { from, to, userIds, contactId, after: cursor, limit: input.limit });
    const entries: Entry[] = short.map((row) => ({ row, occurrence: null }));
    for (const row of long) {
      if (row.recurrence && row.starts_at && row.ends_at) {
        const series = { startsAt: row.starts_at.getTime(), endsAt: row.ends_at.getTime(), rule: row.recurrence, timeZone: row.time_zone ?? 'UTC' };
        for (const occurrence of expandSeries(series, from, to)) entries.push({ row, occurrence });
      } else if (row.starts_at && row.ends_at && overlaps(row.starts_at.getTime(), row.ends_at.getTime(), from, to)) {
        entries.push({ row, occurrence: null });
      }
    }
    const page = entries.filter((e) => isAfter(startOf(e), e.row.id, cursor)).sort(byStart).slice(0, input.limit + 1);
    const shown = page.slice(0, input.limit);
    const last = shown[shown.length - 1];
    return {
      items: await toItemViews(reader, ctx, shown),
      nextCursor: page.length > input.limit && last ? encodeItemCursor(startOf(last), last.row.id) : null,
    };
  });
}
