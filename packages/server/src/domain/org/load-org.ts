// Reads the caller's org row (name, branding, billing and the three switches).
import type { OrgRow } from '../../http/serializers/org.ts';
import type { Db } from '../../storage/connect.ts';

const ORG_COLUMNS = ['id', 'name', 'accent_color', 'billing', 'export_enabled', 'share_all_contacts', 'members_can_archive_delete_shared'] as const;

export async function loadOrg(db: Db, orgId: string): Promise<OrgRow> {
  return db.selectFrom('orgs').select(ORG_COLUMNS).where('id', '=', orgId).executeTakeFirstOrThrow();
}

/** The same row, locked for the rest of the transaction. */
export async function loadOrgForUpdate(db: Db, orgId: string): Promise<OrgRow> {
  return db.selectFrom('orgs').select(ORG_COLUMNS).where('id', '=', orgId).forUpdate().executeTakeFirstOrThrow();
}
