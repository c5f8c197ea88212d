// GET /tokens: the caller's own API tokens that are not revoked (expired ones included, with their expiry).
import type { ActorContext } from '@tandem/core';
import type { TokenRow } from '../../storage/rows.ts';
import { listApiTokens as loadApiTokens } from '../../storage/token-queries.ts';
import type { Deps } from '../shared/deps.ts';

export function listApiTokens(deps: Deps, ctx: ActorContext): Promise<TokenRow[]> {
  return loadApiTokens(deps.db, ctx.actor.orgId, ctx.actor.userId);
}
