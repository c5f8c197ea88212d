// PATCH /me: a signed-in user changes their own name and e-mail. A new e-mail needs the current password (whoever
// holds the e-mail address can reset the password), is unique across all orgs like every e-mail (409
// TANDEM_USER_EMAIL_TAKEN), and revokes the reset links sent to the old one. Audited as `user.profile.change`
// with the changed fields before and after; a change that changes nothing writes no entry.
import type { ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { lockOrg } from '../../storage/org-queries.ts';
import { revokeOpenPasswordResets } from '../../storage/password-reset-queries.ts';
import type { UserRow } from '../../storage/rows.ts';
import { loadUserWithPassword, updateUserProfile } from '../../storage/user-queries.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { isUniqueViolation } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { ensureEmailFree, normalizeEmail } from '../users/user-guard.ts';
import { checkCurrentPassword } from './current-password.ts';

export type ProfilePatch = { name?: string | undefined; email?: string | undefined; currentPassword?: string | undefined };

export async function updateProfile(deps: Deps, ctx: ActorContext, patch: ProfilePatch): Promise<UserRow> {
  const { orgId, userId } = ctx.actor;
  const current = await checkCurrentPassword(deps.db, ctx, null);
  const email = patch.email === undefined ? current.email : normalizeEmail(patch.email);
  const emailChanges = email !== current.email;
  if (emailChanges) {
    if (patch.currentPassword === undefined) throw new AppError('TANDEM_INPUT_INVALID', 'currentPassword: required to change the e-mail');
    await checkCurrentPassword(deps.db, ctx, patch.currentPassword);
    await ensureEmailFree(deps.db, email);
  }
  try {
    return await deps.db.transaction().execute(async (trx) => {
      // The org's lock first, as every audited account write takes it (no lock-order inversion with the admins').
      await lockOrg(trx, orgId);
      const before = await loadUserWithPassword(trx, orgId, userId, { forUpdate: true });
      if (!before || before.status !== 'active') throw new AppError('TANDEM_AUTH_REQUIRED');
      if (emailChanges && before.password_hash !== current.password_hash) throw new AppError('TANDEM_ACCOUNT_WRONG_PASSWORD');
      const name = patch.name ?? before.name;
      const changed = { name: name !== before.name, email: email !== before.email };
      const { password_hash: _hash, ...row } = before;
      if (!changed.name && !changed.email) return row;
      const after = await updateUserProfile(trx, orgId, userId, { name, email });
      const pick = (u: UserRow) => ({ ...(changed.name ? { name: u.name } : {}), ...(changed.email ? { email: u.email } : {}) });
      const revokedResetLinks = changed.email ? await revokeOpenPasswordResets(trx, orgId, userId, ctx.now) : 0;
      await appendAudit(trx, {
        orgId, actorId: userId, action: 'user.profile.change', targetType: 'user', targetId: userId,
        before: pick(before), after: { ...pick(after), ...(changed.email ? { revokedResetLinks } : {}) }, at: ctx.now,
      });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('TANDEM_USER_EMAIL_TAKEN');
    throw error;
  }
}
