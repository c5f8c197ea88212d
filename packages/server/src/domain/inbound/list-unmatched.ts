// GET /inbound/unmatched: the replies that matched no contact, newest first, keyset paged. Admins only; for anyone
// else the list does not exist (404): a member learns nothing of replies they were not meant to read.
import { canManageOrg, type ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { listUnmatched as readUnmatched, type UnmatchedRow } from '../../storage/inbound-queries.ts';
import { decodeCursor, pageOf } from '../shared/cursor.ts';
import type { Deps } from '../shared/deps.ts';

const AT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export async function listUnmatchedReplies(deps: Deps, ctx: ActorContext, limit: number, cursor?: string): Promise<{ items: UnmatchedRow[]; nextCursor: string | null }> {
  if (!canManageOrg(ctx)) throw new AppError('TANDEM_NOT_FOUND');
  let after: { at: string; id: string } | undefined;
  if (cursor) {
    const key = decodeCursor(cursor);
    if (!AT_KEY.test(key.key)) throw new AppError('TANDEM_INPUT_INVALID', 'cursor: not a cursor this list gave out');
    after = { at: key.key, id: key.id };
  }
  const rows = await readUnmatched(deps.db, ctx.actor.orgId, limit, after);
  const { page, nextCursor } = pageOf(rows, limit, (r) => [r.at_key, r.id]);
  return { items: page, nextCursor };
}
