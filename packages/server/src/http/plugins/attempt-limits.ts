// Rate limits on the public account endpoints (D46) with @fastify/rate-limit: each limited route counts one attempt
// per client address and one per account (the e-mail named, or the link's hash) in the database-backed store, so
// the counts hold across nodes. Over either limit: 429 TANDEM_RATE_LIMITED with `Retry-After`. Both counts are kept
// whatever the answer, and an e-mail is counted whether or not it belongs to anyone, so throttling tells nothing
// about which accounts exist.
import { createHash } from 'node:crypto';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { counterKey, DEFAULT_ATTEMPT_LIMITS, type AttemptLimits, type LimitedAction } from '../../domain/accounts/attempt-limits.ts';
import { normalizeEmail } from '../../domain/users/user-guard.ts';
import { AppError } from '../../errors.ts';
import type { AppDeps } from '../deps.ts';
import { databaseStore } from './attempt-store.ts';

export const attemptLimitsPlugin = fp<{ deps: AppDeps }>(async (app, { deps }) => {
  // global: false — only the routes that ask (limitAttempts) are limited; the store is the database's.
  await app.register(rateLimit, { global: false, store: databaseStore(deps.db, deps.clock) });
});

export function attemptLimitsOf(deps: Pick<AppDeps, 'attemptLimits'>): AttemptLimits {
  return deps.attemptLimits ?? DEFAULT_ATTEMPT_LIMITS;
}

/** What names the account in a body: an e-mail (normalised as users' e-mails are) or a link token (hashed). */
function accountKeyOf(request: FastifyRequest, field: 'email' | 'token'): string {
  const value = (request.body as Record<string, unknown> | undefined)?.[field];
  const text = typeof value === 'string' ? value : '';
  return field === 'email' ? `email:${normalizeEmail(text)}` : `link:${createHash('sha256').update(text).digest('hex')}`;
}

/** `Retry-After` from a 429 problem's `retryAfterSeconds`; the error is handed back to be thrown. */
export function withRetryAfter(reply: FastifyReply, error: unknown): unknown {
  const seconds = error instanceof AppError ? error.extra?.retryAfterSeconds : undefined;
  if (typeof seconds === 'number') reply.header('retry-after', String(seconds));
  return error;
}

/**
 * A preHandler (after validation, so the body is read) counting one attempt at `action` from the request's address
 * and for the account its body names in `field`.
 */
export function limitAttempts(app: FastifyInstance, deps: AppDeps, action: LimitedAction, field: 'email' | 'token') {
  const limits = attemptLimitsOf(deps).actions[action];
  const byAddress = app.createRateLimit({
    max: limits.perAddress.max, timeWindow: limits.perAddress.windowMs, keyGenerator: (request) => counterKey(action, 'address', normalizeIP(request.ip)),
  });
  const byAccount = app.createRateLimit({
    max: limits.perAccount.max, timeWindow: limits.perAccount.windowMs, keyGenerator: (request) => counterKey(action, 'account', accountKeyOf(request, field)),
  });
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const counts = [await byAddress(request), await byAccount(request)];
    const waits = counts.flatMap((c) => (!c.isAllowed && c.isExceeded ? [Math.max(1, c.ttlInSeconds)] : []));
    if (waits.length === 0) return;
    const seconds = Math.max(...waits);
    const minutes = Math.ceil(seconds / 60);
    throw withRetryAfter(reply, new AppError('TANDEM_RATE_LIMITED', `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, {
      retryAfterSeconds: seconds,
    }));
  };
}
