// Idempotency keys: the same `Idempotency-Key` from the same user within 24 hours answers the first result again
// instead of doing the work twice (a double click, a retry after a lost answer). The rules, whatever the endpoint:
//   - the key is the caller's own (org and user); the request is fingerprinted (method, route, path parameters and
//     the validated body), and the same key with another fingerprint is 409 TANDEM_IDEMPOTENCY_KEY_REUSED;
//   - the first request claims the key; when it succeeds its status and answer are stored, when it fails the key is
//     given back, so the retry of a refused request runs again (and is judged afresh);
//   - a repeat while the first is still running is told to wait (`busy`): the HTTP helper waits a little and asks
//     again, then answers 409 TANDEM_IDEMPOTENCY_KEY_IN_USE;
//   - after 24 hours (ctx.now) the key is new again; a claim left unanswered for 2 minutes (its request died) can be
//     taken over. The purge job deletes keys older than 24 hours.
import { createHash } from 'node:crypto';
import type { ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import {
  claimIdempotencyKey, completeIdempotencyKey, loadIdempotencyKey, purgeIdempotencyKeys, releaseIdempotencyKey,
  type IdempotencyClaim, type IdempotencyRef,
} from '../../storage/idempotency-queries.ts';
import { canonicalJson } from '../audit/audit-chain.ts';
import type { Deps } from './deps.ts';

/** How long a key answers its first result. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** A claim unanswered for this long belongs to a request that died; another may take the key. */
export const IDEMPOTENCY_ABANDONED_MS = 2 * 60 * 1000;

/** A stored answer: the HTTP status and the body the route answered. */
export type StoredAnswer = { status: number; body: unknown };

export type Claimed = { kind: 'claimed'; ref: IdempotencyRef; claim: IdempotencyClaim };
export type KeyStep = Claimed | { kind: 'replay'; answer: StoredAnswer } | { kind: 'busy' };

/** The fingerprint of a request: SHA-256 of its parts as canonical JSON (key order does not matter). */
export function requestFingerprint(parts: unknown): string {
  return createHash('sha256').update(canonicalJson(parts)).digest('hex');
}

/** Claims the key for this request, or finds the stored answer to replay, or finds the first request still running. */
export async function claimKey(deps: Deps, ctx: ActorContext, key: string, requestHash: string): Promise<KeyStep> {
  const ref = { orgId: ctx.actor.orgId, userId: ctx.actor.userId, key };
  const claimed = await claimIdempotencyKey(deps.db, ref, {
    requestHash, now: ctx.now, replaceBefore: ctx.now - IDEMPOTENCY_WINDOW_MS, abandonedBefore: ctx.now - IDEMPOTENCY_ABANDONED_MS,
  });
  if (claimed) return { kind: 'claimed', ref, claim: { requestHash, claimedAt: ctx.now } };
  const row = await loadIdempotencyKey(deps.db, ref);
  if (row === null) return { kind: 'busy' }; // given back between the two statements: ask again
  if (row.request_hash !== requestHash) throw new AppError('TANDEM_IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was sent with a different request; use a new key for a new request');
  if (row.status === null) return { kind: 'busy' };
  return { kind: 'replay', answer: { status: row.status, body: row.response } };
}

export async function completeKey(deps: Deps, claimed: Claimed, answer: StoredAnswer): Promise<void> {
  await completeIdempotencyKey(deps.db, claimed.ref, claimed.claim, answer.status, answer.body);
}

export async function releaseKey(deps: Deps, claimed: Claimed): Promise<void> {
  await releaseIdempotencyKey(deps.db, claimed.ref, claimed.claim);
}

/** The purge job's body: keys past their 24 hours. */
export async function purgeExpiredIdempotencyKeys(deps: Deps, now: number): Promise<number> {
  return purgeIdempotencyKeys(deps.db, now - IDEMPOTENCY_WINDOW_MS);
}
