// Loads a bucket the caller may see, or answers 404 exactly as for a missing or malformed id; then 403 when the
// caller may see it but not do the asked thing. Every answer is a core decision on a bucket action.
import { AppError } from '../../errors.ts';
import { loadBucket, type BucketRow } from '../../storage/bucket-queries.ts';
import type { Db } from '../../storage/connect.ts';
import { computeBucketAccess, decide, type ActorContext, type BucketAccess, type BucketAction, type BucketFacts } from '@tandem/core';
import { tallyDecision } from '../../observability/access-tally.ts';

export type BucketView = { row: BucketRow; access: BucketAccess };
export type BucketNeed = 'see' | 'edit' | 'manage';

const ACTION: Record<BucketNeed, BucketAction> = { see: 'bucket.view', edit: 'bucket.edit', manage: 'bucket.manage' };
const REFUSAL: Record<BucketNeed, string> = {
  see: 'This bucket is not visible.',
  edit: 'Changing this bucket needs edit on it.',
  manage: 'Only the bucket owner or an admin may do this.',
};

/** A bucket row as core facts: storage reads buckets of the caller's org only. */
export function bucketFacts(ctx: ActorContext, row: BucketRow): BucketFacts {
  return { id: row.id, orgId: ctx.actor.orgId, ownerId: row.owner_id };
}

export function bucketView(ctx: ActorContext, row: BucketRow): BucketView {
  return { row, access: computeBucketAccess(ctx, bucketFacts(ctx, row)) };
}

export async function loadBucketOrThrow(db: Db, ctx: ActorContext, bucketId: string, need: BucketNeed): Promise<BucketView> {
  const row = await loadBucket(db, ctx.actor.orgId, bucketId.toLowerCase());
  const decision = row ? tallyDecision(ACTION[need], decide(ctx, ACTION[need], bucketFacts(ctx, row))) : null;
  if (!row || !decision?.visible) throw new AppError('TANDEM_BUCKET_NOT_FOUND');
  if (!decision.allowed) throw new AppError('TANDEM_ACCESS_FORBIDDEN', REFUSAL[need]);
  return bucketView(ctx, row);
}
