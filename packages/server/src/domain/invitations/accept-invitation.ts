// POST /invitations/accept (anyone holding a link): creates the invited user with the password given, in the
// invitation's org with its role, and signs them in (like sign-up). A link works once, until it expires, while not
// revoked; anything else (a wrong, used, expired or revoked link) answers the same 404
// TANDEM_INVITATION_NOT_FOUND. An e-mail taken meanwhile (by another org's user) answers 409
// TANDEM_USER_EMAIL_TAKEN. Audited by the new user as `user.create` (the same snapshot as every user creation) and
// `invitation.accept`, in one transaction.
import { AppError } from '../../errors.ts';
import { loadInvitationByTokenHash, markInvitationAccepted, type InvitationByLink } from '../../storage/invitation-queries.ts';
import { loadOrg, lockOrg } from '../../storage/org-queries.ts';
import type { OrgRow, UserRow } from '../../storage/rows.ts';
import { insertUser } from '../../storage/user-queries.ts';
import { linkTokenHash } from '../accounts/one-time-link.ts';
import { openSession } from '../accounts/open-session.ts';
import { hashPassword } from '../accounts/passwords.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { isUniqueViolation } from '../shared/admin-guard.ts';
import type { Deps, Moment } from '../shared/deps.ts';
import { userSnapshot } from '../users/user-audit.ts';
import { ensureEmailFree } from '../users/user-guard.ts';
import { invitationStatus } from './invitation-audit.ts';

export type Acceptance = { token: string; password: string; name?: string | undefined };

/** The invitation a link names while it can still be accepted; 404 otherwise. */
export function openInvitationOrThrow(found: InvitationByLink | null, now: number): InvitationByLink {
  if (!found || invitationStatus(found, now) !== 'pending') throw new AppError('TANDEM_INVITATION_NOT_FOUND', 'This invitation link is not valid: it is wrong, already used, expired or revoked. Ask for a new invitation.');
  return found;
}

export async function acceptInvitation(deps: Deps, ctx: Moment, input: Acceptance): Promise<{ org: OrgRow; user: UserRow; token: string }> {
  const tokenHash = linkTokenHash(input.token);
  // Hashed before the link is looked at: a wrong link costs the same argon2 work as a right one.
  const passwordHash = await hashPassword(input.password);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const found = openInvitationOrThrow(await loadInvitationByTokenHash(trx, tokenHash), ctx.now);
      // The org's lock first (the order of every audited account write), then the invitation's row.
      await lockOrg(trx, found.org_id);
      const invitation = openInvitationOrThrow(await loadInvitationByTokenHash(trx, tokenHash, { forUpdate: true }), ctx.now);
      const orgId = invitation.org_id;
      await ensureEmailFree(trx, invitation.email);
      const user = await insertUser(trx, { orgId, name: input.name ?? invitation.name, email: invitation.email, passwordHash, role: invitation.role, now: ctx.now });
      await markInvitationAccepted(trx, orgId, invitation.id, user.id, ctx.now);
      await appendAudit(trx, { orgId, actorId: user.id, action: 'user.create', targetType: 'user', targetId: user.id, after: userSnapshot(user), at: ctx.now });
      await appendAudit(trx, {
        orgId, actorId: user.id, action: 'invitation.accept', targetType: 'invitation', targetId: invitation.id,
        after: { userId: user.id, invitedBy: invitation.invited_by }, at: ctx.now,
      });
      const { token } = await openSession(trx, orgId, user.id, ctx.now);
      return { org: await loadOrg(trx, orgId), user, token };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('TANDEM_USER_EMAIL_TAKEN');
    throw error;
  }
}
