// Reads and writes of user grants (user_grants). Every query names the org.
import { levelRank, type Grantee, type GrantLevel } from '@tandem/core';
import type { Db } from './connect.ts';
import { isUuid } from './ids.ts';
import { GRANT_COLUMNS, type GrantRow } from './rows.ts';

export type GrantScope = 'contacts' | 'calendar';

/** The grant; null for a missing, malformed or other-org id alike. */
export async function loadGrant(db: Db, orgId: string, grantId: string): Promise<GrantRow | null> {
  if (!isUuid(grantId)) return null;
  const row = await db.selectFrom('user_grants').select(GRANT_COLUMNS).where('org_id', '=', orgId).where('id', '=', grantId).executeTakeFirst();
  return row ?? null;
}

/** The org's grants, of one owner and of one scope when given, oldest first. */
export function listGrants(db: Db, orgId: string, filter: { ownerId?: string; scope?: GrantScope }): Promise<GrantRow[]> {
  let query = db.selectFrom('user_grants').select(GRANT_COLUMNS).where('org_id', '=', orgId);
  if (filter.ownerId !== undefined) query = query.where('owner_id', '=', filter.ownerId);
  if (filter.scope) query = query.where('scope', '=', filter.scope);
  return query.orderBy('created_at').orderBy('id').execute();
}

/** Deletes the grants of one owner, grantee and scope (at most one exists); answers them. */
export function deleteGrantsOf(trx: Db, orgId: string, ownerId: string, grantee: Grantee, scope: GrantScope): Promise<GrantRow[]> {
  let query = trx.deleteFrom('user_grants').where('org_id', '=', orgId).where('owner_id', '=', ownerId).where('scope', '=', scope);
  query = 'userId' in grantee ? query.where('grantee_user_id', '=', grantee.userId) : query.where('grantee_team_id', '=', grantee.teamId);
  return query.returning(GRANT_COLUMNS).execute();
}

export type NewGrantRow = {
  orgId: string; ownerId: string; grantee: Grantee; scope: GrantScope; level: GrantLevel;
  startsAt: Date | string | null; expiresAt: Date | string | null; createdBy: string; now: number;
};

export async function insertGrant(trx: Db, g: NewGrantRow): Promise<GrantRow> {
  return trx.insertInto('user_grants').values({
    org_id: g.orgId, owner_id: g.ownerId, scope: g.scope, level: levelRank(g.level),
    grantee_user_id: 'userId' in g.grantee ? g.grantee.userId : null, grantee_team_id: 'teamId' in g.grantee ? g.grantee.teamId : null,
    starts_at: g.startsAt, expires_at: g.expiresAt, created_by: g.createdBy, created_at: new Date(g.now),
  }).returning(GRANT_COLUMNS).executeTakeFirstOrThrow();
}

export async function deleteGrant(trx: Db, orgId: string, grantId: string): Promise<void> {
  await trx.deleteFrom('user_grants').where('org_id', '=', orgId).where('id', '=', grantId).execute();
}
