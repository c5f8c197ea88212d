// A sync run driven to its end inside this process, for `tandem sync` (packages/cli): a queue worker with only the
// sync handler, drained again whenever the run's next job is due (a retry waits its Retry-After or backoff), while
// the run's row is read a few times a second for a progress bar. The run is the API's: same use case, same jobs on
// the same table, so a server running beside it may take some of its slices (SKIP LOCKED) and the end is the same.
import type { Clock } from '../clock.ts';
import { SYNC_RUN_QUEUE } from '../domain/sync/start-sync-run.ts';
import type { SyncDeps } from '../domain/sync/sync-deps.ts';
import { nextDueAt } from '../storage/queue-queries.ts';
import { selectRunById, type SyncRunRow } from '../storage/sync-queries.ts';
import { startQueue } from './queue.ts';
import type { JobLog } from './scheduler.ts';
import { syncRunHandler } from './sync-job.ts';

const ENDED = new Set<SyncRunRow['status']>(['succeeded', 'failed', 'stopped']);
const quiet: JobLog = { info: () => {}, error: () => {} };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs the run `runId` until it ends; `onProgress` hears its row as it moves (and once at the end). Resolves with the
 * ended row, or null when the run disappeared (its integration was disconnected).
 */
export async function runSyncInProcess(
  deps: SyncDeps, run: { orgId: string; runId: string }, clock: Clock, onProgress: (row: SyncRunRow) => void, pollMs = 250,
): Promise<SyncRunRow | null> {
  const worker = startQueue(deps.db, [syncRunHandler(deps)], clock, quiet, { poll: false, batchSize: 1 });
  const read = () => selectRunById(deps.db, run.orgId, run.runId);
  let reading = false;
  const timer = setInterval(() => {
    if (reading) return;
    reading = true;
    void read().then((row) => row && onProgress(row), () => {}).finally(() => { reading = false; });
  }, pollMs);
  try {
    for (;;) {
      await worker.drain();
      const row = await read();
      if (!row) return null;
      onProgress(row);
      if (ENDED.has(row.status)) return row;
      const due = await nextDueAt(deps.db, [SYNC_RUN_QUEUE]);
      await sleep(Math.min(Math.max(due === null ? pollMs : due - clock.now(), 20), 60_000));
    }
  } finally {
    clearInterval(timer);
    await worker.stop();
  }
}
