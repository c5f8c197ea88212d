// DELETE /tokens/:id: revoke one of the caller's own API tokens. Anyone else's token answers 404 like a missing one.
import type { ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { isId } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';

export async function revokeApiToken(deps: Deps, ctx: ActorContext, tokenId: string): Promise<void> {
  if (!isId(tokenId)) throw new AppError('TANDEM_TOKEN_NOT_FOUND');
  const { orgId, userId } = ctx.actor;
  const now = ctx.now;
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx.updateTable('sessions').set({ revoked_at: new Date(now) })
      .where('org_id', '=', orgId).where('user_id', '=', userId).where('id', '=', tokenId).where('kind', '=', 'api').where('revoked_at', 'is', null)
      .returning(['id', 'name']).executeTakeFirst();
    if (!row) throw new AppError('TANDEM_TOKEN_NOT_FOUND');
    await appendAudit(trx, { orgId, actorId: userId, action: 'token.revoke', targetType: 'api_token', targetId: row.id, before: { name: row.name }, after: null, at: now });
  });
}
