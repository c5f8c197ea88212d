// Issuing a password-reset link, shared by "forgot password" and the admin's "send a reset link": inside the
// caller's transaction, revoke the user's open links and store the new one's hash; answer the token for the e-mail.
import type { Db } from '../../storage/connect.ts';
import { insertPasswordReset, revokeOpenPasswordResets } from '../../storage/password-reset-queries.ts';
import { newLinkToken } from './one-time-link.ts';

export type IssuedLink = { id: string; token: string; expiresAt: number };

export async function issueResetLink(
  trx: Db, user: { orgId: string; userId: string }, requestedBy: string | null, now: number, ttlMs: number,
): Promise<IssuedLink> {
  const { token, hash } = newLinkToken();
  await revokeOpenPasswordResets(trx, user.orgId, user.userId, now);
  const row = await insertPasswordReset(trx, { orgId: user.orgId, userId: user.userId, tokenHash: hash, requestedBy, now, expiresAt: now + ttlMs });
  return { id: row.id, token, expiresAt: now + ttlMs };
}
