// PATCH /org (admin): branding (name, accent colour) and billing details. Billing is merged field by field: a field
// left out keeps its value, `null` clears it. Audited as `org.branding.change` with the changed fields only.
import type { ActorContext } from '@tandem/core';
import { loadOrgForUpdate, updateOrgBranding as writeBranding } from '../../storage/org-queries.ts';
import type { OrgRow } from '../../storage/rows.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { asAdmin } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { billingOf, type Billing } from './org-audit.ts';

export type BrandingPatch = { name?: string; accentColor?: string; billing?: Partial<Billing> };
type Branding = { name: string; accentColor: string; billing: Billing };

function diff(was: Branding, next: Branding): { before: Partial<Branding>; after: Partial<Branding> } {
  const before: Partial<Branding> = {};
  const after: Partial<Branding> = {};
  if (was.name !== next.name) [before.name, after.name] = [was.name, next.name];
  if (was.accentColor !== next.accentColor) [before.accentColor, after.accentColor] = [was.accentColor, next.accentColor];
  if (JSON.stringify(was.billing) !== JSON.stringify(next.billing)) [before.billing, after.billing] = [was.billing, next.billing];
  return { before, after };
}

export async function updateOrgBranding(deps: Deps, ctx: ActorContext, patch: BrandingPatch): Promise<OrgRow> {
  const orgId = ctx.actor.orgId;
  return asAdmin(deps, ctx, async (trx) => {
    const row = await loadOrgForUpdate(trx, orgId);
    const was: Branding = { name: row.name, accentColor: row.accent_color, billing: billingOf(row.billing) };
    const next: Branding = {
      name: patch.name ?? was.name,
      accentColor: patch.accentColor?.toLowerCase() ?? was.accentColor,
      billing: { ...was.billing, ...patch.billing },
    };
    const { before, after } = diff(was, next);
    if (Object.keys(after).length === 0) return row;
    const updated = await writeBranding(trx, orgId, next);
    await appendAudit(trx, { orgId, actorId: ctx.actor.userId, action: 'org.branding.change', targetType: 'org', targetId: orgId, before, after, at: ctx.now });
    return updated;
  });
}
