// What the API answers for an item: the row, the occurrence shown (a series in a window answers once per
// occurrence), the linked contact only for callers who see it at `view` (spec §7), the caller's actions from the core,
// and whether a task is overdue at the request's `now`.
import {
  allowedActionsOn, canSeeLinkedContact, type ActorContext, type CalendarItemAction,
} from '@tandem/core';
import type { CalendarItemRow } from '../../storage/calendar-queries.ts';
import type { Db } from '../../storage/connect.ts';
import { loadContacts } from '../../storage/contact-read.ts';
import { itemFacts } from './calendar-guard.ts';
import type { Occurrence } from './recurrence.ts';

export type CalendarItemView = {
  row: CalendarItemRow;
  /** The occurrence of a series this entry stands for (window lists and feeds); null for the item itself. */
  occurrence: Occurrence | null;
  contact: { id: string; name: string } | null;
  actions: CalendarItemAction[];
  overdue: boolean;
};

export type Entry = { row: CalendarItemRow; occurrence: Occurrence | null };

/** The linked contacts the caller sees at `view`, by id, their facts loaded in one statement. */
async function visibleContacts(db: Db, ctx: ActorContext, rows: readonly CalendarItemRow[]): Promise<Map<string, { id: string; name: string }>> {
  const ids = [...new Set(rows.map((r) => r.contact_id).filter((id): id is string => id !== null))];
  const out = new Map<string, { id: string; name: string }>();
  if (ids.length === 0) return out;
  for (const [id, found] of await loadContacts(db, ctx, ids)) {
    if (canSeeLinkedContact(ctx, found.facts)) out.set(id, { id, name: found.row.name });
  }
  return out;
}

export async function toItemViews(db: Db, ctx: ActorContext, entries: readonly Entry[]): Promise<CalendarItemView[]> {
  const contacts = await visibleContacts(db, ctx, entries.map((e) => e.row));
  // The actions depend only on the calendar: computed once per assignee.
  const actionsByCalendar = new Map<string, CalendarItemAction[]>();
  return entries.map(({ row, occurrence }) => {
    let actions = actionsByCalendar.get(row.assignee_id);
    if (!actions) {
      actions = allowedActionsOn(ctx, 'calendar_item', itemFacts(ctx, row));
      actionsByCalendar.set(row.assignee_id, actions);
    }
    const overdue = row.kind === 'task' && row.done_at === null && row.due_at !== null && row.due_at.getTime() < ctx.now;
    return { row, occurrence, contact: row.contact_id ? contacts.get(row.contact_id) ?? null : null, actions, overdue };
  });
}

export async function toItemView(db: Db, ctx: ActorContext, row: CalendarItemRow): Promise<CalendarItemView> {
  const [view] = await toItemViews(db, ctx, [{ row, occurrence: null }]);
  if (!view) throw new Error('toItemView: no view');
  return view;
}
