// DELETE /calendar-items/:id: write on its calendar (spec §7). A series goes whole. Audited with its snapshot as before.
import type { ActorContext } from '@tandem/core';
import { deleteCalendarItem } from '../../storage/calendar-queries.ts';
import { auditItemChange } from './calendar-audit.ts';
import { loadItemOrThrow } from './calendar-guard.ts';
import { fieldsOfRow, itemSnapshot, itemValues } from './calendar-item-fields.ts';
import type { Deps } from '../shared/deps.ts';

export async function deleteCalendarItemAs(deps: Deps, ctx: ActorContext, itemId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const row = await loadItemOrThrow(trx, ctx, itemId, 'calendar_item.delete', { forUpdate: true });
    await deleteCalendarItem(trx, ctx.actor.orgId, row.id);
    await auditItemChange(trx, ctx, 'calendar_item.delete', row.id, itemSnapshot(itemValues(fieldsOfRow(row))), null);
  });
}
