// Tampering with the audit log as someone with the table owner's (here the tests' superuser's) rights would: the
// append-only triggers of migration 0017 are off for one transaction only, so no other test sees them off.
import { sql } from 'kysely';
import type { Db } from '../../../src/storage/connect.ts';

export async function asOwner<T>(db: Db, change: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    return change(trx);
  });
}
