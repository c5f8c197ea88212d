// Personal API tokens: rows of `sessions` with kind `api` and a name, always read as their owner's.
import type { Db } from './connect.ts';
import { isUuid } from './ids.ts';
import { TOKEN_COLUMNS, type TokenRow } from './rows.ts';

export type NewApiToken = { orgId: string; userId: string; name: string; scope: 'read' | 'write'; tokenHash: string; now: number; expiresAt: Date | string | null };

export async function insertApiToken(trx: Db, t: NewApiToken): Promise<TokenRow> {
  return trx.insertInto('sessions').values({
    org_id: t.orgId, user_id: t.userId, kind: 'api', scope: t.scope, name: t.name, token_hash: t.tokenHash,
    created_at: new Date(t.now), expires_at: t.expiresAt,
  }).returning(TOKEN_COLUMNS).executeTakeFirstOrThrow();
}

/** The user's API tokens that are not revoked (expired ones included), oldest first. */
export function listApiTokens(db: Db, orgId: string, userId: string): Promise<TokenRow[]> {
  return db.selectFrom('sessions').select(TOKEN_COLUMNS).where('org_id', '=', orgId).where('user_id', '=', userId)
    .where('kind', '=', 'api').where('revoked_at', 'is', null).orderBy('created_at').orderBy('id').execute();
}

/** Revokes one of the user's live API tokens; null when there is none with this id (or the id is malformed). */
export async function revokeApiToken(trx: Db, orgId: string, userId: string, tokenId: string, at: number): Promise<TokenRow | null> {
  if (!isUuid(tokenId)) return null;
  const row = await trx.updateTable('sessions').set({ revoked_at: new Date(at) })
    .where('org_id', '=', orgId).where('user_id', '=', userId).where('id', '=', tokenId).where('kind', '=', 'api').where('revoked_at', 'is', null)
    .returning(TOKEN_COLUMNS).executeTakeFirst();
  return row ?? null;
}
