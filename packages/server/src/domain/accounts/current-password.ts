// The caller's own row and password hash, and the check of a current password (profile and password changes).
// Hashing and verifying run outside any transaction: argon2 takes tens of milliseconds, no lock is held meanwhile;
// the writer then re-reads the hash under its lock and refuses when it changed in between.
import type { ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import type { Db } from '../../storage/connect.ts';
import type { UserRow } from '../../storage/rows.ts';
import { loadUserWithPassword } from '../../storage/user-queries.ts';
import { verifyPassword } from './passwords.ts';

/**
 * The caller's row with its password hash; with `password` also checks it (403 TANDEM_ACCOUNT_WRONG_PASSWORD). A
 * caller who is gone or deactivated is not signed in (401).
 */
export async function checkCurrentPassword(db: Db, ctx: ActorContext, password: string | null): Promise<UserRow & { password_hash: string }> {
  const me = await loadUserWithPassword(db, ctx.actor.orgId, ctx.actor.userId);
  if (!me || me.status !== 'active') throw new AppError('TANDEM_AUTH_REQUIRED');
  if (password !== null && !(await verifyPassword(me.password_hash, password))) throw new AppError('TANDEM_ACCOUNT_WRONG_PASSWORD');
  return me;
}
