// Shared pieces of the account and administration use cases: their dependencies, the admin check, the per-org
// write lock and id handling. Every permission decision about contacts lives in @tandem/core; the admin rule itself
// (spec §8) is core's `canManageOrg`.
import { canManageOrg, type ActorContext } from '@tandem/core';
import { sql } from 'kysely';
import { AppError } from '../../errors.ts';
import type { Db } from '../../storage/connect.ts';

/** Org administration (users, teams, switches, grants, branding, audit) is for active admins only. */
export function requireAdminOrThrow(ctx: ActorContext): void {
  if (!canManageOrg(ctx)) throw new AppError('TANDEM_ACCESS_ADMIN_ONLY');
}

/**
 * Serialises the org's administrative writes (the same lock `appendAudit` takes, so no new lock order): checks such
 * as "one active admin remains" or "one grant per owner, grantee and scope" then cannot race.
 */
export async function lockOrg(trx: Db, orgId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${orgId}))`.execute(trx);
}

/**
 * Takes the org's write lock, then re-reads the caller: an admin demoted or deactivated by a write that committed
 * while this request was on its way may no longer act (spec §1.5, changes are immediate).
 */
export async function lockOrgAsAdmin(trx: Db, ctx: ActorContext): Promise<void> {
  requireAdminOrThrow(ctx);
  await lockOrg(trx, ctx.actor.orgId);
  const me = await trx.selectFrom('users').select(['role', 'status']).where('org_id', '=', ctx.actor.orgId).where('id', '=', ctx.actor.userId).executeTakeFirst();
  if (!me || me.role !== 'admin' || me.status !== 'active') throw new AppError('TANDEM_ACCESS_ADMIN_ONLY');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are opaque to callers; a malformed id answers exactly as a missing one. */
export function isId(value: string): boolean {
  return UUID.test(value);
}

/** Postgres unique violation (both PGlite and node-postgres expose the SQLSTATE as `code`). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
