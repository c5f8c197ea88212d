// Sign-in locks as admins see and lift them (D46). A lock belongs to an e-mail (domain/accounts/sign-in.ts); an
// admin sees it on the user of that e-mail in their org and may lift it early: POST /users/:id/unlock clears the
// e-mail's wrong-sign-in count and its per-account sign-in counter, audited as `user.unlock` (even when it was not
// locked: the admin's act is the record). A user of another org, or none, is 404 as everywhere.
import { canManageOrg, type ActorContext } from '@tandem/core';
import { clearAttempts, clearSignInFailures, loadSignInLocks } from '../../storage/attempt-queries.ts';
import type { UserRow } from '../../storage/rows.ts';
import { counterKey } from '../accounts/attempt-limits.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { asAdmin } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { loadUserOrThrow, normalizeEmail } from './user-guard.ts';

/** When each listed user's sign-in lock ends, by user id; only admins learn of locks (empty for anyone else). */
export async function signInLocksOf(deps: Deps, ctx: ActorContext, users: readonly UserRow[]): Promise<Map<string, number>> {
  if (!canManageOrg(ctx) || users.length === 0) return new Map();
  const byEmail = await loadSignInLocks(deps.db, users.map((u) => normalizeEmail(u.email)), ctx.now);
  return new Map(users.flatMap((u) => {
    const until = byEmail.get(normalizeEmail(u.email));
    return until === undefined ? [] : [[u.id, until] as const];
  }));
}

export async function unlockUser(deps: Deps, ctx: ActorContext, userId: string): Promise<UserRow> {
  const orgId = ctx.actor.orgId;
  return asAdmin(deps, ctx, async (trx) => {
    const user = await loadUserOrThrow(trx, orgId, userId);
    const email = normalizeEmail(user.email);
    const wasLockedUntil = await clearSignInFailures(trx, email, ctx.now);
    await clearAttempts(trx, [counterKey('signIn', 'account', `email:${email}`)]);
    await appendAudit(trx, {
      orgId, actorId: ctx.actor.userId, action: 'user.unlock', targetType: 'user', targetId: user.id,
      before: { lockedUntil: wasLockedUntil === null ? null : new Date(wasLockedUntil).toISOString() }, after: { lockedUntil: null }, at: ctx.now,
    });
    return user;
  });
}
