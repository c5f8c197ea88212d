// POST /users/:id/password-reset (admin): e-mails a user of the org a one-time link (24 hours) to set a new
// password; their earlier open links are revoked. The user keeps their password and sessions until they use it. A
// deactivated user cannot use a link: 409 TANDEM_USER_INACTIVE. Audited as `user.password.resetLink.send`. The
// link is stored before the mail is handed over; a failed hand-over answers `delivery: 'failed'` (send again).
import type { ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { loadUser } from '../../storage/user-queries.ts';
import { passwordResetMail } from '../accounts/account-mail.ts';
import { issueResetLink } from '../accounts/issue-reset-link.ts';
import { ADMIN_RESET_TTL_MS, linkUrl } from '../accounts/one-time-link.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { asAdmin, requireAdminOrThrow } from '../shared/admin-guard.ts';
import type { MailDeps } from '../shared/deps.ts';
import { deliver, type Delivery } from '../shared/mailer.ts';
import { toIso } from '../shared/time.ts';
import { loadUserOrThrow } from './user-guard.ts';

export type SentLink = { delivery: Delivery; expiresAt: number; failure?: unknown };

export async function sendPasswordReset(deps: MailDeps, ctx: ActorContext, userId: string): Promise<SentLink> {
  requireAdminOrThrow(ctx);
  const orgId = ctx.actor.orgId;
  const { user, link, adminName } = await asAdmin(deps, ctx, async (trx) => {
    const target = await loadUserOrThrow(trx, orgId, userId);
    if (target.status !== 'active') throw new AppError('TANDEM_USER_INACTIVE', 'A deactivated user cannot use a reset link; reactivate them first');
    const issued = await issueResetLink(trx, { orgId, userId: target.id }, ctx.actor.userId, ctx.now, ADMIN_RESET_TTL_MS);
    await appendAudit(trx, {
      orgId, actorId: ctx.actor.userId, action: 'user.password.resetLink.send', targetType: 'user', targetId: target.id,
      after: { linkId: issued.id, expiresAt: toIso(issued.expiresAt) }, at: ctx.now,
    });
    const admin = await loadUser(trx, orgId, ctx.actor.userId);
    return { user: target, link: issued, adminName: admin?.name ?? 'An administrator' };
  });
  const mail = passwordResetMail({
    name: user.name, email: user.email, link: linkUrl(deps.publicUrl, 'reset-password', link.token), expiresAt: link.expiresAt, sentByAdmin: adminName,
  });
  return { ...(await deliver(deps.mailer, mail)), expiresAt: link.expiresAt };
}
