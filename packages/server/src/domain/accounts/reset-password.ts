// POST /password-resets/complete (anyone holding a link): sets a new password and signs in. A link works once,
// until it expires, while it is the user's newest and the user is active; anything else (a wrong, used, expired or
// revoked link, a deactivated user) answers the same 404 TANDEM_PASSWORD_RESET_NOT_FOUND. Every sign-in session
// of the user is revoked (whoever held one may have known the old password); API tokens stay. Audited as
// `user.password.reset` by the user.
import { AppError } from '../../errors.ts';
import { lockOrg } from '../../storage/org-queries.ts';
import { loadPasswordResetByTokenHash, markPasswordResetUsed, revokeOpenPasswordResets, type PasswordResetByLink } from '../../storage/password-reset-queries.ts';
import type { UserRow } from '../../storage/rows.ts';
import { revokeUserSessions } from '../../storage/session-queries.ts';
import { updateUserPassword } from '../../storage/user-queries.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import type { Deps, Moment } from '../shared/deps.ts';
import { loadUserOrThrow } from '../users/user-guard.ts';
import { linkTokenHash } from './one-time-link.ts';
import { openSession } from './open-session.ts';
import { hashPassword } from './passwords.ts';

const REFUSAL = 'This password reset link is not valid: it is wrong, already used, expired or replaced by a newer one. Ask for a new link.';

function usable(link: PasswordResetByLink | null, now: number): link is PasswordResetByLink {
  return link !== null && link.used_at === null && link.revoked_at === null && link.expires_at.getTime() > now && link.user_status === 'active';
}

export async function resetPassword(deps: Deps, ctx: Moment, input: { token: string; password: string }): Promise<{ token: string; user: UserRow }> {
  const tokenHash = linkTokenHash(input.token);
  // Hashed before the link is looked at: a wrong link costs the same argon2 work as a right one.
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction().execute(async (trx) => {
    // Find the org, take its lock (the order every audited account write follows), then lock and judge the link.
    const found = await loadPasswordResetByTokenHash(trx, tokenHash);
    if (!usable(found, ctx.now)) throw new AppError('TANDEM_PASSWORD_RESET_NOT_FOUND', REFUSAL);
    await lockOrg(trx, found.org_id);
    const link = await loadPasswordResetByTokenHash(trx, tokenHash, { forUpdate: true });
    if (!usable(link, ctx.now)) throw new AppError('TANDEM_PASSWORD_RESET_NOT_FOUND', REFUSAL);
    const { org_id: orgId, user_id: userId } = link;
    await markPasswordResetUsed(trx, orgId, link.id, ctx.now);
    await updateUserPassword(trx, orgId, userId, passwordHash);
    const revokedSessions = await revokeUserSessions(trx, orgId, userId, ctx.now);
    await revokeOpenPasswordResets(trx, orgId, userId, ctx.now);
    await appendAudit(trx, {
      orgId, actorId: userId, action: 'user.password.reset', targetType: 'user', targetId: userId,
      after: { linkId: link.id, revokedSessions }, at: ctx.now,
    });
    const { token } = await openSession(trx, orgId, userId, ctx.now);
    return { token, user: await loadUserOrThrow(trx, orgId, userId) };
  });
}
