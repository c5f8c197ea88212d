// The one scheduler: runs each job of the registry on its schedule, with the time of the run from the injected
// clock. A run that throws is logged and the job runs again at its next time; it never reaches the process. A job
// never overlaps itself (the next run is timed from the end of the previous one). `stop()` cancels what is pending
// and waits for runs in flight, so shutdown can close the database after it.
import type { Clock } from '../clock.ts';
import type { Deps } from '../domain/shared/deps.ts';
import type { Job } from './job.ts';

/** The part of a pino logger (fastify's `app.log`) the scheduler writes to. */
export type JobLog = {
  info: (obj: object, msg: string) => void;
  error: (obj: object, msg: string) => void;
};

export type Scheduler = { stop: () => Promise<void> };

export function startJobs(jobs: readonly Job[], deps: Deps, clock: Clock, log: JobLog): Scheduler {
  let stopped = false;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const inFlight = new Set<Promise<void>>();

  async function runOnce(job: Job): Promise<void> {
    const started = performance.now();
    try {
      const result = await job.run(deps, clock.now());
      log.info({ job: job.name, ms: Math.round(performance.now() - started), ...(result ?? {}) }, `job ${job.name} done`);
    } catch (err: unknown) {
      log.error({ job: job.name, ms: Math.round(performance.now() - started), err }, `job ${job.name} failed; it runs again at its next time`);
    }
  }

  function plan(job: Job, delay: number): void {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const run = runOnce(job).catch(() => {}); // only a throwing logger gets here: nothing left to tell
      inFlight.add(run);
      void run.finally(() => {
        inFlight.delete(run);
        plan(job, job.schedule.everyMs);
      });
    }, delay);
    timer.unref?.();
    timers.add(timer);
  }

  for (const job of jobs) plan(job, job.schedule.atStart ? 0 : job.schedule.everyMs);

  return {
    stop: async () => {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all(inFlight);
    },
  };
}
