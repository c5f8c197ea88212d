// POST /calendar-items: a task or event on a calendar the caller may write on (their own, or an `edit` calendar grant
// on its user; spec §7); a linked contact also needs `collaborate` on it. Audited without title, notes or times.
import type { ActorContext } from '@tandem/core';
import { insertCalendarItem, loadCalendarItem } from '../../storage/calendar-queries.ts';
import { auditItemChange } from './calendar-audit.ts';
import { writableCalendarOrThrow } from './calendar-guard.ts';
import { itemValues, itemSnapshot, newItemFields, type ItemChange } from './calendar-item-fields.ts';
import { toItemView, type CalendarItemView } from './calendar-item-view.ts';
import { linkableContactOrThrow } from './link-contact.ts';
import type { Deps } from '../shared/deps.ts';

export type NewItemInput = ItemChange & { kind: 'task' | 'event'; title: string; userId: string };

export async function createCalendarItem(deps: Deps, ctx: ActorContext, input: NewItemInput): Promise<CalendarItemView> {
  const { db } = deps;
  const created = await db.transaction().execute(async (trx) => {
    const calendar = await writableCalendarOrThrow(trx, ctx, input.userId, input.kind === 'task' ? 'Creating a task here' : 'Creating an event here');
    const contactId = input.contactId ? await linkableContactOrThrow(trx, ctx, input.contactId) : null;
    const values = itemValues(newItemFields(input.kind, { ...input, userId: calendar.id, contactId }, ctx.actor.userId, ctx.now));
    const id = await insertCalendarItem(trx, ctx.actor.orgId, values, ctx.actor.userId, ctx.now);
    await auditItemChange(trx, ctx, 'calendar_item.create', id, null, itemSnapshot(values));
    return loadCalendarItem(trx, ctx.actor.orgId, id);
  });
  if (!created) throw new Error('createCalendarItem: the new item is gone');
  return toItemView(db, ctx, created);
}
