// The append-only, hash-chained audit log (spec §10). Each entry's hash covers its content and the hash of the
// entry before it, so any edit or deletion in the middle breaks the chain that `verifyAuditChain` walks.
import { createHash } from 'node:crypto';
import { insertAuditRow, lastAuditLink, loadAuditChain } from '../../storage/audit-queries.ts';
import type { Db } from '../../storage/connect.ts';
import { lockOrg } from '../../storage/org-queries.ts';

export type AuditInput = {
  orgId: string;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before?: unknown;
  after?: unknown;
  at: number;
};

const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted at every depth: jsonb does not keep key order, the hash must not depend on it. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

type Hashable = {
  org_id: string; seq: string; at: string; actor_id: string | null; action: string; target_type: string;
  target_id: string | null; before: unknown; after: unknown; prev_hash: string;
};

export function hashEntry(e: Hashable): string {
  return createHash('sha256').update(canonicalJson([e.org_id, e.seq, e.at, e.actor_id, e.action, e.target_type, e.target_id, e.before ?? null, e.after ?? null, e.prev_hash])).digest('hex');
}

/** Appends one entry. Call inside the transaction of the change it records, so both land or neither does. */
export async function appendAudit(trx: Db, input: AuditInput): Promise<void> {
  // One writer per org at a time keeps the chain linear; other orgs are not blocked.
  await lockOrg(trx, input.orgId);
  const last = await lastAuditLink(trx, input.orgId);
  const entry: Hashable = {
    org_id: input.orgId,
    seq: String(last ? BigInt(last.seq) + 1n : 1n),
    at: new Date(input.at).toISOString(),
    actor_id: input.actorId,
    action: input.action,
    target_type: input.targetType,
    target_id: input.targetId,
    before: input.before === undefined ? null : JSON.parse(canonicalJson(input.before)),
    after: input.after === undefined ? null : JSON.parse(canonicalJson(input.after)),
    prev_hash: last?.hash ?? GENESIS,
  };
  await insertAuditRow(trx, {
    ...entry,
    before: entry.before === null ? null : JSON.stringify(entry.before),
    after: entry.after === null ? null : JSON.stringify(entry.after),
    hash: hashEntry(entry),
  });
}

export type ChainVerdict = { valid: boolean; entries: number; firstBadSeq: string | null };

/** Walks the org's chain from the start, recomputing every hash. */
export async function verifyAuditChain(db: Db, orgId: string): Promise<ChainVerdict> {
  const rows = await loadAuditChain(db, orgId);
  let prev = GENESIS;
  let expectedSeq = 1n;
  for (const row of rows) {
    const recomputed = hashEntry({
      org_id: row.org_id, seq: String(row.seq), at: new Date(row.at).toISOString(), actor_id: row.actor_id,
      action: row.action, target_type: row.target_type, target_id: row.target_id,
      before: row.before, after: row.after,
      prev_hash: row.prev_hash,
    });
    if (BigInt(row.seq) !== expectedSeq || row.prev_hash !== prev || recomputed !== row.hash) {
      return { valid: false, entries: rows.length, firstBadSeq: String(row.seq) };
    }
    prev = row.hash;
    expectedSeq += 1n;
  }
  return { valid: true, entries: rows.length, firstBadSeq: null };
}
