// History items as the API shows them: the row plus the names of the sender and of the owner it was sent for,
// resolved for a whole page in one query.
import type { ActorContext } from '@tandem/core';
import type { Db } from '../../storage/connect.ts';
import type { EventRow } from '../../storage/history-queries.ts';
import { loadUserNames } from '../../storage/share-queries.ts';

export type HistoryView = { row: EventRow; sentByName: string; onBehalfOfName: string | null };

export async function toHistoryViews(db: Db, ctx: ActorContext, rows: readonly EventRow[]): Promise<HistoryView[]> {
  const names = await loadUserNames(db, ctx.actor.orgId, rows.flatMap((r) => [r.sent_by, r.on_behalf_of]));
  return rows.map((row) => ({
    row,
    sentByName: row.sent_by ? names.get(row.sent_by) ?? '' : '',
    onBehalfOfName: row.on_behalf_of ? names.get(row.on_behalf_of) ?? '' : null,
  }));
}
