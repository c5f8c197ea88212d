// PATCH /org/settings (admin): the three team-wide switches of spec §5. One audit entry `org.settings.change`
// holds the switches that changed (before and after); a patch that changes nothing writes nothing.
import type { ActorContext } from '@tandem/core';
import { loadOrgForUpdate, updateOrgSwitches } from '../../storage/org-queries.ts';
import type { OrgRow } from '../../storage/rows.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { asAdmin } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { orgSettingsOf, type OrgSettings } from './org-audit.ts';

export type SettingsPatch = Partial<OrgSettings>;

export async function updateOrgSettings(deps: Deps, ctx: ActorContext, patch: SettingsPatch): Promise<OrgRow> {
  const orgId = ctx.actor.orgId;
  return asAdmin(deps, ctx, async (trx) => {
    const row = await loadOrgForUpdate(trx, orgId);
    const was = orgSettingsOf(row);
    const before: Partial<OrgSettings> = {};
    const after: Partial<OrgSettings> = {};
    for (const key of Object.keys(was) as (keyof OrgSettings)[]) {
      const value = patch[key];
      if (value !== undefined && value !== was[key]) {
        before[key] = was[key];
        after[key] = value;
      }
    }
    if (Object.keys(after).length === 0) return row;
    const next = { ...was, ...after };
    const updated = await updateOrgSwitches(trx, orgId, next);
    await appendAudit(trx, { orgId, actorId: ctx.actor.userId, action: 'org.settings.change', targetType: 'org', targetId: orgId, before, after, at: ctx.now });
    return updated;
  });
}
