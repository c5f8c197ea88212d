// POST /users (admin): a new user of the admin's org, audited as `user.create` in the same transaction.
import type { ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import type { UserRow } from '../../storage/rows.ts';
import { insertUser } from '../../storage/user-queries.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { asAdmin, isUniqueViolation, requireAdminOrThrow } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { hashPassword } from '../accounts/passwords.ts';
import { userSnapshot } from './user-audit.ts';
import { ensureEmailFree, normalizeEmail } from './user-guard.ts';

export type NewUser = { name: string; email: string; password: string; role: 'admin' | 'member' };

export async function createUser(deps: Deps, ctx: ActorContext, input: NewUser): Promise<UserRow> {
  requireAdminOrThrow(ctx);
  const orgId = ctx.actor.orgId;
  await ensureEmailFree(deps.db, input.email);
  const passwordHash = await hashPassword(input.password);
  try {
    return await asAdmin(deps, ctx, async (trx) => {
      const user = await insertUser(trx, { orgId, name: input.name, email: normalizeEmail(input.email), passwordHash, role: input.role, now: ctx.now });
      await appendAudit(trx, {
        orgId, actorId: ctx.actor.userId, action: 'user.create', targetType: 'user', targetId: user.id,
        after: userSnapshot(user), at: ctx.now,
      });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('TANDEM_USER_EMAIL_TAKEN');
    throw error;
  }
}
