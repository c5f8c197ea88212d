// The trash purge job (spec §6.3): contacts trashed more than 30 days ago are deleted for good, each purge logged
// in its org's audit log. Idempotent; safe to run on an interval and on several nodes (a contact is deleted once).
// Access never depends on it: expiry and trash are decided when access is evaluated.
import { purgeExpiredTrash } from '../domain/contacts/purge-contact.ts';
import type { Db } from '../storage/connect.ts';
import type { Job } from './job.ts';

const HOUR = 60 * 60 * 1000;

export async function purgeTrash(db: Db, now: number): Promise<number> {
  return purgeExpiredTrash(db, now);
}

/** Hourly, and once at start (a server that was down for a day catches up at once). */
export const purgeTrashJob: Job = {
  name: 'purge-trash',
  schedule: { everyMs: HOUR, atStart: true },
  run: async (deps, now) => ({ purged: await purgeTrash(deps.db, now) }),
};
