// Record shares (contact_shares) and the names of the people, teams and buckets that shares and explanations
// mention. Name lookups take a whole page of ids at once: one query per kind, never one per row.
import { levelRank, type Grantee, type ShareLevel } from '@tandem/core';
import type { Db } from './connect.ts';
import { isUuid } from './contact-queries.ts';

/** The columns every share has, whatever it shares. */
export type ShareCore = {
  id: string; grantee_user_id: string | null; grantee_team_id: string | null; level: number;
  starts_at: Date | null; expires_at: Date | null; created_by: string | null; created_at: Date;
};
/** The share tables, each with the column naming what it shares (templates, pipelines, programs: 0014, D31). */
export const SHARE_TABLES = {
  contact_shares: 'contact_id', bucket_shares: 'bucket_id',
  template_shares: 'template_id', pipeline_shares: 'pipeline_id', program_shares: 'program_id',
} as const;
export type ShareTable = keyof typeof SHARE_TABLES;
/** A stored share of `T`: its columns and the id of the contact or bucket it shares. */
export type ShareRowOf<T extends ShareTable> = ShareCore & { [K in (typeof SHARE_TABLES)[T]]: string };
/** A share with what the share lists show of its grantee: the name, and whether a user grantee is still active. */
export type WithGrantee<R> = R & { grantee_name: string | null; grantee_active: boolean };

export type ShareRow = ShareRowOf<'contact_shares'>;
export type ShareWithGrantee = WithGrantee<ShareRow>;

const CORE_COLUMNS = ['id', 'grantee_user_id', 'grantee_team_id', 'level', 'starts_at', 'expires_at', 'created_by', 'created_at'] as const;

export type ShareInput = { grantee: Grantee; level: ShareLevel; startsAt: Date | null; expiresAt: Date | null };

/**
 * The one "shares with their grantee's name" query, for contact shares and bucket shares alike: the shares of one
 * contact or bucket of the org, each with its grantee user's or team's name. Both tables have the same columns
 * but the target's (SHARE_TABLES); Kysely is shown contact_shares and the target column is referenced dynamically.
 */
function sharesWithGrantee(db: Db, table: ShareTable, orgId: string, targetId: string) {
  const target = SHARE_TABLES[table];
  return db.selectFrom(`${table} as s` as 'contact_shares as s')
    .leftJoin('users as u', (j) => j.onRef('u.org_id', '=', 's.org_id').onRef('u.id', '=', 's.grantee_user_id'))
    .leftJoin('teams as t', (j) => j.onRef('t.org_id', '=', 's.org_id').onRef('t.id', '=', 's.grantee_team_id'))
    .select(CORE_COLUMNS.map((c) => `s.${c}` as const))
    .select([db.dynamic.ref<`s.${typeof target}`>(`s.${target}`), 'u.name as user_name', 't.name as team_name', 'u.status as user_status'])
    .where('s.org_id', '=', orgId).where(db.dynamic.ref<'s.contact_id'>(`s.${target}`), '=', targetId);
}

type JoinedRow = ShareCore & { user_name: string | null; team_name: string | null; user_status: string | null };

function withGrantee<T extends ShareTable>({ user_name, team_name, user_status, ...row }: JoinedRow): WithGrantee<ShareRowOf<T>> {
  const share = row as ShareRowOf<T>;
  return { ...share, grantee_name: user_name ?? team_name ?? null, grantee_active: row.grantee_team_id !== null || user_status === 'active' };
}

/** Every share of one contact, bucket, template, pipeline or program (active or not), with the grantee's name, oldest first. */
export async function listSharesOf<T extends ShareTable>(db: Db, table: T, orgId: string, targetId: string): Promise<WithGrantee<ShareRowOf<T>>[]> {
  const rows = await sharesWithGrantee(db, table, orgId, targetId).orderBy('s.created_at').orderBy('s.id').execute();
  return rows.map((row) => withGrantee<T>(row));
}

/**
 * One share of one contact or bucket; null for a missing or malformed id, or a share of another target. With
 * `forUpdate` the share's row stays locked until the transaction ends: a concurrent change or revocation of the
 * same share waits, then finds the share as this one left it (or gone), so racing writes succeed once.
 */
export async function loadShareOf<T extends ShareTable>(
  db: Db, table: T, orgId: string, targetId: string, shareId: string, options: { forUpdate?: boolean } = {},
): Promise<WithGrantee<ShareRowOf<T>> | null> {
  if (!isUuid(shareId)) return null;
  let query = sharesWithGrantee(db, table, orgId, targetId).where('s.id', '=', shareId);
  if (options.forUpdate) query = query.forUpdate('s');
  const row = await query.executeTakeFirst();
  return row ? withGrantee<T>(row) : null;
}

/** Every share of one contact (active or not), with the grantee's name, oldest first. */
export async function listContactShares(db: Db, orgId: string, contactId: string): Promise<ShareWithGrantee[]> {
  return listSharesOf(db, 'contact_shares', orgId, contactId);
}

/** One share of one contact; null for a missing or malformed id, or a share of another contact. */
export async function loadContactShare(db: Db, orgId: string, contactId: string, shareId: string): Promise<ShareWithGrantee | null> {
  return loadShareOf(db, 'contact_shares', orgId, contactId, shareId);
}

/** As loadContactShare, and locks the share's row until the transaction ends (see loadShareOf). */
export async function lockContactShare(trx: Db, orgId: string, contactId: string, shareId: string): Promise<ShareWithGrantee | null> {
  return loadShareOf(trx, 'contact_shares', orgId, contactId, shareId, { forUpdate: true });
}

export async function insertContactShare(trx: Db, orgId: string, contactId: string, input: ShareInput, createdBy: string, now: number): Promise<string> {
  const row = await trx.insertInto('contact_shares').values({
    org_id: orgId, contact_id: contactId, level: levelRank(input.level),
    grantee_user_id: 'userId' in input.grantee ? input.grantee.userId : null,
    grantee_team_id: 'teamId' in input.grantee ? input.grantee.teamId : null,
    starts_at: input.startsAt, expires_at: input.expiresAt, created_by: createdBy, created_at: new Date(now),
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateContactShare(trx: Db, orgId: string, shareId: string, patch: { level: ShareLevel; startsAt: Date | null; expiresAt: Date | null }): Promise<void> {
  await trx.updateTable('contact_shares').set({ level: levelRank(patch.level), starts_at: patch.startsAt, expires_at: patch.expiresAt })
    .where('org_id', '=', orgId).where('id', '=', shareId).execute();
}

/** Deletes a share; false when it was already gone. */
export async function deleteContactShare(trx: Db, orgId: string, shareId: string): Promise<boolean> {
  const result = await trx.deleteFrom('contact_shares').where('org_id', '=', orgId).where('id', '=', shareId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export type UserBrief = { id: string; name: string; status: 'active' | 'deactivated' };

/** A user of the org; null for a missing, malformed or other-org id alike. */
export async function loadUserBrief(db: Db, orgId: string, userId: string): Promise<UserBrief | null> {
  if (!isUuid(userId)) return null;
  const row = await db.selectFrom('users').select(['id', 'name', 'status']).where('org_id', '=', orgId).where('id', '=', userId).executeTakeFirst();
  return row ?? null;
}

export async function teamExists(db: Db, orgId: string, teamId: string): Promise<boolean> {
  if (!isUuid(teamId)) return false;
  const row = await db.selectFrom('teams').select('id').where('org_id', '=', orgId).where('id', '=', teamId).executeTakeFirst();
  return row !== undefined;
}

function wanted(ids: Iterable<string | null | undefined>): string[] {
  return [...new Set([...ids].filter((id): id is string => typeof id === 'string' && isUuid(id)))];
}

export async function loadUserNames(db: Db, orgId: string, ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const list = wanted(ids);
  if (list.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('org_id', '=', orgId).where('id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function loadTeamNames(db: Db, orgId: string, ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const list = wanted(ids);
  if (list.length === 0) return new Map();
  const rows = await db.selectFrom('teams').select(['id', 'name']).where('org_id', '=', orgId).where('id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function loadBucketNames(db: Db, orgId: string, ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const list = wanted(ids);
  if (list.length === 0) return new Map();
  const rows = await db.selectFrom('buckets').select(['id', 'name']).where('org_id', '=', orgId).where('id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
