// Checks shared by the grant use cases: each turns a storage answer into the domain's refusal.
import type { Grantee } from '@tandem/core';
import { AppError } from '../../errors.ts';
import type { Db } from '../../storage/connect.ts';
import { loadGrant } from '../../storage/grant-queries.ts';
import type { GrantRow } from '../../storage/rows.ts';
import { loadTeamOrThrow } from '../teams/team-guard.ts';
import { loadUserOrThrow } from '../users/user-guard.ts';

/** A grantee must be a user or team of the org; anything else answers 404 like a missing one. */
export async function ensureGranteeInOrg(db: Db, orgId: string, grantee: Grantee): Promise<void> {
  if ('userId' in grantee) await loadUserOrThrow(db, orgId, grantee.userId);
  else await loadTeamOrThrow(db, orgId, grantee.teamId);
}

/** The grant, or 404 for a missing, malformed or other-org id alike. */
export async function loadGrantOrThrow(db: Db, orgId: string, grantId: string): Promise<GrantRow> {
  const row = await loadGrant(db, orgId, grantId);
  if (!row) throw new AppError('TANDEM_GRANT_NOT_FOUND');
  return row;
}
