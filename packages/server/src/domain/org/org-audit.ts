// The org as the domain reads it: billing details from the stored JSON, the three switches, and the audit snapshot
// of an org (spec §10; the same JSON `org.create` has always held).
import type { OrgRow } from '../../storage/rows.ts';

export type Billing = { contactName: string | null; email: string | null; address: string | null; vatId: string | null };
export type OrgSettings = { exportEnabled: boolean; shareAllContacts: boolean; membersCanArchiveDeleteShared: boolean };
export type OrgSnapshot = { id: string; name: string; accentColor: string; billing: Billing };

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** The four billing fields of the stored JSON; anything else in it is ignored, a missing field is null. */
export function billingOf(raw: Record<string, unknown> | string | null): Billing {
  const b = (typeof raw === 'string' ? JSON.parse(raw) : raw ?? {}) as Record<string, unknown>;
  return { contactName: text(b.contactName), email: text(b.email), address: text(b.address), vatId: text(b.vatId) };
}

export function orgSettingsOf(row: Pick<OrgRow, 'export_enabled' | 'share_all_contacts' | 'members_can_archive_delete_shared'>): OrgSettings {
  return {
    exportEnabled: row.export_enabled,
    shareAllContacts: row.share_all_contacts,
    membersCanArchiveDeleteShared: row.members_can_archive_delete_shared,
  };
}

export function orgSnapshot(row: OrgRow): OrgSnapshot {
  return { id: row.id, name: row.name, accentColor: row.accent_color, billing: billingOf(row.billing) };
}
