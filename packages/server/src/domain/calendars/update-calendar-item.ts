// PATCH /calendar-items/:id: change any field, `done` for tasks, `userId` to move it. Write on its calendar (else 404
// when unreadable, 403 when read-only); moving also needs write on the new calendar (spec §7: write on both; the
// new one refused as a create would be: 403, or 409 for a deactivated user); linking a (new) contact needs
// `collaborate` on it, unlinking nothing more. The row is locked first, so racing changes are judged one by one.
// Audited as a move, a completion, a reopening or a change, with the names of the fields changed.
import type { ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { loadCalendarItem, updateCalendarItem } from '../../storage/calendar-queries.ts';
import { auditItemChange } from './calendar-audit.ts';
import { loadItemOrThrow, writableCalendarOrThrow } from './calendar-guard.ts';
import { applyChange, changedFields, fieldsOfRow, itemSnapshot, itemValues, type ItemChange } from './calendar-item-fields.ts';
import { toItemView, type CalendarItemView } from './calendar-item-view.ts';
import { linkableContactOrThrow } from './link-contact.ts';
import type { Deps } from '../shared/deps.ts';

function auditAction(changed: string[], done: boolean): string {
  if (changed.includes('userId')) return 'calendar_item.move';
  if (changed.length === 1 && changed[0] === 'done') return done ? 'calendar_item.complete' : 'calendar_item.reopen';
  return 'calendar_item.update';
}

export async function updateCalendarItemAs(deps: Deps, ctx: ActorContext, itemId: string, change: ItemChange & { kind?: string }): Promise<CalendarItemView> {
  const { db } = deps;
  const updated = await db.transaction().execute(async (trx) => {
    const row = await loadItemOrThrow(trx, ctx, itemId, 'calendar_item.edit', { forUpdate: true });
    if (change.kind !== undefined && change.kind !== row.kind) throw new AppError('TANDEM_INPUT_INVALID', 'kind: a task stays a task and an event an event');
    const before = fieldsOfRow(row);
    let next = applyChange(before, change, ctx.actor.userId, ctx.now);
    if (change.userId !== undefined && change.userId.toLowerCase() !== row.assignee_id) {
      const target = await writableCalendarOrThrow(trx, ctx, change.userId, 'Moving it there');
      next = { ...next, assigneeId: target.id };
    } else {
      next = { ...next, assigneeId: row.assignee_id };
    }
    if (change.contactId && change.contactId.toLowerCase() !== row.contact_id) {
      next = { ...next, contactId: await linkableContactOrThrow(trx, ctx, change.contactId) };
    } else if (change.contactId) {
      next = { ...next, contactId: row.contact_id };
    }
    const values = itemValues(next);
    const changed = changedFields(before, next);
    if (changed.length === 0) return row;
    await updateCalendarItem(trx, ctx.actor.orgId, row.id, values, ctx.now);
    await auditItemChange(trx, ctx, auditAction(changed, next.done !== null), row.id, itemSnapshot(itemValues(before)), { ...itemSnapshot(values), changed });
    return loadCalendarItem(trx, ctx.actor.orgId, row.id);
  });
  if (!updated) throw new Error('updateCalendarItem: the item is gone');
  return toItemView(db, ctx, updated);
}
