// PUT /users/:id/password (admin): an admin sets a new password for another user of the org and tells it to them.
// Every sign-in session of that user is revoked (API tokens stay), and their open reset links. Admins change their
// own password under PUT /me/password, which asks for the current one (403 here). Audited as `user.password.set`.
import type { ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { revokeOpenPasswordResets } from '../../storage/password-reset-queries.ts';
import { revokeUserSessions } from '../../storage/session-queries.ts';
import { updateUserPassword } from '../../storage/user-queries.ts';
import { hashPassword } from '../accounts/passwords.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { asAdmin, requireAdminOrThrow } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { loadUserOrThrow } from './user-guard.ts';

export async function setUserPassword(deps: Deps, ctx: ActorContext, userId: string, password: string): Promise<{ revokedSessions: number }> {
  requireAdminOrThrow(ctx);
  const orgId = ctx.actor.orgId;
  if (userId.toLowerCase() === ctx.actor.userId) {
    throw new AppError('TANDEM_ACCESS_FORBIDDEN', 'Change your own password under /me/password, with your current password');
  }
  const passwordHash = await hashPassword(password);
  return asAdmin(deps, ctx, async (trx) => {
    const user = await loadUserOrThrow(trx, orgId, userId);
    await updateUserPassword(trx, orgId, user.id, passwordHash);
    const revokedSessions = await revokeUserSessions(trx, orgId, user.id, ctx.now);
    const revokedResetLinks = await revokeOpenPasswordResets(trx, orgId, user.id, ctx.now);
    await appendAudit(trx, {
      orgId, actorId: ctx.actor.userId, action: 'user.password.set', targetType: 'user', targetId: user.id,
      after: { revokedSessions, revokedResetLinks }, at: ctx.now,
    });
    return { revokedSessions };
  });
}
