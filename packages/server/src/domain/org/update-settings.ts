// PATCH /org/settings (admin): the three team-wide switches of spec §5. One audit entry `org.settings.change`
// holds the switches that changed (before and after); a patch that changes nothing writes nothing.
import type { ActorContext } from '@tandem/core';
import { serializeOrgSettings, type OrgRow, type OrgSettingsDto } from '../../http/serializers/org.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { lockOrgAsAdmin, requireAdminOrThrow } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { loadOrgForUpdate } from './load-org.ts';

export type SettingsPatch = Partial<OrgSettingsDto>;

export async function updateOrgSettings(deps: Deps, ctx: ActorContext, patch: SettingsPatch): Promise<OrgRow> {
  requireAdminOrThrow(ctx);
  const orgId = ctx.actor.orgId;
  return deps.db.transaction().execute(async (trx) => {
    await lockOrgAsAdmin(trx, ctx);
    const row = await loadOrgForUpdate(trx, orgId);
    const was = serializeOrgSettings(row);
    const before: Partial<OrgSettingsDto> = {};
    const after: Partial<OrgSettingsDto> = {};
    for (const key of Object.keys(was) as (keyof OrgSettingsDto)[]) {
      const value = patch[key];
      if (value !== undefined && value !== was[key]) {
        before[key] = was[key];
        after[key] = value;
      }
    }
    if (Object.keys(after).length === 0) return row;
    const next = { ...was, ...after };
    const updated = await trx.updateTable('orgs').set({
      export_enabled: next.exportEnabled, share_all_contacts: next.shareAllContacts,
      members_can_archive_delete_shared: next.membersCanArchiveDeleteShared,
    }).where('id', '=', orgId).returning(['id', 'name', 'accent_color', 'billing', 'export_enabled', 'share_all_contacts', 'members_can_archive_delete_shared'])
      .executeTakeFirstOrThrow();
    await appendAudit(trx, { orgId, actorId: ctx.actor.userId, action: 'org.settings.change', targetType: 'org', targetId: orgId, before, after, at: ctx.now });
    return updated;
  });
}
