// PUT /me/password: a signed-in user changes their own password, giving the current one (403
// TANDEM_ACCOUNT_WRONG_PASSWORD otherwise). Every other sign-in session of the user is revoked, and the one of this
// request is rotated (D46): revoked and replaced by a new session, so a session id that was seen before the change
// (a stolen cookie) stops working with it. API tokens stay (they are managed on their own page). Open reset links
// are revoked too. Audited as `user.password.change` with the number of sessions revoked, never a hash.
import type { ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { lockOrg } from '../../storage/org-queries.ts';
import { revokeOpenPasswordResets } from '../../storage/password-reset-queries.ts';
import { revokeSession, revokeUserSessions } from '../../storage/session-queries.ts';
import { loadUserWithPassword, updateUserPassword } from '../../storage/user-queries.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import type { Deps } from '../shared/deps.ts';
import { checkCurrentPassword } from './current-password.ts';
import { openSession } from './open-session.ts';
import { hashPassword } from './passwords.ts';

export type PasswordChange = { currentPassword: string; newPassword: string };

/**
 * `rotateSessionId`: the sign-in session of this request, replaced by the new session answered as `token`; null
 * when the request came with an API token (nothing to rotate; `token` is null).
 */
export async function changePassword(
  deps: Deps, ctx: ActorContext, input: PasswordChange, rotateSessionId: string | null,
): Promise<{ revokedSessions: number; token: string | null }> {
  const { orgId, userId } = ctx.actor;
  const checked = await checkCurrentPassword(deps.db, ctx, input.currentPassword);
  const passwordHash = await hashPassword(input.newPassword);
  return deps.db.transaction().execute(async (trx) => {
    await lockOrg(trx, orgId);
    const me = await loadUserWithPassword(trx, orgId, userId, { forUpdate: true });
    if (!me || me.status !== 'active') throw new AppError('TANDEM_AUTH_REQUIRED');
    // Changed by another request since it was checked: the current password given may no longer be it.
    if (me.password_hash !== checked.password_hash) throw new AppError('TANDEM_ACCOUNT_WRONG_PASSWORD');
    await updateUserPassword(trx, orgId, userId, passwordHash);
    const revokedSessions = await revokeUserSessions(trx, orgId, userId, ctx.now, rotateSessionId);
    let token: string | null = null;
    if (rotateSessionId !== null) {
      await revokeSession(trx, orgId, rotateSessionId, ctx.now);
      token = (await openSession(trx, orgId, userId, ctx.now)).token;
    }
    const revokedResetLinks = await revokeOpenPasswordResets(trx, orgId, userId, ctx.now);
    await appendAudit(trx, {
      orgId, actorId: userId, action: 'user.password.change', targetType: 'user', targetId: userId,
      after: { revokedSessions, revokedResetLinks }, at: ctx.now,
    });
    return { revokedSessions, token };
  });
}
