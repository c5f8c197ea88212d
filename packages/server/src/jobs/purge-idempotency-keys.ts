// Idempotency keys older than 24 hours answer nothing any more (a request with one is new again); this job deletes
// them so the table holds about a day of keys. Hourly, and once at start.
import { purgeExpiredIdempotencyKeys } from '../domain/shared/idempotency.ts';
import type { Job } from './job.ts';

const HOUR = 60 * 60 * 1000;

export const purgeIdempotencyKeysJob: Job = {
  name: 'purge-idempotency-keys',
  schedule: { everyMs: HOUR, atStart: true },
  run: async (deps, now) => ({ purged: await purgeExpiredIdempotencyKeys(deps, now) }),
};
