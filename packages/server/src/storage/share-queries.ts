// Record shares (contact_shares) and the names of the people, teams and buckets that shares and explanations
// mention. Name lookups take a whole page of ids at once: one query per kind, never one per row.
import { levelRank, type Grantee, type ShareLevel } from '@tandem/core';
import type { Db } from './connect.ts';
import { isUuid } from './contact-queries.ts';

export type ShareRow = {
  id: string; contact_id: string; grantee_user_id: string | null; grantee_team_id: string | null; level: number;
  starts_at: Date | null; expires_at: Date | null; created_by: string | null; created_at: Date;
};
export type ShareWithGrantee = ShareRow & { grantee_name: string | null; grantee_active: boolean };

const SHARE_COLUMNS = ['id', 'contact_id', 'grantee_user_id', 'grantee_team_id', 'level', 'starts_at', 'expires_at', 'created_by', 'created_at'] as const;

export type ShareInput = { grantee: Grantee; level: ShareLevel; startsAt: Date | null; expiresAt: Date | null };

function sharesWithGrantee(db: Db, orgId: string, contactId: string) {
  return db.selectFrom('contact_shares as s')
    .leftJoin('users as u', (j) => j.onRef('u.org_id', '=', 's.org_id').onRef('u.id', '=', 's.grantee_user_id'))
    .leftJoin('teams as t', (j) => j.onRef('t.org_id', '=', 's.org_id').onRef('t.id', '=', 's.grantee_team_id'))
    .select(SHARE_COLUMNS.map((c) => `s.${c}` as const))
    .select(['u.name as user_name', 't.name as team_name', 'u.status as user_status'])
    .where('s.org_id', '=', orgId).where('s.contact_id', '=', contactId);
}

type JoinedRow = ShareRow & { user_name: string | null; team_name: string | null; user_status: string | null };

function withGrantee({ user_name, team_name, user_status, ...row }: JoinedRow): ShareWithGrantee {
  return { ...row, grantee_name: user_name ?? team_name ?? null, grantee_active: row.grantee_team_id !== null || user_status === 'active' };
}

/** Every share of one contact (active or not), with the grantee's name, oldest first. */
export async function listContactShares(db: Db, orgId: string, contactId: string): Promise<ShareWithGrantee[]> {
  const rows = await sharesWithGrantee(db, orgId, contactId).orderBy('s.created_at').orderBy('s.id').execute();
  return rows.map(withGrantee);
}

/** One share of one contact; null for a missing or malformed id, or a share of another contact. */
export async function loadContactShare(db: Db, orgId: string, contactId: string, shareId: string): Promise<ShareWithGrantee | null> {
  if (!isUuid(shareId)) return null;
  const row = await sharesWithGrantee(db, orgId, contactId).where('s.id', '=', shareId).executeTakeFirst();
  return row ? withGrantee(row) : null;
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

export async function deleteContactShare(trx: Db, orgId: string, shareId: string): Promise<void> {
  await trx.deleteFrom('contact_shares').where('org_id', '=', orgId).where('id', '=', shareId).execute();
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
