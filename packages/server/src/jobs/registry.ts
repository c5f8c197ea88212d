// Every background job the server runs, in one list: main.ts hands it to the one scheduler. A new job is a file
// in jobs/ exporting a `Job` whose body calls domain use cases, and a line here.
import type { Job } from './job.ts';
import { purgeIdempotencyKeysJob } from './purge-idempotency-keys.ts';
import { purgeTrashJob } from './purge-trash.ts';

export type { Job, JobResult, JobSchedule } from './job.ts';
// One-off jobs (a message's delivery) run on the durable queue instead: queue.ts, deliver-message-job.ts.

export const JOBS: readonly Job[] = [purgeTrashJob, purgeIdempotencyKeysJob];
