// The `Idempotency-Key` header, honoured by the routes that create or send (POST /contacts, the history posts): a
// route declares `headers: idempotencyHeaders` and answers through `answerOnce`. The rules are the domain's
// (domain/shared/idempotency.ts); this helper reads the header, fingerprints the request, waits for a first request
// still running, and marks a replayed answer with `Idempotent-Replayed: true`. Later creates and sends (messages
// through real channels, bulk actions) use the same two lines.
import type { ActorContext } from '@tandem/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { claimKey, completeKey, releaseKey, requestFingerprint } from '../domain/shared/idempotency.ts';
import type { Deps } from '../domain/shared/deps.ts';
import { AppError } from '../errors.ts';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';

/** The header of a route that honours it: up to 255 printable ASCII characters (a UUID is typical). */
export const idempotencyHeaders = z.looseObject({
  [IDEMPOTENCY_HEADER]: z.string().min(1).max(255).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces').optional()
    .describe('Any unique string per intended action (a UUID): a repeat of the request with the same key within 24 hours answers the first '
      + 'result again (with `Idempotent-Replayed: true`) instead of acting twice; the same key with a different request answers 409 '
      + 'TANDEM_IDEMPOTENCY_KEY_REUSED, and while the first is still running 409 TANDEM_IDEMPOTENCY_KEY_IN_USE.'),
});

/** How long a repeat waits for the first request with its key to finish, in ms of real time, and how often it looks. */
const WAIT_LIMIT_MS = 5_000;
const WAIT_STEPS_MS = [10, 20, 40, 80, 160, 250];

const sleep = (ms: number) => new Promise<void>((resolve) => { setTimeout(resolve, ms); });

/**
 * Answers `work()` with `status`, once per Idempotency-Key: without the header it simply runs; with it, the first
 * request runs and stores its answer, and a repeat answers that stored answer. A failure of `work` gives the key
 * back and is thrown as it is.
 */
export async function answerOnce<T>(deps: Deps, ctx: ActorContext, request: FastifyRequest, reply: FastifyReply, status: number, work: () => Promise<T>): Promise<T> {
  reply.status(status);
  const key = request.headers[IDEMPOTENCY_HEADER];
  if (typeof key !== 'string') return work();
  const fingerprint = requestFingerprint([request.method, request.routeOptions.url, request.params, request.body]);
  for (let waited = 0, step = 0; ; step += 1) {
    const found = await claimKey(deps, ctx, key, fingerprint);
    if (found.kind === 'claimed') {
      let body: T;
      try {
        body = await work();
      } catch (error) {
        await releaseKey(deps, found);
        throw error;
      }
      await completeKey(deps, found, { status, body });
      return body;
    }
    if (found.kind === 'replay') {
      reply.status(found.answer.status).header(REPLAYED_HEADER, 'true');
      // The body this route answered before, as stored (JSON); the route's response schema serialises it again.
      return found.answer.body as T;
    }
    if (waited >= WAIT_LIMIT_MS) throw new AppError('TANDEM_IDEMPOTENCY_KEY_IN_USE', 'The first request with this Idempotency-Key is still running; ask again in a moment');
    const pause = WAIT_STEPS_MS[Math.min(step, WAIT_STEPS_MS.length - 1)] ?? 250;
    await sleep(pause);
    waited += pause;
  }
}
