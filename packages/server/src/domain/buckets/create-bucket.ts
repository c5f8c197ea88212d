// POST /buckets {name}: a new bucket owned by the caller, private until shared (spec §6.2).
import type { ActorContext } from '@tandem/core';
import { insertBucket } from '../../storage/bucket-queries.ts';
import { loadBucketOrThrow, type BucketView } from './bucket-guard.ts';
import type { Deps } from '../shared/deps.ts';

export async function createBucket(deps: Deps, ctx: ActorContext, name: string): Promise<BucketView> {
  const { db } = deps;
  return db.transaction().execute(async (trx) => {
    const id = await insertBucket(trx, ctx.actor.orgId, ctx.actor.userId, name.trim(), ctx.now);
    return loadBucketOrThrow(trx, ctx, id, 'see');
  });
}
