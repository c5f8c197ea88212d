// Reads and writes of the org row (name, branding, billing and the three switches), and the org's write lock.
import { sql } from 'kysely';
import type { Db } from './connect.ts';
import { ORG_COLUMNS, type OrgRow } from './rows.ts';

/**
 * Serialises the org's writes until the transaction ends: administrative changes take it, and so does every audit
 * append (one lock, so no lock order to get wrong); other orgs are not blocked.
 */
export async function lockOrg(trx: Db, orgId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${orgId}))`.execute(trx);
}

export async function insertOrg(trx: Db, name: string, now: number, inboundSecret: string | null = null): Promise<OrgRow> {
  return trx.insertInto('orgs').values({ name, created_at: new Date(now), inbound_secret: inboundSecret }).returning(ORG_COLUMNS).executeTakeFirstOrThrow();
}

export async function loadOrg(db: Db, orgId: string): Promise<OrgRow> {
  return db.selectFrom('orgs').select(ORG_COLUMNS).where('id', '=', orgId).executeTakeFirstOrThrow();
}

/** The same row, locked for the rest of the transaction. */
export async function loadOrgForUpdate(trx: Db, orgId: string): Promise<OrgRow> {
  return trx.selectFrom('orgs').select(ORG_COLUMNS).where('id', '=', orgId).forUpdate().executeTakeFirstOrThrow();
}

export type OrgBrandingRow = { name: string; accentColor: string; billing: Record<string, unknown> };

export async function updateOrgBranding(trx: Db, orgId: string, branding: OrgBrandingRow): Promise<OrgRow> {
  return trx.updateTable('orgs').set({ name: branding.name, accent_color: branding.accentColor, billing: JSON.stringify(branding.billing) })
    .where('id', '=', orgId).returning(ORG_COLUMNS).executeTakeFirstOrThrow();
}

export type OrgSwitchesRow = { exportEnabled: boolean; shareAllContacts: boolean; membersCanArchiveDeleteShared: boolean };

export async function updateOrgSwitches(trx: Db, orgId: string, switches: OrgSwitchesRow): Promise<OrgRow> {
  return trx.updateTable('orgs').set({
    export_enabled: switches.exportEnabled, share_all_contacts: switches.shareAllContacts,
    members_can_archive_delete_shared: switches.membersCanArchiveDeleteShared,
  }).where('id', '=', orgId).returning(ORG_COLUMNS).executeTakeFirstOrThrow();
}
