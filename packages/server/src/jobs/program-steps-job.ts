// The program runner (docs/decisions.md D34): a periodic job of the scheduler that, every TANDEM_PROGRAM_TICK_SECONDS,
// sends the program steps now due (domain/programs/run-due-steps.ts): each step's message is stored and its delivery
// enqueued on the durable queue (D27) in one transaction, and the queue's worker delivers it beside every other
// message. A program "day" lasts TANDEM_PROGRAM_DAY_SECONDS.
import type { ProgramConfig } from '../config.ts';
import { runDueSteps } from '../domain/programs/run-due-steps.ts';
import type { Job } from './job.ts';

export function programStepsJob(config: ProgramConfig): Job {
  return {
    name: 'program-steps',
    schedule: { everyMs: config.tickMs, atStart: true },
    run: (deps, now) => runDueSteps({ ...deps, programDayMs: config.dayMs }, now),
  };
}
