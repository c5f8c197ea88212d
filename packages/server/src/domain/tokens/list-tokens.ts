// GET /tokens: the caller's own API tokens that are not revoked (expired ones included, with their expiry).
import type { ActorContext } from '@tandem/core';
import type { Deps } from '../shared/deps.ts';
import { TOKEN_COLUMNS, type TokenRow } from './token-columns.ts';

export function listApiTokens(deps: Deps, ctx: ActorContext): Promise<TokenRow[]> {
  return deps.db.selectFrom('sessions').select(TOKEN_COLUMNS).where('org_id', '=', ctx.actor.orgId).where('user_id', '=', ctx.actor.userId)
    .where('kind', '=', 'api').where('revoked_at', 'is', null).orderBy('created_at').orderBy('id').execute();
}
