// GET /users: every signed-in member may list the org's users (names are needed to pick grantees and owners).
// Sorted by name (case-insensitive), then id; keyset paged.
import type { ActorContext } from '@tandem/core';
import type { UserRow } from '../../storage/rows.ts';
import { listUsersPage } from '../../storage/user-queries.ts';
import type { Page } from '../contacts/list-contacts.ts';
import { decodeCursor, pageOf } from '../shared/cursor.ts';
import type { Deps } from '../shared/deps.ts';

export async function listUsers(deps: Deps, ctx: ActorContext, page: { limit: number; cursor?: string | undefined }): Promise<Page<UserRow>> {
  const after = page.cursor ? decodeCursor(page.cursor) : undefined;
  const rows = await listUsersPage(deps.db, ctx.actor.orgId, page.limit, after);
  const { page: items, nextCursor } = pageOf(rows, page.limit, (r) => [r.sort_key, r.id]);
  return { items: items.map(({ sort_key: _key, ...user }) => user), nextCursor };
}
