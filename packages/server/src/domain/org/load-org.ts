// GET /org/settings: any signed-in member reads the caller's org (name, branding, billing and the three switches);
// the route shows the switches, and to admins the org's inbound secret (made on this first read if the org has none).
import { canManageOrg, type ActorContext } from '@tandem/core';
import { loadOrg as loadOrgRow } from '../../storage/org-queries.ts';
import type { OrgRow } from '../../storage/rows.ts';
import { ensureInboundSecret } from '../inbound/inbound-secret.ts';
import type { Deps } from '../shared/deps.ts';

export function loadOrg(deps: Deps, ctx: ActorContext): Promise<OrgRow> {
  return loadOrgRow(deps.db, ctx.actor.orgId);
}

/** The org, and its inbound secret when the caller is an admin (members never see it: undefined). */
export async function loadOrgSettings(deps: Deps, ctx: ActorContext): Promise<{ org: OrgRow; inboundSecret: string | undefined }> {
  const org = await loadOrg(deps, ctx);
  return { org, inboundSecret: canManageOrg(ctx) ? await ensureInboundSecret(deps, ctx.actor.orgId) : undefined };
}
