// DELETE /integrations/:provider: the caller removes their connection (D39). No gate: anyone may take their own
// credentials away, allowed or not. A queued or running run ends `stopped` (`disconnected`) with its audit entry,
// then the integration goes with its runs and links (ON DELETE CASCADE), audited `integration.disconnect`. A job
// still in the queue finds no run and does nothing.
import type { SyncProvider } from '@tandem/api';
import type { ActorContext } from '@tandem/core';
import { deleteIntegration, selectActiveRun } from '../../storage/sync-queries.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import type { Deps } from '../shared/deps.ts';
import { endSyncRun } from './end-sync-run.ts';
import { ownIntegrationOrThrow } from './sync-guard.ts';

export async function disconnectIntegration(deps: Deps, ctx: ActorContext, provider: SyncProvider): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const row = await ownIntegrationOrThrow(trx, ctx, provider, true);
    const active = await selectActiveRun(trx, row.org_id, row.id);
    if (active) await endSyncRun(trx, active, { status: 'stopped', stopReason: 'disconnected', error: null, now: ctx.now });
    await appendAudit(trx, {
      orgId: row.org_id, actorId: ctx.actor.userId, action: 'integration.disconnect', targetType: 'integration', targetId: row.id,
      before: { provider, account: row.settings.account ?? null }, at: ctx.now,
    });
    await deleteIntegration(trx, row.org_id, row.id);
  });
}
