// The bucket itself (spec §6.2) is a resource of the core: its rules are `bucketRules` (rules.ts), its actions
// `bucket.view | bucket.edit | bucket.manage` (actions.ts). This file keeps the summary the server shows:
//   - the owner holds `owner`; an active bucket share gives its level; an admin sees every bucket (`profile`);
//   - `canEdit` (rename, add and remove contacts): `bucket.edit`, the owner or an `edit` share;
//   - `canManage` (share, unshare, delete): `bucket.manage`, the owner or an admin.
// A deactivated caller, or a bucket of another org, gives `none`: the bucket is absent (404).
// The contacts a bucket gives access to are the `bucket_share` rule of contactRules.
import { allowedActionsOn, computeLevelOn } from './decide.ts';
import type { ActorContext, BucketFacts } from './facts.ts';
import type { Level } from './levels.ts';
import { activeBucketShares } from './rules.ts';

export type { BucketFacts } from './facts.ts';
export type BucketAccess = { level: Level; canEdit: boolean; canManage: boolean };

export function computeBucketAccess(ctx: ActorContext, bucket: BucketFacts): BucketAccess {
  const actions = allowedActionsOn(ctx, 'bucket', bucket);
  return {
    level: computeLevelOn(ctx, 'bucket', bucket), canEdit: actions.includes('bucket.edit'), canManage: actions.includes('bucket.manage'),
  };
}

/** The bucket ids the caller holds an active share of. */
export function sharedBucketIds(ctx: ActorContext): string[] {
  return [...new Set(activeBucketShares(ctx).map((s) => s.bucketId))];
}
