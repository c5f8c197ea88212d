// The trash purge job (spec §6.3): contacts trashed more than 30 days ago are deleted for good, each purge logged
// in its org's audit log. Idempotent; safe to run on an interval and on several nodes (a contact is deleted once).
// Access never depends on it: expiry and trash are decided when access is evaluated.
import type { Clock } from '../clock.ts';
import { purgeExpiredTrash } from '../domain/contacts/purge-contact.ts';
import type { Db } from '../storage/connect.ts';

export async function purgeTrash(db: Db, now: number): Promise<number> {
  return purgeExpiredTrash(db, now);
}

export type JobLog = { info: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };

/** Runs the purge once now and then every `everyMs`; returns a stop function. */
export function schedulePurgeTrash(db: Db, clock: Clock, log: JobLog, everyMs = 60 * 60 * 1000): () => void {
  const run = () => {
    purgeTrash(db, clock.now()).then(
      (purged) => purged > 0 && log.info({ purged }, 'purged contacts trashed more than 30 days ago'),
      (err: unknown) => log.error({ err }, 'trash purge failed; will retry'),
    );
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
