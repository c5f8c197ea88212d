// Audit entries and snapshots for bucket changes: shares, memberships and deletion (spec §10; putting a contact
// into a shared bucket is sharing it, so memberships are logged too).
// A bucket share's snapshot is the one every share has (domain/shares/share-snapshot.ts).
import type { ActorContext } from '@tandem/core';
import type { Db } from '../../storage/connect.ts';
import { appendAudit } from '../audit/audit-chain.ts';

export async function auditBucketChange(trx: Db, ctx: ActorContext, action: string, bucketId: string, before: unknown, after: unknown): Promise<void> {
  await appendAudit(trx, {
    orgId: ctx.actor.orgId, actorId: ctx.actor.userId, action, targetType: 'bucket', targetId: bucketId, before, after, at: ctx.now,
  });
}
