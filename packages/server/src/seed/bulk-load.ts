// `tandem seed` (packages/cli) loads the CRM-N benchmark org with bulk inserts: millions of rows that no use case
// could write in time, and an org no one signed up. The load itself is recorded as one audit entry, `org.seed`
// (no actor), written here so the CLI needs no audit internals.
import { appendAudit } from '../domain/audit/audit-chain.ts';
import type { Db } from '../storage/connect.ts';

/** What was loaded: the parameters that regenerate it. */
export type BulkLoadRecord = { name: string; seed: string; contacts: number; users: number; shareAll: boolean; messagesPerContact: number };

export async function auditBulkLoad(db: Db, orgId: string, record: BulkLoadRecord, at: number): Promise<void> {
  await db.transaction().execute((trx) => appendAudit(trx, {
    orgId, actorId: null, action: 'org.seed', targetType: 'org', targetId: orgId, at, after: record,
  }));
}
