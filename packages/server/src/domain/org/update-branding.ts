// PATCH /org (admin): branding (name, accent colour) and billing details. Billing is merged field by field: a field
// left out keeps its value, `null` clears it. Audited as `org.branding.change` with the changed fields only.
import type { ActorContext } from '@tandem/core';
import { billingOf, type BillingDto, type OrgRow } from '../../http/serializers/org.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { lockOrgAsAdmin, requireAdminOrThrow } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { loadOrgForUpdate } from './load-org.ts';

export type BrandingPatch = { name?: string; accentColor?: string; billing?: Partial<BillingDto> };
type Branding = { name: string; accentColor: string; billing: BillingDto };

function diff(was: Branding, next: Branding): { before: Partial<Branding>; after: Partial<Branding> } {
  const before: Partial<Branding> = {};
  const after: Partial<Branding> = {};
  if (was.name !== next.name) [before.name, after.name] = [was.name, next.name];
  if (was.accentColor !== next.accentColor) [before.accentColor, after.accentColor] = [was.accentColor, next.accentColor];
  if (JSON.stringify(was.billing) !== JSON.stringify(next.billing)) [before.billing, after.billing] = [was.billing, next.billing];
  return { before, after };
}

export async function updateOrgBranding(deps: Deps, ctx: ActorContext, patch: BrandingPatch): Promise<OrgRow> {
  requireAdminOrThrow(ctx);
  const orgId = ctx.actor.orgId;
  return deps.db.transaction().execute(async (trx) => {
    await lockOrgAsAdmin(trx, ctx);
    const row = await loadOrgForUpdate(trx, orgId);
    const was: Branding = { name: row.name, accentColor: row.accent_color, billing: billingOf(row.billing) };
    const next: Branding = {
      name: patch.name ?? was.name,
      accentColor: patch.accentColor?.toLowerCase() ?? was.accentColor,
      billing: { ...was.billing, ...patch.billing },
    };
    const { before, after } = diff(was, next);
    if (Object.keys(after).length === 0) return row;
    const updated = await trx.updateTable('orgs').set({ name: next.name, accent_color: next.accentColor, billing: JSON.stringify(next.billing) })
      .where('id', '=', orgId).returning(['id', 'name', 'accent_color', 'billing', 'export_enabled', 'share_all_contacts', 'members_can_archive_delete_shared'])
      .executeTakeFirstOrThrow();
    await appendAudit(trx, { orgId, actorId: ctx.actor.userId, action: 'org.branding.change', targetType: 'org', targetId: orgId, before, after, at: ctx.now });
    return updated;
  });
}
