// GET /integrations/:provider/runs: the caller's own runs of one integration, newest first. No gate: a user whose
// channel was blocked may still read what their runs did.
import type { SyncProvider } from '@tandem/api';
import type { ActorContext } from '@tandem/core';
import { selectRuns, type SyncRunRow } from '../../storage/sync-queries.ts';
import type { Deps } from '../shared/deps.ts';
import { ownIntegrationOrThrow } from './sync-guard.ts';

export const RUNS_PAGE_DEFAULT = 20;
export const RUNS_PAGE_MAX = 100;

export async function listSyncRuns(deps: Deps, ctx: ActorContext, input: { provider: SyncProvider; limit?: number }): Promise<SyncRunRow[]> {
  const integration = await ownIntegrationOrThrow(deps.db, ctx, input.provider);
  return selectRuns(deps.db, integration.org_id, integration.id, Math.min(input.limit ?? RUNS_PAGE_DEFAULT, RUNS_PAGE_MAX));
}
