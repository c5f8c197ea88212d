// The durable job queue's worker (docs/decisions.md D27; the table and statements: migration 0010,
// storage/queue-queries.ts). The scheduler (scheduler.ts) runs periodic jobs; this runs one-off jobs that a use case
// enqueued in its own transaction (a message's delivery), on PGlite and PostgreSQL alike.
//
// A run claims a batch of due jobs under a lease, runs their handlers concurrently, and finishes each in one
// transaction: the lease is checked (a worker whose lease ran out writes nothing), the handler's record is written
// (the message's status) and the job is deleted, or set back with a backoff for a transient failure. So a job is
// acknowledged exactly when its outcome is recorded. A worker that dies mid-job leaves the job leased; when the lease
// ends the job is due again and runs again (at least once: handlers re-check their row before acting).
// `stop()` claims nothing more and waits for the jobs in flight; timers are unref'd, so a worker never keeps a
// process alive. Tests run the queue with `poll: false` and call `drain()`, which returns once nothing is due.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Db } from '../storage/connect.ts';
import { isDatabaseUnavailable } from '../storage/database-unavailable.ts';
import { claimDueJobs, deleteLeasedJob, releaseLeasedJob, releaseWorkerLeases, type ClaimedJob } from '../storage/queue-queries.ts';
import type { JobLog } from './scheduler.ts';

/**
 * What a handler asks the queue to write when it finishes the job: its record, and whether to try again later
 * (`delayMs`: after that long, e.g. a provider's Retry-After, instead of the backoff).
 */
export type JobRunResult = { record?: (trx: Db) => Promise<void>; retry?: { error: string; delayMs?: number }; status?: string };

export type QueueHandler = { queue: string; run: (job: ClaimedJob, now: number) => Promise<JobRunResult> };

export type QueueOptions = {
  /**
   * Names this worker in `locked_by` (default: a random id). Must be unique to this worker: after a claim lost to a
   * database outage the worker frees every job its name holds.
   */
  workerId?: string;
  /** Jobs claimed and run at once (default 10). */
  batchSize?: number;
  /** How long a claim holds a job (default 5 minutes: far longer than a send's timeouts). */
  leaseMs?: number;
  /** Time between looks at the table when it is idle (default 500 ms). */
  pollMs?: number;
  /** Look at the table on a timer (default true); false: only `drain()` runs jobs (tests). */
  poll?: boolean;
};

export type QueueWorker = {
  /** Runs jobs until none is due at the clock's now; resolves with how many ran. */
  drain: () => Promise<number>;
  /** Claims nothing more and waits for the jobs in flight to finish and be recorded. */
  stop: () => Promise<void>;
  /** A crash, for tests: claims nothing more and records nothing of what is in flight (its leases stay taken). */
  abandon: () => void;
};

const MINUTE = 60_000;
const FINISH_RETRY_MS = 1_000;

/** The wait before attempt `attempt + 1` after attempt `attempt` failed: 30 s, 2 min, 8 min, 32 min, then hourly. */
export function backoffMs(attempt: number): number {
  return Math.min(30_000 * 4 ** Math.max(0, attempt - 1), 60 * MINUTE);
}

class LeaseLost extends Error {}

export function startQueue(db: Db, handlers: readonly QueueHandler[], clock: Clock, log: JobLog, options: QueueOptions = {}): QueueWorker {
  const workerId = options.workerId ?? `worker-${randomUUID().slice(0, 8)}`;
  const batchSize = options.batchSize ?? 10;
  const leaseMs = options.leaseMs ?? 5 * MINUTE;
  const pollMs = options.pollMs ?? 500;
  const byQueue = new Map(handlers.map((h) => [h.queue, h]));
  const queues = [...byQueue.keys()];
  let stopped = false;
  let abandoned = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<number> = Promise.resolve(0);
  let claimInDoubt = false;

  async function finish(job: ClaimedJob, result: JobRunResult, now: number): Promise<void> {
    if (abandoned) return;
    const retry = result.retry && job.attempts < job.max_attempts ? result.retry : undefined;
    await db.transaction().execute(async (trx) => {
      const held = retry
        ? await releaseLeasedJob(trx, job, job.lease, now + (retry.delayMs ?? backoffMs(job.attempts)), retry.error)
        : await deleteLeasedJob(trx, job, job.lease);
      if (!held) throw new LeaseLost();
      await result.record?.(trx);
    });
  }

  /**
   * The handler has acted (a message handed to the mailer): its outcome is worth keeping through a database restart.
   * While the database cannot be reached, the finish is tried again each second, for at most half the lease (the
   * lease still guards it) and not past `stop()`; otherwise the job would sit leased until the lease ends and then
   * run, and act, a second time (D47).
   */
  async function finishOnceReachable(job: ClaimedJob, result: JobRunResult): Promise<void> {
    const giveUpAt = performance.now() + leaseMs / 2;
    for (;;) {
      try {
        await finish(job, result, clock.now());
        return;
      } catch (err: unknown) {
        if (!isDatabaseUnavailable(err) || stopped || abandoned || performance.now() > giveUpAt) throw err;
      }
      await new Promise((r) => { setTimeout(r, FINISH_RETRY_MS).unref?.(); });
    }
  }

  async function runOne(job: ClaimedJob): Promise<void> {
    const handler = byQueue.get(job.queue);
    const now = clock.now();
    try {
      if (!handler) throw new Error(`no handler for queue ${job.queue}`);
      const result = await handler.run(job, now);
      await finishOnceReachable(job, result);
      log.info({ job: job.queue, id: job.id, attempt: job.attempts, status: result.status ?? (result.retry ? 'retry' : 'done') }, `queue job ${job.queue} finished`);
    } catch (err: unknown) {
      if (abandoned) return;
      if (err instanceof LeaseLost) {
        log.error({ job: job.queue, id: job.id }, `queue job ${job.queue}: its lease ran out before it finished; nothing recorded (another worker runs it)`);
        return;
      }
      // An unexpected failure (a bug, the database gone): the job stays and runs again after the backoff.
      log.error({ job: job.queue, id: job.id, attempt: job.attempts, err }, `queue job ${job.queue} failed unexpectedly; it runs again later`);
      const message = err instanceof Error ? err.message : String(err);
      await db.transaction().execute(async (trx) => {
        await releaseLeasedJob(trx, job, job.lease, clock.now() + backoffMs(job.attempts), message);
      }).catch(() => {});
    }
  }

  async function runDue(): Promise<number> {
    let ran = 0;
    if (claimInDoubt) {
      // Nothing of this worker is in flight here (runs are exclusive): what it holds, no handler has seen.
      const freed = await releaseWorkerLeases(db, workerId, clock.now());
      claimInDoubt = false;
      if (freed > 0) log.info({ worker: workerId, freed }, 'queue: freed jobs claimed as the database went away');
    }
    while (!stopped && !abandoned) {
      const jobs = await claimDueJobs(db, queues, workerId, batchSize, leaseMs, clock.now()).catch((err: unknown) => {
        // The claim may have committed with its answer lost: look again once the database answers.
        if (isDatabaseUnavailable(err)) claimInDoubt = true;
        throw err;
      });
      if (jobs.length === 0) break;
      await Promise.all(jobs.map(runOne));
      ran += jobs.length;
    }
    return ran;
  }

  const exclusive = (): Promise<number> => {
    chain = chain.then(runDue, runDue);
    return chain;
  };

  function plan(): void {
    if (stopped || abandoned || options.poll === false) return;
    timer = setTimeout(() => {
      timer = undefined;
      exclusive().catch((err: unknown) => log.error({ err }, 'queue: looking for due jobs failed; trying again')).finally(plan);
    }, pollMs);
    timer.unref?.();
  }
  plan();

  return {
    drain: () => exclusive(),
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await chain.catch(() => 0);
    },
    abandon: () => {
      abandoned = true;
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
