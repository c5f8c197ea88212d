// POST /invitations (admin): invites someone by e-mail to join the org with a name and a role. The link (7 days,
// single use) is e-mailed; only its hash is stored. Inviting an e-mail that already has an open invitation in the
// org revokes that one (its link stops working) and sends a new link: that is how an invitation is sent again. An
// e-mail that a user of any org already has is refused (409 TANDEM_USER_EMAIL_TAKEN). Audited as
// `invitation.create` (and `invitation.revoke` for the one replaced). A failed hand-over of the mail leaves the
// invitation open and answers `delivery: 'failed'`.
import type { ActorContext } from '@tandem/core';
import { insertInvitation, revokeOpenInvitationOf, type InvitationRow } from '../../storage/invitation-queries.ts';
import { loadOrg } from '../../storage/org-queries.ts';
import { loadUser } from '../../storage/user-queries.ts';
import { invitationMail } from '../accounts/account-mail.ts';
import { INVITATION_TTL_MS, linkUrl, newLinkToken } from '../accounts/one-time-link.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { asAdmin, requireAdminOrThrow } from '../shared/admin-guard.ts';
import type { MailDeps } from '../shared/deps.ts';
import { deliver, type Delivery } from '../shared/mailer.ts';
import { ensureEmailFree, normalizeEmail } from '../users/user-guard.ts';
import { invitationSnapshot } from './invitation-audit.ts';

export type NewInvitation = { name: string; email: string; role: 'admin' | 'member' };
export type SentInvitation = { invitation: InvitationRow; delivery: Delivery; failure?: unknown };

export async function inviteUser(deps: MailDeps, ctx: ActorContext, input: NewInvitation): Promise<SentInvitation> {
  requireAdminOrThrow(ctx);
  const { orgId, userId } = ctx.actor;
  const email = normalizeEmail(input.email);
  await ensureEmailFree(deps.db, email);
  const { token, hash } = newLinkToken();
  const expiresAt = ctx.now + INVITATION_TTL_MS;
  const sent = await asAdmin(deps, ctx, async (trx) => {
    const replaced = await revokeOpenInvitationOf(trx, orgId, email, ctx.now);
    const invitation = await insertInvitation(trx, { orgId, email, name: input.name, role: input.role, tokenHash: hash, invitedBy: userId, now: ctx.now, expiresAt });
    if (replaced) {
      await appendAudit(trx, {
        orgId, actorId: userId, action: 'invitation.revoke', targetType: 'invitation', targetId: replaced.id,
        before: invitationSnapshot(replaced), after: { replacedBy: invitation.id }, at: ctx.now,
      });
    }
    await appendAudit(trx, {
      orgId, actorId: userId, action: 'invitation.create', targetType: 'invitation', targetId: invitation.id,
      after: invitationSnapshot(invitation), at: ctx.now,
    });
    const [org, inviter] = [await loadOrg(trx, orgId), await loadUser(trx, orgId, userId)];
    return { invitation, orgName: org.name, inviterName: inviter?.name ?? 'An administrator' };
  });
  const mail = invitationMail({
    name: input.name, email, orgName: sent.orgName, inviterName: sent.inviterName,
    link: linkUrl(deps.publicUrl, 'accept-invitation', token), expiresAt,
  });
  return { invitation: sent.invitation, ...(await deliver(deps.mailer, mail)) };
}
