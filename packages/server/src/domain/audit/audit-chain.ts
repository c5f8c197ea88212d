// The append-only, hash-chained audit log (spec §10). Each entry's hash covers its content and the hash of the
// entry before it, so any edit or deletion in the middle breaks the chain that `verifyAuditChain` walks. Since
// migration 0017 (D45) the hash is an HMAC under the server's audit key, written `k1:<hex>`, so someone who can
// write the database but lacks the key cannot recompute a chain that verifies; the entries written before keep
// their plain SHA-256 hashes up to the per-org seq that the migration recorded (audit_unkeyed_heads).
import { createHash, createHmac } from 'node:crypto';
import { insertAuditRow, lastAuditLink, loadAuditChain, unkeyedHead } from '../../storage/audit-queries.ts';
import type { Db } from '../../storage/connect.ts';
import { lockOrg } from '../../storage/org-queries.ts';
import { auditKeys } from './audit-keys.ts';

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

function hashInput(e: Hashable): string {
  return canonicalJson([e.org_id, e.seq, e.at, e.actor_id, e.action, e.target_type, e.target_id, e.before ?? null, e.after ?? null, e.prev_hash]);
}

/** The plain SHA-256 hash that entries carried before migration 0017. */
export function hashEntry(e: Hashable): string {
  return createHash('sha256').update(hashInput(e)).digest('hex');
}

export const KEYED_HASH_PREFIX = 'k1:';

/** The keyed hash every new entry carries: HMAC-SHA256 under the audit key, marked `k1:`. */
export function keyedHashEntry(e: Hashable, hmacKey: Buffer): string {
  return `${KEYED_HASH_PREFIX}${createHmac('sha256', hmacKey).update(hashInput(e)).digest('hex')}`;
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
    hash: keyedHashEntry(entry, auditKeys().hmacKey),
  });
}

export type ChainVerdict = { valid: boolean; entries: number; firstBadSeq: string | null };
/** The verdict and the chain's last entry (null when empty), which a checkpoint signs. */
export type ChainWalk = ChainVerdict & { head: { seq: string; hash: string } | null; hashAt: (seq: string) => string | undefined };

/**
 * Walks the org's chain from the start, recomputing every hash: plain SHA-256 up to the org's unkeyed head (which
 * must match the hash recorded by migration 0017), HMAC under `hmacKey` after it.
 */
export async function walkAuditChain(db: Db, orgId: string, hmacKey: Buffer = auditKeys().hmacKey): Promise<ChainWalk> {
  const rows = await loadAuditChain(db, orgId);
  const legacy = await unkeyedHead(db, orgId);
  // The stored hash at each seq, broken links included: a checkpoint says what the row at its seq held.
  const hashes = new Map(rows.map((r) => [String(r.seq), r.hash]));
  const hashAt = (seq: string) => hashes.get(seq);
  const bad = (seq: string): ChainWalk => ({ valid: false, entries: rows.length, firstBadSeq: seq, head: null, hashAt });
  let prev = GENESIS;
  let expectedSeq = 1n;
  for (const row of rows) {
    const entry: Hashable = {
      org_id: row.org_id, seq: String(row.seq), at: new Date(row.at).toISOString(), actor_id: row.actor_id,
      action: row.action, target_type: row.target_type, target_id: row.target_id,
      before: row.before, after: row.after,
      prev_hash: row.prev_hash,
    };
    const unkeyed = legacy !== null && BigInt(row.seq) <= BigInt(legacy.seq);
    const recomputed = unkeyed ? hashEntry(entry) : keyedHashEntry(entry, hmacKey);
    const legacyHeadMoved = unkeyed && String(row.seq) === legacy.seq && row.hash !== legacy.hash;
    if (BigInt(row.seq) !== expectedSeq || row.prev_hash !== prev || recomputed !== row.hash || legacyHeadMoved) return bad(String(row.seq));
    prev = row.hash;
    expectedSeq += 1n;
  }
  // Entries cut off the end, back past the recorded unkeyed head.
  if (legacy !== null && expectedSeq <= BigInt(legacy.seq)) return bad(String(expectedSeq));
  const last = rows[rows.length - 1];
  return { valid: true, entries: rows.length, firstBadSeq: null, head: last ? { seq: String(last.seq), hash: last.hash } : null, hashAt };
}

/** Walks the org's chain from the start, recomputing every hash. */
export async function verifyAuditChain(db: Db, orgId: string, hmacKey?: Buffer): Promise<ChainVerdict> {
  const { valid, entries, firstBadSeq } = await walkAuditChain(db, orgId, hmacKey);
  return { valid, entries, firstBadSeq };
}
