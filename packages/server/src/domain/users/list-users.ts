// GET /users: every signed-in member may list the org's users (names are needed to pick grantees and owners).
// Sorted by name (case-insensitive), then id; keyset paged.
import type { ActorContext } from '@tandem/core';
import { sql } from 'kysely';
import { AppError } from '../../errors.ts';
import { USER_COLUMNS, type UserRow } from '../../http/serializers/user.ts';
import { decodeCursor, encodeCursor } from '../shared/accounts-cursor.ts';
import { isId } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';

export type Page<T> = { items: T[]; nextCursor: string | null };

export async function listUsers(deps: Deps, ctx: ActorContext, page: { limit: number; cursor?: string | undefined }): Promise<Page<UserRow>> {
  let query = deps.db.selectFrom('users').select(USER_COLUMNS).select(sql<string>`lower(name)`.as('sort_key'))
    .where('org_id', '=', ctx.actor.orgId).orderBy(sql`lower(name)`).orderBy('id').limit(page.limit + 1);
  if (page.cursor) {
    const [sortKey, id] = decodeCursor(page.cursor, 2) as [string, string];
    if (!isId(id)) throw new AppError('TANDEM_INPUT_INVALID', 'cursor: not a cursor this list gave out');
    query = query.where(sql<boolean>`(lower(name), id) > (${sortKey}, ${id}::uuid)`);
  }
  const rows = await query.execute();
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > page.limit && last ? encodeCursor([last.sort_key, last.id]) : null };
}
