// Templates, pipelines and programs (spec §6.6, D31): the part the three share. Each has a table with an owner and a
// name, and a share table of contact_shares' shape; which ones a caller sees is the compiled `<resource>.view` policy
// of @tandem/core rendered through `handSharedBinding` (render-filter.ts), never a clause written here.
import { levelRank, type GrantLevel, type HandShared, type HandSharedFacts, type ListPolicy, type ShareFact } from '@tandem/core';
import { sql, type SqlBool } from 'kysely';
import type { Db } from './connect.ts';
import { isUuid } from './contact-queries.ts';
import { handSharedBinding, renderPolicy } from './render-filter.ts';
import type { ShareInput } from './share-queries.ts';

export const HAND_SHARED_TABLES = {
  template: { table: 'templates', shares: 'template_shares', record: 'template_id' },
  pipeline: { table: 'pipelines', shares: 'pipeline_shares', record: 'pipeline_id' },
  program: { table: 'programs', shares: 'program_shares', record: 'program_id' },
} as const satisfies Record<HandShared, { table: string; shares: string; record: string }>;

export type HandSharedShareTable = (typeof HAND_SHARED_TABLES)[HandShared]['shares'];

/** The columns every template, pipeline and program has, and its owner's name. */
export type HandSharedRow = {
  id: string; owner_id: string; owner_name: string; name: string; created_at: Date; updated_at: Date; sort_key: string;
};
export type HandSharedRecord = { row: HandSharedRow; facts: HandSharedFacts };

const SORT_KEY = sql<string>`lower(hs.name) COLLATE "C"`;

function rowsOf(db: Db, resource: HandShared, orgId: string) {
  const { table } = HAND_SHARED_TABLES[resource];
  // Kysely is shown `templates`; the three tables have the same columns, chosen by name from the fixed map above.
  return db.selectFrom(`${table} as hs` as 'templates as hs')
    .innerJoin('users as u', (j) => j.onRef('u.org_id', '=', 'hs.org_id').onRef('u.id', '=', 'hs.owner_id'))
    .select(['hs.id', 'hs.owner_id', 'u.name as owner_name', 'hs.name', 'hs.created_at', 'hs.updated_at', SORT_KEY.as('sort_key')])
    .where('hs.org_id', '=', orgId);
}

const toMs = (d: Date | null): number | null => (d === null ? null : new Date(d).getTime());

/** The shares of some records of one resource, as core facts, by record id: one query for a whole page. */
export async function loadHandSharedShares(db: Db, resource: HandShared, orgId: string, ids: readonly string[]): Promise<Map<string, ShareFact[]>> {
  const out = new Map<string, ShareFact[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const { shares, record } = HAND_SHARED_TABLES[resource];
  const rows = await db.selectFrom(`${shares} as s` as 'template_shares as s')
    .select(['s.id', 's.grantee_user_id', 's.grantee_team_id', 's.level', 's.starts_at', 's.expires_at', 's.created_by', 's.created_at'])
    .select(sql<string>`${sql.ref(`s.${record}`)}`.as('record_id'))
    .where('s.org_id', '=', orgId).where(db.dynamic.ref<'s.template_id'>(`s.${record}`), 'in', [...ids])
    .execute();
  for (const r of rows) {
    out.get(r.record_id)?.push({
      id: r.id,
      grantee: r.grantee_user_id ? { userId: r.grantee_user_id } : { teamId: r.grantee_team_id ?? '' },
      level: r.level === levelRank('edit') ? 'edit' : 'view',
      startsAt: toMs(r.starts_at), expiresAt: toMs(r.expires_at),
      grantedBy: r.created_by, grantedAt: new Date(r.created_at).getTime(),
    });
  }
  return out;
}

function withFacts(orgId: string, rows: HandSharedRow[], shares: Map<string, ShareFact[]>): HandSharedRecord[] {
  return rows.map((row) => ({ row, facts: { id: row.id, orgId, ownerId: row.owner_id, shares: shares.get(row.id) ?? [] } }));
}

/** One template, pipeline or program of the org with its shares as facts; null for a missing or malformed id. */
export async function loadHandShared(db: Db, resource: HandShared, orgId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<HandSharedRecord | null> {
  if (!isUuid(id)) return null;
  let query = rowsOf(db, resource, orgId).where('hs.id', '=', id);
  if (options.forUpdate) query = query.forUpdate('hs');
  const row = await query.executeTakeFirst();
  if (!row) return null;
  const [record] = withFacts(orgId, [row], await loadHandSharedShares(db, resource, orgId, [row.id]));
  return record ?? null;
}

/** One keyset page, by lower-case name, of the records `policy` (the compiled `<resource>.view`) lets through; up to `limit + 1`. */
export async function listHandShared(
  db: Db, resource: HandShared, orgId: string, policy: ListPolicy, limit: number, after?: { sortKey: string; id: string },
): Promise<HandSharedRecord[]> {
  if (policy.kind === 'denied') return [];
  let query = rowsOf(db, resource, orgId).where(renderPolicy(policy, handSharedBinding(HAND_SHARED_TABLES[resource]), orgId));
  if (after) query = query.where(sql<SqlBool>`(${SORT_KEY}, hs.id) > (${after.sortKey}, ${after.id}::uuid)`);
  const rows = await query.orderBy(SORT_KEY).orderBy('hs.id').limit(limit + 1).execute();
  return withFacts(orgId, rows, await loadHandSharedShares(db, resource, orgId, rows.map((r) => r.id)));
}

/** Inserts the common columns; the resource's own columns are written by its queries after. */
export async function insertHandShared(trx: Db, resource: HandShared, orgId: string, ownerId: string, name: string, now: number): Promise<string> {
  const { table } = HAND_SHARED_TABLES[resource];
  const values = { org_id: orgId, owner_id: ownerId, name, created_at: new Date(now), updated_at: new Date(now) };
  // Templates need a body; the template queries insert through their own function (template-queries.ts).
  const row = await trx.insertInto(table as 'pipelines').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Renames and touches `updated_at`. */
export async function touchHandShared(trx: Db, resource: HandShared, orgId: string, id: string, now: number, name?: string): Promise<void> {
  const { table } = HAND_SHARED_TABLES[resource];
  await trx.updateTable(table as 'pipelines').set({ updated_at: new Date(now), ...(name !== undefined ? { name } : {}) })
    .where('org_id', '=', orgId).where('id', '=', id).execute();
}

/** Deletes the record with its shares (and stages, cards, steps, enrolments: cascade). */
export async function deleteHandShared(trx: Db, resource: HandShared, orgId: string, id: string): Promise<void> {
  const { table } = HAND_SHARED_TABLES[resource];
  await trx.deleteFrom(table as 'pipelines').where('org_id', '=', orgId).where('id', '=', id).execute();
}

export async function insertHandSharedShare(
  trx: Db, resource: HandShared, orgId: string, recordId: string, input: ShareInput & { level: GrantLevel }, createdBy: string, now: number,
): Promise<string> {
  const { shares, record } = HAND_SHARED_TABLES[resource];
  // Typed as template_shares; the record column is the resource's own (`pipeline_id`, ...), named by the map.
  const row = await trx.insertInto(shares as 'template_shares').values({
    org_id: orgId, ...({ [record]: recordId } as { template_id: string }), level: levelRank(input.level),
    grantee_user_id: 'userId' in input.grantee ? input.grantee.userId : null,
    grantee_team_id: 'teamId' in input.grantee ? input.grantee.teamId : null,
    starts_at: input.startsAt, expires_at: input.expiresAt, created_by: createdBy, created_at: new Date(now),
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateHandSharedShare(
  trx: Db, resource: HandShared, orgId: string, shareId: string, patch: { level: GrantLevel; startsAt: Date | null; expiresAt: Date | null },
): Promise<void> {
  await trx.updateTable(HAND_SHARED_TABLES[resource].shares as 'template_shares')
    .set({ level: levelRank(patch.level), starts_at: patch.startsAt, expires_at: patch.expiresAt })
    .where('org_id', '=', orgId).where('id', '=', shareId).execute();
}

export async function deleteHandSharedShare(trx: Db, resource: HandShared, orgId: string, shareId: string): Promise<void> {
  await trx.deleteFrom(HAND_SHARED_TABLES[resource].shares as 'template_shares').where('org_id', '=', orgId).where('id', '=', shareId).execute();
}
