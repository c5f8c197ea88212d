// The trash purge job (spec §6.3): contacts trashed more than 30 days ago are deleted for good, each purge logged
// in its org's audit log. Idempotent; safe to run on an interval and on several nodes (a contact is deleted once).
import { purgeExpiredTrash } from '../domain/contact-purge.ts';
import type { Db } from '../storage/connect.ts';

export async function purgeTrash(db: Db, now: number): Promise<number> {
  return purgeExpiredTrash(db, now);
}
