// Loads a bucket the caller may see, or answers 404 exactly as for a missing or malformed id; then 403 when the
// caller may see it but not do the asked thing.
import { AppError } from '../../errors.ts';
import { loadBucket, type BucketRow } from '../../storage/bucket-queries.ts';
import type { Db } from '../../storage/connect.ts';
import { computeBucketAccess, type ActorContext, type BucketAccess } from '@tandem/core';

export type BucketView = { row: BucketRow; access: BucketAccess };
export type BucketNeed = 'see' | 'edit' | 'manage';

export function bucketView(ctx: ActorContext, row: BucketRow): BucketView {
  return { row, access: computeBucketAccess(ctx, { id: row.id, orgId: ctx.actor.orgId, ownerId: row.owner_id }) };
}

export async function loadBucketOrThrow(db: Db, ctx: ActorContext, bucketId: string, need: BucketNeed): Promise<BucketView> {
  const row = await loadBucket(db, ctx.actor.orgId, bucketId.toLowerCase());
  const view = row ? bucketView(ctx, row) : null;
  if (!view || view.access.level === 'none') throw new AppError('TANDEM_BUCKET_NOT_FOUND');
  if (need === 'edit' && !view.access.canEdit) throw new AppError('TANDEM_ACCESS_FORBIDDEN', 'Changing this bucket needs edit on it.');
  if (need === 'manage' && !view.access.canManage) throw new AppError('TANDEM_ACCESS_FORBIDDEN', 'Only the bucket owner or an admin may do this.');
  return view;
}
