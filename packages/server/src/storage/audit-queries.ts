// The audit_log table: the last link of an org's chain, appends, the whole chain in order, and keyset pages newest
// first with the actor's name. Hashing and verification are the domain's (domain/audit/audit-chain.ts). jsonb
// columns come back parsed from PostgreSQL and PGlite alike; a string (a driver that does not parse) is parsed here.
import type { Insertable, Selectable } from 'kysely';
import type { Db } from './connect.ts';
import type { AuditLogTable } from './schema.ts';

export type AuditRow = Selectable<AuditLogTable>;
/** What an append writes: seq, hash and the JSON text of before and after are the caller's. */
export type NewAuditRow = Insertable<AuditLogTable>;

function parseJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

/** The org's newest entry (seq and hash), to chain the next one to. Call holding the org's lock (lockOrg). */
export async function lastAuditLink(trx: Db, orgId: string): Promise<{ seq: string; hash: string } | null> {
  const row = await trx.selectFrom('audit_log').select(['seq', 'hash']).where('org_id', '=', orgId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ?? null;
}

export async function insertAuditRow(trx: Db, row: NewAuditRow): Promise<void> {
  await trx.insertInto('audit_log').values(row).execute();
}

/** The org's last entry hashed without a key (migration 0017), or null when all of its entries are keyed. */
export async function unkeyedHead(db: Db, orgId: string): Promise<{ seq: string; hash: string } | null> {
  const row = await db.selectFrom('audit_unkeyed_heads').select(['seq', 'hash']).where('org_id', '=', orgId).executeTakeFirst();
  return row ? { seq: String(row.seq), hash: row.hash } : null;
}

/** The org's whole chain, oldest first. */
export async function loadAuditChain(db: Db, orgId: string): Promise<AuditRow[]> {
  const rows = await db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId).orderBy('seq', 'asc').execute();
  return rows.map((r) => ({ ...r, before: parseJson(r.before), after: parseJson(r.after) }));
}

export type AuditPageRow = Omit<AuditRow, 'org_id'> & { actor_name: string | null };

/** What GET /audit filters on; absent fields do not filter. `action.prefix` ends with a dot. */
export type AuditWhere = {
  /** A user's id, or null for the entries no user made. */
  actorId?: string | null | undefined;
  action?: { exact: string } | { prefix: string } | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
};

/** LIKE's wildcards and its escape character, escaped: a prefix matches itself only. */
const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * One page of the org's entries, newest first, older than `beforeSeq` when given, under `where`; `limit + 1` rows.
 * Migration 0012's indexes lead with (org_id, actor_id | target | action) and end in seq, so a selective filter
 * walks its own entries in seq order instead of the whole log.
 */
export async function listAuditPage(db: Db, orgId: string, limit: number, where: AuditWhere = {}, beforeSeq?: string): Promise<AuditPageRow[]> {
  let query = db.selectFrom('audit_log')
    .leftJoin('users', (j) => j.onRef('users.org_id', '=', 'audit_log.org_id').onRef('users.id', '=', 'audit_log.actor_id'))
    .select(['audit_log.seq', 'audit_log.id', 'audit_log.at', 'audit_log.actor_id', 'users.name as actor_name', 'audit_log.action',
      'audit_log.target_type', 'audit_log.target_id', 'audit_log.before', 'audit_log.after', 'audit_log.prev_hash', 'audit_log.hash'])
    .where('audit_log.org_id', '=', orgId).orderBy('audit_log.seq', 'desc').limit(limit + 1);
  if (beforeSeq !== undefined) query = query.where('audit_log.seq', '<', beforeSeq);
  if (where.actorId === null) query = query.where('audit_log.actor_id', 'is', null);
  else if (where.actorId !== undefined) query = query.where('audit_log.actor_id', '=', where.actorId);
  if (where.action && 'exact' in where.action) query = query.where('audit_log.action', '=', where.action.exact);
  if (where.action && 'prefix' in where.action) query = query.where('audit_log.action', 'like', likePrefix(where.action.prefix));
  if (where.targetType !== undefined) query = query.where('audit_log.target_type', '=', where.targetType);
  if (where.targetId !== undefined) query = query.where('audit_log.target_id', '=', where.targetId);
  if (where.from !== undefined) query = query.where('audit_log.at', '>=', where.from);
  if (where.to !== undefined) query = query.where('audit_log.at', '<', where.to);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, before: parseJson(r.before), after: parseJson(r.after) }));
}
