// POST /integrations/:provider/runs: queue a run of the caller's sync (D39). The gate first (403, as an export),
// then the caller's connection (404 TANDEM_INTEGRATION_NOT_CONNECTED), then at most one queued or running run per
// integration (409 TANDEM_SYNC_RUNNING; the integration row is locked, and a partial unique index backs it). `total`
// is counted under the compiled `contact.export` policy over active contacts, the same the run walks; the run and
// its first queue job are written in one transaction, so a run is never queued without the job that runs it.
import type { SyncProvider } from '@tandem/api';
import { compileFilter, type ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { countListed } from '../../storage/contact-queries.ts';
import { enqueueJob } from '../../storage/queue-queries.ts';
import { insertRun, selectActiveRun, type SyncRunRow } from '../../storage/sync-queries.ts';
import type { Deps } from '../shared/deps.ts';
import { assertSyncChannel, ownIntegrationOrThrow } from './sync-guard.ts';

/** The queue a run's jobs go on (jobs/sync-job.ts). */
export const SYNC_RUN_QUEUE = 'sync-run';
/** Attempts of one job before the run fails: a provider unavailable for about 40 minutes (30 s, 2, 8 and 32 min). */
export const SYNC_JOB_ATTEMPTS = 5;
export type SyncJobPayload = { runId: string };

/** What a run pushes: the contacts the user may export (`contact.export`, `view` or more), active ones only. */
export const SYNC_CONTACT_STATES = ['active'] as const;

export async function startSyncRun(deps: Deps, ctx: ActorContext, provider: SyncProvider): Promise<SyncRunRow> {
  assertSyncChannel(ctx, provider);
  const { db } = deps;
  await ownIntegrationOrThrow(db, ctx, provider);
  const policy = compileFilter(ctx, 'contact.export', [...SYNC_CONTACT_STATES]);
  const total = (await countListed(db, ctx, policy, { limit: 1, sort: 'name' }, Number.MAX_SAFE_INTEGER - 1)).count;
  return db.transaction().execute(async (trx) => {
    const integration = await ownIntegrationOrThrow(trx, ctx, provider, true);
    if (await selectActiveRun(trx, integration.org_id, integration.id)) {
      throw new AppError('TANDEM_SYNC_RUNNING', `A sync of ${provider} is already queued or running`);
    }
    const run = await insertRun(trx, { orgId: integration.org_id, integrationId: integration.id, userId: ctx.actor.userId, provider, total, now: ctx.now });
    const payload: SyncJobPayload = { runId: run.id };
    await enqueueJob(trx, { queue: SYNC_RUN_QUEUE, orgId: run.org_id, payload, maxAttempts: SYNC_JOB_ATTEMPTS, availableAt: ctx.now }, ctx.now);
    return run;
  });
}
