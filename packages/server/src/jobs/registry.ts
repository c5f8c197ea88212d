// Every background job the server runs, in one list: main.ts hands it to the one scheduler. A new job is a file
// in jobs/ exporting a `Job` whose body calls domain use cases, and a line here.
import type { ProgramConfig } from '../config.ts';
import { calendarRemindersJob } from './calendar-reminders-job.ts';
import type { Job } from './job.ts';
import { purgeIdempotencyKeysJob } from './purge-idempotency-keys.ts';
import { programStepsJob } from './program-steps-job.ts';
import { purgeTrashJob } from './purge-trash.ts';

export type { Job, JobResult, JobSchedule } from './job.ts';
// One-off jobs (a message's delivery, a calendar reminder's e-mail) run on the durable queue instead: queue.ts,
// deliver-message-job.ts, calendar-reminders-job.ts.

/** The server's jobs; the program runner's tick and day length come from the configuration (config.ts). */
export function serverJobs(config: { programs: ProgramConfig }): readonly Job[] {
  return [purgeTrashJob, purgeIdempotencyKeysJob, calendarRemindersJob, programStepsJob(config.programs)];
}
