// The Org answer and the team-wide switches from a row. Billing details are shown to admins only: members receive
// `billing: null` (docs/permissions.md). The shapes are @tandem/api's org.ts.
import type { OrgDto, OrgSettingsDto } from '@tandem/api';
import { billingOf, orgSettingsOf } from '../../domain/org/org-audit.ts';
import type { OrgRow } from '../../storage/rows.ts';

export function serializeOrg(row: OrgRow, opts: { withBilling: boolean }): OrgDto {
  return { id: row.id, name: row.name, accentColor: row.accent_color, billing: opts.withBilling ? billingOf(row.billing) : null };
}

/** The switches; with `inboundSecret` for admins only (members' answers leave the field out). */
export function serializeOrgSettings(row: Pick<OrgRow, 'export_enabled' | 'share_all_contacts' | 'members_can_archive_delete_shared'>, inboundSecret?: string): OrgSettingsDto {
  return { ...orgSettingsOf(row), ...(inboundSecret !== undefined ? { inboundSecret } : {}) };
}
