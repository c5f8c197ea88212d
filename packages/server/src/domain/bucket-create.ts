// POST /buckets {name}: a new bucket owned by the caller, private until shared (spec §6.2).
import type { ActorContext } from '@tandem/core';
import { insertBucket } from '../storage/bucket-queries.ts';
import type { Db } from '../storage/connect.ts';
import { loadBucketOrThrow, type BucketView } from './bucket-guard.ts';

export async function createBucket(db: Db, ctx: ActorContext, name: string): Promise<BucketView> {
  return db.transaction().execute(async (trx) => {
    const id = await insertBucket(trx, ctx.actor.orgId, ctx.actor.userId, name.trim(), ctx.now);
    return loadBucketOrThrow(trx, ctx, id, 'see');
  });
}
