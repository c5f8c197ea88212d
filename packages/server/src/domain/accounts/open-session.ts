// Session rows: the server stores only the SHA-256 of a token; the token itself is shown once, to its owner.
import { newToken } from './session-token.ts';
import type { Db } from '../../storage/connect.ts';
import { insertSession } from '../../storage/session-queries.ts';

/** Sessions last 30 days, like their cookie. */
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export async function openSession(db: Db, orgId: string, userId: string, now: number): Promise<{ token: string; sessionId: string }> {
  const { token, hash } = newToken();
  const sessionId = await insertSession(db, { orgId, userId, tokenHash: hash, now, expiresAt: now + SESSION_TTL_MS });
  return { token, sessionId };
}
