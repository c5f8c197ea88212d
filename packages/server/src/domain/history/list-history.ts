// GET /contacts/:id/history: messages, notes and calls, newest first, keyset paged; `view` and up (spec §3, §6.5).
// Admins read history only when a source gives them `view` (spec §8).
import type { ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { listEvents } from '../../storage/history-queries.ts';
import { decodeCursor, pageOf } from '../shared/cursor.ts';
import { loadContactOrThrow } from '../contacts/contact-guard.ts';
import type { Page } from '../contacts/list-contacts.ts';
import { toHistoryViews, type HistoryView } from './history-view.ts';
import type { Deps } from '../shared/deps.ts';

const AT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export async function listHistory(deps: Deps, ctx: ActorContext, contactId: string, limit: number, cursor?: string): Promise<Page<HistoryView>> {
  const { db } = deps;
  const contact = await loadContactOrThrow(db, ctx, contactId, 'contact.readHistory');
  const after = cursor ? decodeCursor(cursor) : undefined;
  if (after && !AT_KEY.test(after.key)) throw new AppError('TANDEM_INPUT_INVALID', 'cursor: not a cursor this list gave out');
  const rows = await listEvents(db, ctx.actor.orgId, contact.row.id, limit, after ? { at: after.key, id: after.id } : undefined);
  const { page, nextCursor } = pageOf(rows, limit, (r) => [r.at_key, r.id]);
  return { items: await toHistoryViews(db, ctx, page), nextCursor };
}
