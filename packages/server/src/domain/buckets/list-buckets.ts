// GET /buckets: the buckets the caller may see (every bucket of the org for admins; otherwise those they own and
// those an active bucket share gives them), sorted by name, keyset paged.
import { listBuckets, type BucketScope } from '../../storage/bucket-queries.ts';
import { sharedBucketIds, type ActorContext } from '@tandem/core';
import { bucketView, type BucketView } from './bucket-guard.ts';
import { decodeCursor, pageOf } from '../shared/cursor.ts';
import type { Page } from '../contacts/list-contacts.ts';
import type { Deps } from '../shared/deps.ts';

export async function listVisibleBuckets(deps: Deps, ctx: ActorContext, limit: number, cursor?: string): Promise<Page<BucketView>> {
  const { db } = deps;
  const after = cursor ? decodeCursor(cursor) : undefined;
  const scope: BucketScope = ctx.actor.role === 'admin'
    ? { kind: 'all' }
    : { kind: 'some', ownerId: ctx.actor.userId, bucketIds: sharedBucketIds(ctx) };
  const rows = await listBuckets(db, ctx.actor.orgId, scope, limit, after ? { sortKey: after.key, id: after.id } : undefined);
  const { page, nextCursor } = pageOf(rows, limit, (r) => [r.sort_key, r.id]);
  return { items: page.map((row) => bucketView(ctx, row)), nextCursor };
}
