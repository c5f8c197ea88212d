// Audit entries and snapshots for bucket changes: shares, memberships and deletion (spec §10; putting a contact
// into a shared bucket is sharing it, so memberships are logged too).
import { levelFromRank, type ActorContext } from '@tandem/core';
import type { BucketShareRow } from '../../storage/bucket-queries.ts';
import type { Db } from '../../storage/connect.ts';
import { appendAudit } from '../audit/audit-chain.ts';

const iso = (d: Date | null): string | null => (d === null ? null : new Date(d).toISOString());

export function bucketShareSnapshot(row: BucketShareRow) {
  return {
    id: row.id,
    bucketId: row.bucket_id,
    grantee: row.grantee_user_id ? { userId: row.grantee_user_id } : { teamId: row.grantee_team_id },
    level: levelFromRank(row.level),
    startsAt: iso(row.starts_at),
    expiresAt: iso(row.expires_at),
    createdBy: row.created_by,
  };
}

export async function auditBucketChange(trx: Db, ctx: ActorContext, action: string, bucketId: string, before: unknown, after: unknown): Promise<void> {
  await appendAudit(trx, {
    orgId: ctx.actor.orgId, actorId: ctx.actor.userId, action, targetType: 'bucket', targetId: bucketId, before, after, at: ctx.now,
  });
}
