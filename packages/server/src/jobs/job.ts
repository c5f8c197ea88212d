// What a background job is: a name, when it runs, and a body that calls domain use cases with the time of the run.
// The scheduler (scheduler.ts) owns timers, logging and error isolation; a job body only does its work.
import type { Deps } from '../domain/shared/deps.ts';

export type JobSchedule = {
  /** Time from the end of one run to the start of the next, in ms: a job never overlaps itself. */
  everyMs: number;
  /** Also run once as soon as the scheduler starts. */
  atStart: boolean;
};

/** What a run reports (counts, ids); logged with the run's outcome. */
export type JobResult = Record<string, unknown> | void;

export type Job = {
  name: string;
  schedule: JobSchedule;
  run: (deps: Deps, now: number) => Promise<JobResult>;
};
