// GET /integrations/:provider/runs/:runId: one of the caller's own runs. Another user's run answers as a missing one
// (404 TANDEM_SYNC_RUN_NOT_FOUND): runs are read only through the caller's own integration.
import type { SyncProvider } from '@tandem/api';
import type { ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { isUuid } from '../../storage/ids.ts';
import { selectRun, type SyncRunRow } from '../../storage/sync-queries.ts';
import type { Deps } from '../shared/deps.ts';
import { ownIntegrationOrThrow } from './sync-guard.ts';

export async function getSyncRun(deps: Deps, ctx: ActorContext, input: { provider: SyncProvider; runId: string }): Promise<SyncRunRow> {
  const integration = await ownIntegrationOrThrow(deps.db, ctx, input.provider);
  const runId = input.runId.toLowerCase();
  const run = isUuid(runId) ? await selectRun(deps.db, integration.org_id, integration.id, runId) : undefined;
  if (!run) throw new AppError('TANDEM_SYNC_RUN_NOT_FOUND', 'No run of yours has that id');
  return run;
}
