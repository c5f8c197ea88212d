// The admin check of the account and administration use cases, and the one way they write: `asAdmin` opens the
// transaction, takes the org's write lock and re-reads the caller. Every permission decision about contacts lives
// in @tandem/core; the admin rule itself (spec §8) is core's `canManageOrg`.
import { canManageOrg, type ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import type { Db } from '../../storage/connect.ts';
import { lockOrg } from '../../storage/org-queries.ts';
import { loadUserStanding } from '../../storage/user-queries.ts';
import type { Deps } from './deps.ts';

/** Org administration (users, teams, switches, grants, branding, audit) is for active admins only. */
export function requireAdminOrThrow(ctx: ActorContext): void {
  if (!canManageOrg(ctx)) throw new AppError('TANDEM_ACCESS_ADMIN_ONLY');
}

/**
 * Takes the org's write lock (the same lock `appendAudit` takes, so no new lock order), then re-reads the caller: an
 * admin demoted or deactivated by a write that committed while this request was on its way may no longer act (spec
 * §1.5, changes are immediate). Checks such as "one active admin remains" or "one grant per owner, grantee and
 * scope" then cannot race.
 */
async function lockOrgAsAdmin(trx: Db, ctx: ActorContext): Promise<void> {
  await lockOrg(trx, ctx.actor.orgId);
  const me = await loadUserStanding(trx, ctx.actor.orgId, ctx.actor.userId);
  if (!me || me.role !== 'admin' || me.status !== 'active') throw new AppError('TANDEM_ACCESS_ADMIN_ONLY');
}

/** Runs an administrative write: admins only, in one transaction holding the org's write lock. */
export async function asAdmin<T>(deps: Deps, ctx: ActorContext, work: (trx: Db) => Promise<T>): Promise<T> {
  requireAdminOrThrow(ctx);
  return deps.db.transaction().execute(async (trx) => {
    await lockOrgAsAdmin(trx, ctx);
    return work(trx);
  });
}

/** Postgres unique violation (both PGlite and node-postgres expose the SQLSTATE as `code`). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
