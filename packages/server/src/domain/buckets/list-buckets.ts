// GET /buckets: the buckets the caller may see, sorted by name, keyset paged. The list is the compiled `bucket.view`
// policy of @tandem/core (every bucket of the org for admins; otherwise those they own and those an active bucket
// share names them in), rendered by storage for the buckets table.
import { listBuckets } from '../../storage/bucket-queries.ts';
import { compileFilter, type ActorContext } from '@tandem/core';
import { bucketView, type BucketView } from './bucket-guard.ts';
import { decodeCursor, pageOf } from '../shared/cursor.ts';
import type { Page } from '../contacts/list-contacts.ts';
import type { Deps } from '../shared/deps.ts';

export async function listVisibleBuckets(deps: Deps, ctx: ActorContext, limit: number, cursor?: string): Promise<Page<BucketView>> {
  const { db } = deps;
  const after = cursor ? decodeCursor(cursor) : undefined;
  const policy = compileFilter(ctx, 'bucket.view');
  const rows = await listBuckets(db, ctx.actor.orgId, policy, limit, after ? { sortKey: after.key, id: after.id } : undefined);
  const { page, nextCursor } = pageOf(rows, limit, (r) => [r.sort_key, r.id]);
  return { items: page.map((row) => bucketView(ctx, row)), nextCursor };
}
