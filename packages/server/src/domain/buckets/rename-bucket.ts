// PATCH /buckets/:id {name}: `edit` on the bucket (its owner or an `edit` share), spec §6.2.
import type { ActorContext } from '@tandem/core';
import { renameBucket } from '../../storage/bucket-queries.ts';
import { loadBucketOrThrow, type BucketView } from './bucket-guard.ts';
import type { Deps } from '../shared/deps.ts';

export async function renameBucketAs(deps: Deps, ctx: ActorContext, bucketId: string, name: string): Promise<BucketView> {
  const { db } = deps;
  return db.transaction().execute(async (trx) => {
    const bucket = await loadBucketOrThrow(trx, ctx, bucketId, 'edit');
    await renameBucket(trx, ctx.actor.orgId, bucket.row.id, name.trim());
    return loadBucketOrThrow(trx, ctx, bucket.row.id, 'see');
  });
}
