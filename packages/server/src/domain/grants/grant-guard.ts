// Reads shared by the grant use cases.
import { AppError } from '../../errors.ts';
import type { GrantRow } from '../../http/serializers/grant.ts';
import type { Db } from '../../storage/connect.ts';
import { isId } from '../shared/admin-guard.ts';
import { loadTeamOrThrow } from '../teams/team-guard.ts';
import { loadUserOrThrow } from '../users/user-guard.ts';

export const GRANT_COLUMNS = ['id', 'owner_id', 'grantee_user_id', 'grantee_team_id', 'scope', 'level', 'starts_at', 'expires_at', 'created_by', 'created_at'] as const;

export type Grantee = { userId: string } | { teamId: string };

/** A grantee must be a user or team of the org; anything else answers 404 like a missing one. */
export async function ensureGranteeInOrg(db: Db, orgId: string, grantee: Grantee): Promise<void> {
  if ('userId' in grantee) await loadUserOrThrow(db, orgId, grantee.userId);
  else await loadTeamOrThrow(db, orgId, grantee.teamId);
}

export async function loadGrantOrThrow(db: Db, orgId: string, grantId: string): Promise<GrantRow> {
  if (!isId(grantId)) throw new AppError('TANDEM_GRANT_NOT_FOUND');
  const row = await db.selectFrom('user_grants').select(GRANT_COLUMNS).where('org_id', '=', orgId).where('id', '=', grantId).executeTakeFirst();
  if (!row) throw new AppError('TANDEM_GRANT_NOT_FOUND');
  return row;
}
