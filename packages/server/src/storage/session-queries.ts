// Sign-in sessions and API tokens are rows of `sessions`; only the SHA-256 of their secret is stored. Revocation
// is a timestamp, so the row stays for the record.
import type { Db } from './connect.ts';

export async function insertSession(db: Db, s: { orgId: string; userId: string; tokenHash: string; now: number; expiresAt: number }): Promise<string> {
  const row = await db.insertInto('sessions').values({
    org_id: s.orgId, user_id: s.userId, kind: 'session', token_hash: s.tokenHash,
    created_at: new Date(s.now), expires_at: new Date(s.expiresAt),
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Revokes one credential (a session or an API token) if it is not revoked yet. */
export async function revokeSession(db: Db, orgId: string, sessionId: string, at: number): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: new Date(at) })
    .where('org_id', '=', orgId).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

/** Revokes every live session and API token of a user; answers how many were revoked. */
export async function revokeUserCredentials(trx: Db, orgId: string, userId: string, at: number): Promise<number> {
  const rows = await trx.updateTable('sessions').set({ revoked_at: new Date(at) })
    .where('org_id', '=', orgId).where('user_id', '=', userId).where('revoked_at', 'is', null).returning('id').execute();
  return rows.length;
}

/**
 * Revokes the user's live sign-in sessions (not their API tokens), but `keep` (the session of the request, when it
 * is one); answers how many were revoked.
 */
export async function revokeUserSessions(trx: Db, orgId: string, userId: string, at: number, keep: string | null = null): Promise<number> {
  let query = trx.updateTable('sessions').set({ revoked_at: new Date(at) })
    .where('org_id', '=', orgId).where('user_id', '=', userId).where('kind', '=', 'session').where('revoked_at', 'is', null);
  if (keep !== null) query = query.where('id', '!=', keep);
  const rows = await query.returning('id').execute();
  return rows.length;
}
