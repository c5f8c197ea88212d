// GET /users/:ownerId/grants and GET /grants (admin): grants of one owner, or every grant of the org (the Users page
// matrix), expired and future ones included (each says whether it is `active` now).
import type { ActorContext } from '@tandem/core';
import type { GrantRow } from '../../http/serializers/grant.ts';
import { requireAdminOrThrow } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { GRANT_COLUMNS } from './grant-guard.ts';
import { loadUserOrThrow } from '../users/user-guard.ts';

export async function listGrants(deps: Deps, ctx: ActorContext, filter: { ownerId?: string; scope?: 'contacts' | 'calendar' }): Promise<GrantRow[]> {
  requireAdminOrThrow(ctx);
  const orgId = ctx.actor.orgId;
  let query = deps.db.selectFrom('user_grants').select(GRANT_COLUMNS).where('org_id', '=', orgId);
  if (filter.ownerId !== undefined) query = query.where('owner_id', '=', (await loadUserOrThrow(deps.db, orgId, filter.ownerId)).id);
  if (filter.scope) query = query.where('scope', '=', filter.scope);
  return query.orderBy('created_at').orderBy('id').execute();
}
