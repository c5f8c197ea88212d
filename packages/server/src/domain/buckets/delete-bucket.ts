// DELETE /buckets/:id: the owner or an admin (spec §6.2). Its memberships and shares go with it; the contacts are
// untouched. Audited with the bucket and its shares as `before`.
import type { ActorContext } from '@tandem/core';
import { deleteBucketRow, listBucketShares } from '../../storage/bucket-queries.ts';
import { shareSnapshot } from '../shares/share-snapshot.ts';
import { auditBucketChange } from './bucket-audit.ts';
import { loadBucketOrThrow } from './bucket-guard.ts';
import type { Deps } from '../shared/deps.ts';

export async function deleteBucket(deps: Deps, ctx: ActorContext, bucketId: string): Promise<void> {
  const { db } = deps;
  await db.transaction().execute(async (trx) => {
    const bucket = await loadBucketOrThrow(trx, ctx, bucketId, 'manage');
    const shares = await listBucketShares(trx, ctx.actor.orgId, bucket.row.id);
    await deleteBucketRow(trx, ctx.actor.orgId, bucket.row.id);
    await auditBucketChange(trx, ctx, 'bucket.delete', bucket.row.id, {
      name: bucket.row.name, ownerId: bucket.row.owner_id, contactCount: bucket.row.contact_count, shares: shares.map(shareSnapshot),
    }, null);
  });
}
