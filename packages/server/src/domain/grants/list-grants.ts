// GET /users/:ownerId/grants and GET /grants (admin): grants of one owner, or every grant of the org (the Users page
// matrix), expired and future ones included (each says whether it is `active` now).
import type { ActorContext } from '@tandem/core';
import { listGrants as loadGrants, type GrantScope } from '../../storage/grant-queries.ts';
import type { GrantRow } from '../../storage/rows.ts';
import { requireAdminOrThrow } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { loadUserOrThrow } from '../users/user-guard.ts';

export async function listGrants(deps: Deps, ctx: ActorContext, filter: { ownerId?: string; scope?: GrantScope }): Promise<GrantRow[]> {
  requireAdminOrThrow(ctx);
  const orgId = ctx.actor.orgId;
  const ownerId = filter.ownerId === undefined ? undefined : (await loadUserOrThrow(deps.db, orgId, filter.ownerId)).id;
  return loadGrants(deps.db, orgId, { ownerId, scope: filter.scope });
}
