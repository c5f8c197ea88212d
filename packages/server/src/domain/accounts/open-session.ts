// Session rows: the server stores only the SHA-256 of a token; the token itself is shown once, to its owner.
import { newToken } from './session-token.ts';
import type { Db } from '../../storage/connect.ts';

/** Sessions last 30 days, like their cookie. */
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export async function openSession(db: Db, orgId: string, userId: string, now: number): Promise<{ token: string; sessionId: string }> {
  const { token, hash } = newToken();
  const row = await db.insertInto('sessions').values({
    org_id: orgId, user_id: userId, kind: 'session', token_hash: hash,
    created_at: new Date(now), expires_at: new Date(now + SESSION_TTL_MS),
  }).returning('id').executeTakeFirstOrThrow();
  return { token, sessionId: row.id };
}
