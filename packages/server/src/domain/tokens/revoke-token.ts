// DELETE /tokens/:id: revoke one of the caller's own API tokens. Anyone else's token answers 404 like a missing one.
import type { ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { revokeApiToken as writeRevocation } from '../../storage/token-queries.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import type { Deps } from '../shared/deps.ts';

export async function revokeApiToken(deps: Deps, ctx: ActorContext, tokenId: string): Promise<void> {
  const { orgId, userId } = ctx.actor;
  await deps.db.transaction().execute(async (trx) => {
    const row = await writeRevocation(trx, orgId, userId, tokenId, ctx.now);
    if (!row) throw new AppError('TANDEM_TOKEN_NOT_FOUND');
    await appendAudit(trx, { orgId, actorId: userId, action: 'token.revoke', targetType: 'api_token', targetId: row.id, before: { name: row.name }, after: null, at: ctx.now });
  });
}
