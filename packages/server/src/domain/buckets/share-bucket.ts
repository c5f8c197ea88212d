// Bucket shares (spec §6.2): the owner or an admin lists them, shares the bucket with users or teams at `view`,
// `collaborate` or `edit` with an optional window, changes a share's level and window, and revokes them. Every
// change is audited; one that changes nothing answers the share and writes no entry.
import type { ActorContext, Grantee, ShareLevel } from '@tandem/core';
import { isDeepStrictEqual } from 'node:util';
import { AppError } from '../../errors.ts';
import {
  deleteBucketShare, insertBucketShare, listBucketShares, loadBucketShare, lockBucketShare, updateBucketShareRow, type BucketShareRow,
} from '../../storage/bucket-queries.ts';
import { auditBucketChange } from './bucket-audit.ts';
import { loadBucketOrThrow } from './bucket-guard.ts';
import { assertGranteeInOrg } from '../shares/share-guard.ts';
import { shareLevelOf, shareSnapshot } from '../shares/share-snapshot.ts';
import { assertWindow } from '../shared/time.ts';
import type { Deps } from '../shared/deps.ts';

export type NewBucketShare = { grantee: Grantee; level: ShareLevel; startsAt?: string | null; expiresAt?: string | null };
export type BucketSharePatch = { level?: ShareLevel | undefined; startsAt?: string | null | undefined; expiresAt?: string | null | undefined };

const dateOf = (value: string | null | undefined): Date | null => (value ? new Date(value) : null);
/** A patched bound: left out keeps the current one, null opens it. */
const pick = (value: string | null | undefined, current: Date | null): Date | null => (value === undefined ? current : dateOf(value));

export async function listSharesOfBucket(deps: Deps, ctx: ActorContext, bucketId: string): Promise<BucketShareRow[]> {
  const { db } = deps;
  const bucket = await loadBucketOrThrow(db, ctx, bucketId, 'manage');
  return listBucketShares(db, ctx.actor.orgId, bucket.row.id);
}

export async function shareBucket(deps: Deps, ctx: ActorContext, bucketId: string, input: NewBucketShare): Promise<BucketShareRow> {
  const { db } = deps;
  return db.transaction().execute(async (trx) => {
    const bucket = await loadBucketOrThrow(trx, ctx, bucketId, 'manage');
    const grantee = await assertGranteeInOrg(trx, ctx.actor.orgId, input.grantee, null);
    const window = { startsAt: dateOf(input.startsAt), expiresAt: dateOf(input.expiresAt) };
    assertWindow(window, ctx.now);
    const id = await insertBucketShare(trx, ctx.actor.orgId, bucket.row.id, { grantee, level: input.level, ...window }, ctx.actor.userId, ctx.now);
    const share = await loadBucketShare(trx, ctx.actor.orgId, bucket.row.id, id);
    if (!share) throw new AppError('TANDEM_SHARE_NOT_FOUND');
    await auditBucketChange(trx, ctx, 'bucket.share.create', bucket.row.id, null, shareSnapshot(share));
    return share;
  });
}

export async function revokeBucketShare(deps: Deps, ctx: ActorContext, bucketId: string, shareId: string): Promise<void> {
  const { db } = deps;
  await db.transaction().execute(async (trx) => {
    const bucket = await loadBucketOrThrow(trx, ctx, bucketId, 'manage');
    // Locked: of racing revocations one wins; the others wait, find it gone and answer 404.
    const share = await lockBucketShare(trx, ctx.actor.orgId, bucket.row.id, shareId.toLowerCase());
    if (!share) throw new AppError('TANDEM_SHARE_NOT_FOUND');
    await deleteBucketShare(trx, ctx.actor.orgId, share.id);
    await auditBucketChange(trx, ctx, 'bucket.share.revoke', bucket.row.id, shareSnapshot(share), null);
  });
}

/**
 * PATCH /buckets/:id/shares/:shareId: the level and window of a bucket share, under the rule that made it (owner or
 * admin: `bucket.manage`). The share's row is locked first, so racing changes apply one after the other (or answer
 * 404 once it is revoked). The window rule is checked only when the patch names a bound.
 */
export async function updateBucketShare(deps: Deps, ctx: ActorContext, bucketId: string, shareId: string, patch: BucketSharePatch): Promise<BucketShareRow> {
  const { db } = deps;
  return db.transaction().execute(async (trx) => {
    const bucket = await loadBucketOrThrow(trx, ctx, bucketId, 'manage');
    const before = await lockBucketShare(trx, ctx.actor.orgId, bucket.row.id, shareId.toLowerCase());
    if (!before) throw new AppError('TANDEM_SHARE_NOT_FOUND');
    const window = { startsAt: pick(patch.startsAt, before.starts_at), expiresAt: pick(patch.expiresAt, before.expires_at) };
    if (patch.startsAt !== undefined || patch.expiresAt !== undefined) assertWindow(window, ctx.now);
    await updateBucketShareRow(trx, ctx.actor.orgId, before.id, { level: patch.level ?? shareLevelOf(before.level), ...window });
    const after = await loadBucketShare(trx, ctx.actor.orgId, bucket.row.id, before.id);
    if (!after) throw new AppError('TANDEM_SHARE_NOT_FOUND');
    const [beforeSnapshot, afterSnapshot] = [shareSnapshot(before), shareSnapshot(after)];
    if (!isDeepStrictEqual(beforeSnapshot, afterSnapshot)) {
      await auditBucketChange(trx, ctx, 'bucket.share.update', bucket.row.id, beforeSnapshot, afterSnapshot);
    }
    return after;
  });
}
