// The one job scheduler, on vitest's fake timers: runs on schedule with the clock's time, isolates failures, never
// overlaps a job with itself, and stops cleanly (nothing runs after stop; stop waits for a run in flight).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Deps } from '../../src/domain/shared/deps.ts';
import type { Job } from '../../src/jobs/job.ts';
import { programConfig } from '../../src/config.ts';
import { serverJobs } from '../../src/jobs/registry.ts';
import { startJobs, type JobLog, type Scheduler } from '../../src/jobs/scheduler.ts';

const MINUTE = 60_000;
const START = Date.parse('2026-03-02T09:00:00Z');
const deps = {} as Deps; // the jobs here never touch it
const clock = { now: () => Date.now() }; // faked with the timers

type Entry = { level: 'info' | 'error'; obj: Record<string, unknown>; msg: string };

function memoryLog(): JobLog & { entries: Entry[] } {
  const entries: Entry[] = [];
  return {
    entries,
    info: (obj, msg) => entries.push({ level: 'info', obj: obj as Record<string, unknown>, msg }),
    error: (obj, msg) => entries.push({ level: 'error', obj: obj as Record<string, unknown>, msg }),
  };
}

/** A job that records the `now` of each run and answers `result(n)` (or throws it) on its n-th run. */
function recordingJob(name: string, everyMs: number, atStart: boolean, result: (n: number) => Record<string, unknown> | Error = () => ({})) {
  const runs: number[] = [];
  const job: Job = {
    name,
    schedule: { everyMs, atStart },
    run: async (_deps, now) => {
      runs.push(now);
      const out = result(runs.length);
      if (out instanceof Error) throw out;
      return out;
    },
  };
  return { job, runs };
}

describe('job scheduler', () => {
  let scheduler: Scheduler | undefined;
  beforeEach(() => {
    vi.useFakeTimers({ now: START });
  });
  afterEach(async () => {
    const stopping = scheduler?.stop();
    await vi.runOnlyPendingTimersAsync(); // lets a run in flight finish (its sleeps are fake timers too)
    await stopping;
    scheduler = undefined;
    vi.useRealTimers();
  });

  it('runs a job at start and then every interval, with the clock\'s time; a job not run at start waits one interval', async () => {
    const eager = recordingJob('eager', 10 * MINUTE, true);
    const lazy = recordingJob('lazy', 15 * MINUTE, false);
    scheduler = startJobs([eager.job, lazy.job], deps, clock, memoryLog());
    expect(eager.runs).toEqual([]); // nothing runs inside startJobs itself
    await vi.advanceTimersByTimeAsync(0);
    expect(eager.runs).toEqual([START]);
    expect(lazy.runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(30 * MINUTE);
    expect(eager.runs).toEqual([START, START + 10 * MINUTE, START + 20 * MINUTE, START + 30 * MINUTE]);
    expect(lazy.runs).toEqual([START + 15 * MINUTE, START + 30 * MINUTE]);
  });

  it('logs each run\'s outcome with the job\'s name and what the run reported', async () => {
    const log = memoryLog();
    const counting = recordingJob('purge-something', MINUTE, true, (n) => ({ purged: n }));
    scheduler = startJobs([counting.job], deps, clock, log);
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(log.entries.map((e) => [e.level, e.obj.job, e.obj.purged])).toEqual([['info', 'purge-something', 1], ['info', 'purge-something', 2]]);
    expect(log.entries.every((e) => typeof e.obj.ms === 'number')).toBe(true);
  });

  it('isolates a failing run: logged as an error, the job runs again at its next time, other jobs are unaffected', async () => {
    const log = memoryLog();
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const boom = new Error('database went away');
      const flaky = recordingJob('flaky', MINUTE, true, (n) => (n === 1 ? boom : { ok: true }));
      const steady = recordingJob('steady', MINUTE, true);
      const throwsAtOnce: Job = { name: 'sync-throw', schedule: { everyMs: MINUTE, atStart: true }, run: () => { throw new Error('not even async'); } };
      scheduler = startJobs([flaky.job, throwsAtOnce, steady.job], deps, clock, log);
      await vi.advanceTimersByTimeAsync(2 * MINUTE);
      expect(flaky.runs).toHaveLength(3);
      expect(steady.runs).toHaveLength(3);
      const errors = log.entries.filter((e) => e.level === 'error');
      expect(errors.map((e) => e.obj.job).sort()).toEqual(['flaky', 'sync-throw', 'sync-throw', 'sync-throw']);
      expect(errors.find((e) => e.obj.job === 'flaky')?.obj.err).toBe(boom);
      expect(log.entries.filter((e) => e.level === 'info' && e.obj.job === 'flaky')).toHaveLength(2);
      await Promise.resolve();
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('never overlaps a job with itself: the next run is timed from the end of a slow one', async () => {
    const starts: number[] = [];
    const slow: Job = {
      name: 'slow', schedule: { everyMs: MINUTE, atStart: true },
      run: async () => {
        starts.push(Date.now());
        await new Promise((resolve) => setTimeout(resolve, 3 * MINUTE));
      },
    };
    scheduler = startJobs([slow], deps, clock, memoryLog());
    await vi.advanceTimersByTimeAsync(9 * MINUTE);
    expect(starts).toEqual([START, START + 4 * MINUTE, START + 8 * MINUTE]);
  });

  it('stops: nothing runs after stop, and stop waits for a run in flight', async () => {
    let finished = false;
    const ticking = recordingJob('ticking', MINUTE, true);
    const long: Job = {
      name: 'long', schedule: { everyMs: MINUTE, atStart: true },
      run: async () => {
        await new Promise((resolve) => setTimeout(resolve, 30_000));
        finished = true;
      },
    };
    const running = startJobs([ticking.job, long], deps, clock, memoryLog());
    await vi.advanceTimersByTimeAsync(10_000); // both have started; `long` is half-way
    expect(ticking.runs).toHaveLength(1);
    let stopped = false;
    const stopping = running.stop().then(() => { stopped = true; });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(stopped).toBe(false); // still waiting for `long`
    await vi.advanceTimersByTimeAsync(20_000);
    await stopping;
    expect(finished).toBe(true);
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(ticking.runs).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('has the server\'s jobs in its registry, each with a schedule', () => {
    const jobs = serverJobs({ programs: programConfig({}) });
    expect(jobs.map((j) => j.name)).toEqual(['purge-trash', 'purge-idempotency-keys', 'calendar-reminders', 'program-steps']);
    for (const job of jobs) expect(job.schedule.everyMs).toBeGreaterThan(0);
  });

  it('runs the program runner every TANDEM_PROGRAM_TICK_SECONDS (60 by default) and refuses a tick that is not a positive number', () => {
    const runnerOf = (env: NodeJS.ProcessEnv) => serverJobs({ programs: programConfig(env) }).find((j) => j.name === 'program-steps');
    expect(runnerOf({})?.schedule.everyMs).toBe(60_000);
    expect(runnerOf({ TANDEM_PROGRAM_TICK_SECONDS: '5' })?.schedule.everyMs).toBe(5_000);
    expect(programConfig({ TANDEM_PROGRAM_DAY_SECONDS: '3' }).dayMs).toBe(3_000);
    expect(programConfig({}).dayMs).toBe(86_400_000);
    expect(() => programConfig({ TANDEM_PROGRAM_DAY_SECONDS: '0' })).toThrow(/TANDEM_PROGRAM_DAY_SECONDS/);
    expect(() => programConfig({ TANDEM_PROGRAM_TICK_SECONDS: 'soon' })).toThrow(/TANDEM_PROGRAM_TICK_SECONDS/);
  });
});
