// The queue handler of sync runs (docs/decisions.md D39): each job pushes chunks of one run for a time slice and
// enqueues the run's next job when there is more (domain/sync/run-sync-slice.ts). Started by main.ts on the one queue
// worker, beside message delivery; tests start a worker with it and `drain()`.
import { runSyncSlice } from '../domain/sync/run-sync-slice.ts';
import { SYNC_RUN_QUEUE, type SyncJobPayload } from '../domain/sync/start-sync-run.ts';
import type { SyncDeps } from '../domain/sync/sync-deps.ts';
import type { QueueHandler } from './queue.ts';

export function syncRunHandler(deps: SyncDeps): QueueHandler {
  return {
    queue: SYNC_RUN_QUEUE,
    run: (job, now) => runSyncSlice(deps, {
      orgId: job.org_id, runId: (job.payload as SyncJobPayload).runId, attempt: job.attempts, lastAttempt: job.attempts >= job.max_attempts, now,
    }),
  };
}
