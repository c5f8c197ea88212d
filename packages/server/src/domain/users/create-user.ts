// POST /users (admin): a new user of the admin's org, audited as `user.create` in the same transaction.
import type { ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { USER_COLUMNS, serializeUser, type UserRow } from '../../http/serializers/user.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { isUniqueViolation, lockOrgAsAdmin, requireAdminOrThrow } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { hashPassword } from '../accounts/passwords.ts';
import { ensureEmailFree, normalizeEmail } from './user-guard.ts';

export type NewUser = { name: string; email: string; password: string; role: 'admin' | 'member' };

export async function createUser(deps: Deps, ctx: ActorContext, input: NewUser): Promise<UserRow> {
  requireAdminOrThrow(ctx);
  const orgId = ctx.actor.orgId;
  await ensureEmailFree(deps.db, input.email);
  const passwordHash = await hashPassword(input.password);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      await lockOrgAsAdmin(trx, ctx);
      const user = await trx.insertInto('users').values({
        org_id: orgId, name: input.name, email: normalizeEmail(input.email), password_hash: passwordHash, role: input.role,
        created_at: new Date(ctx.now),
      }).returning(USER_COLUMNS).executeTakeFirstOrThrow();
      await appendAudit(trx, {
        orgId, actorId: ctx.actor.userId, action: 'user.create', targetType: 'user', targetId: user.id,
        after: serializeUser(user), at: ctx.now,
      });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('TANDEM_USER_EMAIL_TAKEN');
    throw error;
  }
}
