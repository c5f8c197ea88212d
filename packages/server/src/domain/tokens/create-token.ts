// POST /tokens: a personal API token (spec §9, channel `api`). Only a user who may use the `api` channel may create
// one; the auth plugin re-checks the channel on every request, so tokens stop working when the channel is taken
// away (or the export switch turned off for members). The secret is shown once; only its SHA-256 is stored.
import { canUseExportChannel, type ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { newToken } from '../accounts/session-token.ts';
import type { TokenRow } from '../../storage/rows.ts';
import { insertApiToken } from '../../storage/token-queries.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import type { Deps } from '../shared/deps.ts';
import { tokenSnapshot } from './token-audit.ts';

export async function createApiToken(deps: Deps, ctx: ActorContext, input: { name: string; scope: 'read' | 'write'; expiresAt?: string | null }): Promise<{ row: TokenRow; token: string }> {
  if (!canUseExportChannel(ctx, 'api')) throw new AppError('TANDEM_EXPORT_CHANNEL_FORBIDDEN', 'You may not use the API channel, so you cannot create API tokens');
  const now = ctx.now;
  if (input.expiresAt && Date.parse(input.expiresAt) <= now) throw new AppError('TANDEM_INPUT_INVALID', 'expiresAt: must be in the future');
  const { token, hash } = newToken();
  const { orgId, userId } = ctx.actor;
  return deps.db.transaction().execute(async (trx) => {
    const row = await insertApiToken(trx, { orgId, userId, name: input.name, scope: input.scope, tokenHash: hash, now, expiresAt: input.expiresAt ?? null });
    await appendAudit(trx, { orgId, actorId: userId, action: 'token.create', targetType: 'api_token', targetId: row.id, after: tokenSnapshot(row), at: now });
    return { row, token };
  });
}
