// GET /me: the caller and their org. Billing details go to admins only (the serializer blanks them otherwise).
import type { ActorContext } from '@tandem/core';
import type { OrgRow } from '../../http/serializers/org.ts';
import { USER_COLUMNS, type UserRow } from '../../http/serializers/user.ts';
import type { Deps } from '../shared/deps.ts';
import { loadOrg } from '../org/load-org.ts';

export async function loadMe(deps: Deps, ctx: ActorContext): Promise<{ user: UserRow; org: OrgRow }> {
  const user = await deps.db.selectFrom('users').select(USER_COLUMNS)
    .where('org_id', '=', ctx.actor.orgId).where('id', '=', ctx.actor.userId).executeTakeFirstOrThrow();
  return { user, org: await loadOrg(deps.db, ctx.actor.orgId) };
}
