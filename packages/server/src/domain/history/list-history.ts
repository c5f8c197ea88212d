// GET /contacts/:id/history: messages, notes and calls, newest first, keyset paged; `view` and up (spec §3, §6.5).
// Admins read history only when a source gives them `view` (spec §8). One statement: the contact with its facts and
// the page with its names (storage/contact-read.ts); the page is shown only once the core allows `readHistory`.
import type { ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { loadContactWithHistory } from '../../storage/contact-read.ts';
import { decodeCursor, pageOf } from '../shared/cursor.ts';
import { contactOrThrow, loadContactOrThrow } from '../contacts/contact-guard.ts';
import type { Page } from '../contacts/list-contacts.ts';
import type { HistoryView } from './history-view.ts';
import type { Deps } from '../shared/deps.ts';

const AT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** The cursor's key, or the 400 to answer once the contact is known to be readable (a 404 or 403 comes first). */
function afterOf(cursor: string | undefined): { at: string; id: string } | AppError | undefined {
  if (!cursor) return undefined;
  try {
    const after = decodeCursor(cursor);
    if (!AT_KEY.test(after.key)) return new AppError('TANDEM_INPUT_INVALID', 'cursor: not a cursor this list gave out');
    return { at: after.key, id: after.id };
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

export async function listHistory(deps: Deps, ctx: ActorContext, contactId: string, limit: number, cursor?: string): Promise<Page<HistoryView>> {
  const { db } = deps;
  const after = afterOf(cursor);
  if (after instanceof AppError) {
    await loadContactOrThrow(db, ctx, contactId, 'contact.readHistory');
    throw after;
  }
  const found = await loadContactWithHistory(db, ctx, contactId, limit, after);
  contactOrThrow(ctx, found?.contact, 'contact.readHistory');
  const { page, nextCursor } = pageOf(found?.events ?? [], limit, (e) => [e.row.at_key, e.row.id]);
  return { items: page, nextCursor };
}
