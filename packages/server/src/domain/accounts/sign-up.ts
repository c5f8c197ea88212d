// POST /signup (anyone): a new org whose first user is its admin, signed in at once. Org and user creation are
// audited in the new org's log (actor: the new admin), in the same transaction.
import { AppError } from '../../errors.ts';
import { insertOrg } from '../../storage/org-queries.ts';
import type { OrgRow, UserRow } from '../../storage/rows.ts';
import { insertUser } from '../../storage/user-queries.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { newInboundSecret } from '../inbound/signature.ts';
import { orgSnapshot } from '../org/org-audit.ts';
import { isUniqueViolation } from '../shared/admin-guard.ts';
import type { Deps, Moment } from '../shared/deps.ts';
import { openSession } from './open-session.ts';
import { hashPassword } from './passwords.ts';
import { userSnapshot } from '../users/user-audit.ts';
import { ensureEmailFree, normalizeEmail } from '../users/user-guard.ts';

export type SignupInput = { orgName: string; name: string; email: string; password: string };
export type SignupResult = { org: OrgRow; user: UserRow; token: string };

export async function signUp(deps: Deps, ctx: Moment, input: SignupInput): Promise<SignupResult> {
  await ensureEmailFree(deps.db, input.email);
  const passwordHash = await hashPassword(input.password);
  const now = ctx.now;
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const org = await insertOrg(trx, input.orgName, now, newInboundSecret());
      const user = await insertUser(trx, { orgId: org.id, name: input.name, email: normalizeEmail(input.email), passwordHash, role: 'admin', now });
      await appendAudit(trx, { orgId: org.id, actorId: user.id, action: 'org.create', targetType: 'org', targetId: org.id, after: orgSnapshot(org), at: now });
      await appendAudit(trx, { orgId: org.id, actorId: user.id, action: 'user.create', targetType: 'user', targetId: user.id, after: userSnapshot(user), at: now });
      const { token } = await openSession(trx, org.id, user.id, now);
      return { org, user, token };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('TANDEM_USER_EMAIL_TAKEN');
    throw error;
  }
}
