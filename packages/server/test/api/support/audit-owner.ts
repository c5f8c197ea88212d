// Tampering with the audit log as someone with the table owner's (here the tests' superuser's) rights would: the
// append-only triggers of migration 0017 are off for one transaction only, so no other test sees them off.
import { sql } from 'kysely';
import type { hashEntry } from '../../../src/domain/audit/audit-chain.ts';
import { loadAuditChain, type AuditRow } from '../../../src/storage/audit-queries.ts';
import type { Db } from '../../../src/storage/connect.ts';

export async function asOwner<T>(db: Db, change: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    return change(trx);
  });
}

const GENESIS = '0'.repeat(64);
export type Hasher = (e: Parameters<typeof hashEntry>[0]) => string;

export const jsonText = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/** Replaces the org's chain by `edit(rows)` with every link recomputed by `hash`: a rewrite end to end. */
export async function rewriteChain(db: Db, orgId: string, hash: Hasher, edit: (rows: AuditRow[]) => AuditRow[]): Promise<void> {
  const rows = edit(await loadAuditChain(db, orgId));
  let prev = GENESIS;
  const rewritten = rows.map((r, i) => {
    const e = { ...r, seq: String(i + 1), at: new Date(r.at).toISOString(), prev_hash: prev };
    const out = { ...e, hash: hash(e) };
    prev = out.hash;
    return out;
  });
  await asOwner(db, async (trx) => {
    await sql`DELETE FROM audit_log WHERE org_id = ${orgId}`.execute(trx);
    await trx.insertInto('audit_log').values(rewritten.map((r) => ({ ...r, before: jsonText(r.before), after: jsonText(r.after) }))).execute();
  });
}
