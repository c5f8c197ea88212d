// POST /sessions: e-mail and password in, a session out. A wrong e-mail, a wrong password and a deactivated user
// get the same 401 TANDEM_AUTH_INVALID_CREDENTIALS after the same argon2 work, so the answer tells nothing.
// Lockout (D46): wrong sign-ins are counted per e-mail typed, known or not; `signInLock.max` of them within the
// window pause sign-in for that e-mail (429 TANDEM_AUTH_LOCKED, even with the right password) until the lock ends or
// an admin lifts it. The lock is checked before the user is looked up, so a locked unknown e-mail answers exactly
// like a locked account. A right password clears the count.
import { AppError } from '../../errors.ts';
import { clearSignInFailures, loadSignInLock, recordSignInFailure } from '../../storage/attempt-queries.ts';
import type { UserRow } from '../../storage/rows.ts';
import { loadUserByEmail, type SignInCandidate } from '../../storage/user-queries.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import type { Deps, Moment } from '../shared/deps.ts';
import { secondsUntil, type SignInLockPolicy } from './attempt-limits.ts';
import { openSession } from './open-session.ts';
import { verifyPassword } from './passwords.ts';
import { normalizeEmail } from '../users/user-guard.ts';

export type SignInDeps = Deps & { signInLock: SignInLockPolicy };

/** The 429 of a locked e-mail: when it may try again, in words and in `retryAfterSeconds` (the route sets Retry-After). */
export function lockedError(lockedUntil: number, now: number): AppError {
  const seconds = secondsUntil(lockedUntil, now);
  const minutes = Math.ceil(seconds / 60);
  return new AppError('TANDEM_AUTH_LOCKED', `Too many wrong passwords for this e-mail. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or ask an admin to unlock the account.`, {
    retryAfterSeconds: seconds, lockedUntil: new Date(lockedUntil).toISOString(),
  });
}

export async function signIn(deps: SignInDeps, ctx: Moment, input: { email: string; password: string }): Promise<{ token: string; user: UserRow }> {
  const email = normalizeEmail(input.email);
  const lockedUntil = await loadSignInLock(deps.db, email, ctx.now);
  if (lockedUntil !== null) throw lockedError(lockedUntil, ctx.now);
  const found = await loadUserByEmail(deps.db, email);
  const passwordOk = await verifyPassword(found?.password_hash ?? null, input.password);
  if (!found || !passwordOk || found.status !== 'active') {
    await countFailure(deps, ctx, email, found);
    throw new AppError('TANDEM_AUTH_INVALID_CREDENTIALS');
  }
  await clearSignInFailures(deps.db, email, ctx.now);
  const { token } = await openSession(deps.db, found.org_id, found.id, ctx.now);
  const { org_id: _org, password_hash: _hash, ...user } = found;
  return { token, user };
}

/** Counts the wrong sign-in; the one that locks a known account is audited as `user.lock` in its org (no actor). */
async function countFailure(deps: SignInDeps, ctx: Moment, email: string, found: SignInCandidate | null): Promise<void> {
  const policy = deps.signInLock;
  const counted = await recordSignInFailure(deps.db, email, ctx.now, policy);
  if (counted.failures !== policy.max || counted.lockedUntil === null || !found) return;
  const lockedUntil = counted.lockedUntil;
  await deps.db.transaction().execute((trx) => appendAudit(trx, {
    orgId: found.org_id, actorId: null, action: 'user.lock', targetType: 'user', targetId: found.id,
    after: { lockedUntil: new Date(lockedUntil).toISOString(), failures: counted.failures, windowMinutes: policy.windowMs / 60_000 }, at: ctx.now,
  }));
}
