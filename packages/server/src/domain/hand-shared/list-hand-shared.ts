// GET /templates, /pipelines, /programs: the ones the caller may see, by name, keyset paged. The list is the compiled
// `<resource>.view` policy of @tandem/core (owner, admin, active shares), rendered by storage through the resource's
// binding; each row's access comes from the same rules in memory.
import { compileFilter, handSharedAction, type ActorContext, type HandShared } from '@tandem/core';
import { listHandShared } from '../../storage/hand-shared-queries.ts';
import type { Page } from '../contacts/list-contacts.ts';
import { decodeCursor, pageOf } from '../shared/cursor.ts';
import type { Deps } from '../shared/deps.ts';
import { handSharedView, type HandSharedView } from './hand-shared-guard.ts';

export async function listVisible(deps: Deps, ctx: ActorContext, resource: HandShared, limit: number, cursor?: string): Promise<Page<HandSharedView>> {
  const after = cursor ? decodeCursor(cursor) : undefined;
  const policy = compileFilter(ctx, handSharedAction(resource, 'view'));
  const rows = await listHandShared(deps.db, resource, ctx.actor.orgId, policy, limit, after ? { sortKey: after.key, id: after.id } : undefined);
  const { page, nextCursor } = pageOf(rows, limit, (r) => [r.row.sort_key, r.row.id]);
  return { items: page.map((record) => handSharedView(ctx, resource, record)), nextCursor };
}
