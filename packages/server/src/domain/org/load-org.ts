// GET /org/settings: any signed-in member reads the caller's org (name, branding, billing and the three switches);
// the route shows the switches.
import type { ActorContext } from '@tandem/core';
import { loadOrg as loadOrgRow } from '../../storage/org-queries.ts';
import type { OrgRow } from '../../storage/rows.ts';
import type { Deps } from '../shared/deps.ts';

export function loadOrg(deps: Deps, ctx: ActorContext): Promise<OrgRow> {
  return loadOrgRow(deps.db, ctx.actor.orgId);
}
