// Who may see and change a bucket (spec §6.2), decided from the caller's facts. The contacts a bucket gives access
// to are the `bucket_share` rule in rules.ts; this file is about the bucket itself.
//   - the owner holds `owner`; an active bucket share gives its level; an admin sees every bucket (`profile`);
//   - `canEdit` (rename, add and remove contacts): the owner or an `edit` share;
//   - `canManage` (share, unshare, delete): the owner or an admin.
// A deactivated caller, or a bucket of another org, gives `none`: the bucket is absent (404).
import type { ActorContext } from './facts.ts';
import { isAtLeast, maxLevel, type Level } from './levels.ts';
import { activeBucketShares } from './rules.ts';

export type BucketFacts = { id: string; orgId: string; ownerId: string };
export type BucketAccess = { level: Level; canEdit: boolean; canManage: boolean };

export function computeBucketAccess(ctx: ActorContext, bucket: BucketFacts): BucketAccess {
  const { actor } = ctx;
  if (bucket.orgId !== actor.orgId || actor.status !== 'active') return { level: 'none', canEdit: false, canManage: false };
  const levels: Level[] = activeBucketShares(ctx).filter((s) => s.bucketId === bucket.id).map((s) => s.level);
  const isOwner = bucket.ownerId === actor.userId;
  if (isOwner) levels.push('owner');
  if (actor.role === 'admin') levels.push('profile');
  const level = maxLevel(levels);
  return { level, canEdit: isAtLeast(level, 'edit'), canManage: isOwner || actor.role === 'admin' };
}

/** The bucket ids the caller holds an active share of: with the buckets they own, all a member may see. */
export function sharedBucketIds(ctx: ActorContext): string[] {
  return [...new Set(activeBucketShares(ctx).map((s) => s.bucketId))];
}
