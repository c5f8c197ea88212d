// Idempotency keys (Idempotency-Key header): one row per (org, user, key). A request claims the row; the answer of
// the request that claimed it is stored on the row when it succeeds, and released (the row deleted) when it fails.
import { sql } from 'kysely';
import type { Db } from './connect.ts';

export type IdempotencyRow = { request_hash: string; status: number | null; response: unknown; created_at: Date };
export type IdempotencyRef = { orgId: string; userId: string; key: string };

/**
 * Claims the key for a request: inserts the row, or takes over one that is past `replaceBefore` (an expired key), or
 * still unanswered since before `abandonedBefore` (its request died). True when this request now holds the key.
 */
export async function claimIdempotencyKey(
  db: Db, ref: IdempotencyRef, claim: { requestHash: string; now: number; replaceBefore: number; abandonedBefore: number },
): Promise<boolean> {
  const rows = await db.insertInto('idempotency_keys').values({
    org_id: ref.orgId, user_id: ref.userId, key: ref.key, request_hash: claim.requestHash, status: null, response: null,
    created_at: new Date(claim.now),
  }).onConflict((oc) => oc.columns(['org_id', 'user_id', 'key']).doUpdateSet({
    request_hash: claim.requestHash, status: null, response: null, created_at: new Date(claim.now),
  }).where(sql<boolean>`idempotency_keys.created_at <= ${new Date(claim.replaceBefore)}
      OR (idempotency_keys.status IS NULL AND idempotency_keys.created_at <= ${new Date(claim.abandonedBefore)})`))
    .returning('key').execute();
  return rows.length === 1;
}

export async function loadIdempotencyKey(db: Db, ref: IdempotencyRef): Promise<IdempotencyRow | null> {
  const row = await db.selectFrom('idempotency_keys').select(['request_hash', 'status', 'response', 'created_at'])
    .where('org_id', '=', ref.orgId).where('user_id', '=', ref.userId).where('key', '=', ref.key).executeTakeFirst();
  return row ?? null;
}

/** A claim as the claiming request knows it: its request hash and the time it claimed the key at. */
export type IdempotencyClaim = { requestHash: string; claimedAt: number };

/** Stores the answer of the request that holds the key (nothing when another request has taken the key over). */
export async function completeIdempotencyKey(db: Db, ref: IdempotencyRef, claim: IdempotencyClaim, status: number, response: unknown): Promise<void> {
  await db.updateTable('idempotency_keys').set({ status, response: JSON.stringify(response) })
    .where('org_id', '=', ref.orgId).where('user_id', '=', ref.userId).where('key', '=', ref.key)
    .where('request_hash', '=', claim.requestHash).where('created_at', '=', new Date(claim.claimedAt)).where('status', 'is', null).execute();
}

/** Gives the key back after a failed request, so that a retry runs afresh. */
export async function releaseIdempotencyKey(db: Db, ref: IdempotencyRef, claim: IdempotencyClaim): Promise<void> {
  await db.deleteFrom('idempotency_keys')
    .where('org_id', '=', ref.orgId).where('user_id', '=', ref.userId).where('key', '=', ref.key)
    .where('request_hash', '=', claim.requestHash).where('created_at', '=', new Date(claim.claimedAt)).where('status', 'is', null).execute();
}

/** Deletes every key created before `before`, in all orgs; answers how many. */
export async function purgeIdempotencyKeys(db: Db, before: number): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('created_at', '<', new Date(before)).executeTakeFirst();
  return Number(result.numDeletedRows);
}
