// GET /me: the caller and their org. Billing details go to admins only (the serializer blanks them otherwise).
import type { ActorContext } from '@tandem/core';
import { loadOrg } from '../../storage/org-queries.ts';
import type { OrgRow, UserRow } from '../../storage/rows.ts';
import { loadUserOrThrow } from '../users/user-guard.ts';
import type { Deps } from '../shared/deps.ts';

export async function loadMe(deps: Deps, ctx: ActorContext): Promise<{ user: UserRow; org: OrgRow }> {
  const user = await loadUserOrThrow(deps.db, ctx.actor.orgId, ctx.actor.userId);
  return { user, org: await loadOrg(deps.db, ctx.actor.orgId) };
}
