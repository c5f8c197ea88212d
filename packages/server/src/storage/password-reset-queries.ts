// Password-reset links: one-time, stored only as the SHA-256 of their token and found by it before any org is known
// (password_resets_token_key, docs/decisions.md D5). A user has at most one open link: issuing one revokes the rest.
import type { Db } from './connect.ts';

export type PasswordResetByLink = {
  id: string; org_id: string; user_id: string; expires_at: Date; used_at: Date | null; revoked_at: Date | null;
  user_status: 'active' | 'deactivated';
};

export type NewPasswordResetRow = { orgId: string; userId: string; tokenHash: string; requestedBy: string | null; now: number; expiresAt: number };

export async function insertPasswordReset(trx: Db, r: NewPasswordResetRow): Promise<{ id: string; expires_at: Date }> {
  return trx.insertInto('password_resets').values({
    org_id: r.orgId, user_id: r.userId, token_hash: r.tokenHash, requested_by: r.requestedBy,
    created_at: new Date(r.now), expires_at: new Date(r.expiresAt),
  }).returning(['id', 'expires_at']).executeTakeFirstOrThrow();
}

/** Revokes every open (unused, unrevoked) link of the user; answers how many. */
export async function revokeOpenPasswordResets(trx: Db, orgId: string, userId: string, at: number): Promise<number> {
  const rows = await trx.updateTable('password_resets').set({ revoked_at: new Date(at) })
    .where('org_id', '=', orgId).where('user_id', '=', userId).where('used_at', 'is', null).where('revoked_at', 'is', null)
    .returning('id').execute();
  return rows.length;
}

/** When the user's newest link was issued (any state), or null. */
export async function lastPasswordResetAt(db: Db, orgId: string, userId: string): Promise<Date | null> {
  const row = await db.selectFrom('password_resets').select('created_at')
    .where('org_id', '=', orgId).where('user_id', '=', userId).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  return row?.created_at ?? null;
}

/** The link this token hash names, whatever its state, with its user's status; `forUpdate` locks it until the transaction ends. */
export async function loadPasswordResetByTokenHash(db: Db, tokenHash: string, options: { forUpdate?: boolean } = {}): Promise<PasswordResetByLink | null> {
  let query = db.selectFrom('password_resets as r')
    .innerJoin('users as u', (j) => j.onRef('u.org_id', '=', 'r.org_id').onRef('u.id', '=', 'r.user_id'))
    .select(['r.id', 'r.org_id', 'r.user_id', 'r.expires_at', 'r.used_at', 'r.revoked_at', 'u.status as user_status'])
    .where('r.token_hash', '=', tokenHash);
  if (options.forUpdate) query = query.forUpdate('r');
  const row = await query.executeTakeFirst();
  return row ?? null;
}

export async function markPasswordResetUsed(trx: Db, orgId: string, resetId: string, at: number): Promise<void> {
  await trx.updateTable('password_resets').set({ used_at: new Date(at) }).where('org_id', '=', orgId).where('id', '=', resetId).execute();
}
