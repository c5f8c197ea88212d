// Invitations: one-time links that let someone join an org. Only the SHA-256 of a link's token is stored; the link
// is found by that hash before any org is known (invitations_token_key, docs/decisions.md D5).
import { sql, type Selectable } from 'kysely';
import type { Db } from './connect.ts';
import { isUuid } from './ids.ts';
import type { InvitationsTable } from './schema.ts';

export const INVITATION_COLUMNS = [
  'id', 'email', 'name', 'role', 'invited_by', 'created_at', 'expires_at', 'accepted_at', 'accepted_user_id', 'revoked_at',
] as const;
/** An invitation as the API and the audit log know it (never the token hash). */
export type InvitationRow = Pick<Selectable<InvitationsTable>, (typeof INVITATION_COLUMNS)[number]>;
/** An invitation found by its link, with its org and the org's name (the accept page names the org). */
export type InvitationByLink = InvitationRow & { org_id: string; org_name: string };

export type NewInvitationRow = {
  orgId: string; email: string; name: string; role: 'admin' | 'member'; tokenHash: string; invitedBy: string; now: number; expiresAt: number;
};

export async function insertInvitation(trx: Db, i: NewInvitationRow): Promise<InvitationRow> {
  return trx.insertInto('invitations').values({
    org_id: i.orgId, email: i.email, name: i.name, role: i.role, token_hash: i.tokenHash, invited_by: i.invitedBy,
    created_at: new Date(i.now), expires_at: new Date(i.expiresAt),
  }).returning(INVITATION_COLUMNS).executeTakeFirstOrThrow();
}

/** Revokes the org's open invitation of this (normalised) e-mail, if any; answers it as it was. */
export async function revokeOpenInvitationOf(trx: Db, orgId: string, email: string, at: number): Promise<InvitationRow | null> {
  const row = await trx.updateTable('invitations').set({ revoked_at: new Date(at) })
    .where('org_id', '=', orgId).where('email', '=', email).where('accepted_at', 'is', null).where('revoked_at', 'is', null)
    .returning(INVITATION_COLUMNS).executeTakeFirst();
  return row ?? null;
}

/** Revokes one open invitation; null when there is no open invitation with this id (or the id is malformed). */
export async function revokeInvitationRow(trx: Db, orgId: string, invitationId: string, at: number): Promise<InvitationRow | null> {
  if (!isUuid(invitationId)) return null;
  const row = await trx.updateTable('invitations').set({ revoked_at: new Date(at) })
    .where('org_id', '=', orgId).where('id', '=', invitationId).where('accepted_at', 'is', null).where('revoked_at', 'is', null)
    .returning(INVITATION_COLUMNS).executeTakeFirst();
  return row ?? null;
}

/** The invitation this token hash names, whatever its state; with `forUpdate` its row stays locked (racing accepts succeed once). */
export async function loadInvitationByTokenHash(db: Db, tokenHash: string, options: { forUpdate?: boolean } = {}): Promise<InvitationByLink | null> {
  let query = db.selectFrom('invitations as i').innerJoin('orgs as o', 'o.id', 'i.org_id')
    .select(INVITATION_COLUMNS.map((c) => `i.${c}` as const)).select(['i.org_id', 'o.name as org_name'])
    .where('i.token_hash', '=', tokenHash);
  if (options.forUpdate) query = query.forUpdate('i');
  const row = await query.executeTakeFirst();
  return row ?? null;
}

export async function markInvitationAccepted(trx: Db, orgId: string, invitationId: string, userId: string, at: number): Promise<void> {
  await trx.updateTable('invitations').set({ accepted_at: new Date(at), accepted_user_id: userId })
    .where('org_id', '=', orgId).where('id', '=', invitationId).execute();
}

export type InvitationCursor = { createdAt: string; id: string };

/** One page of the org's open invitations (neither accepted nor revoked; expired ones included), newest first; `limit + 1` rows. */
export async function listOpenInvitations(db: Db, orgId: string, limit: number, after?: InvitationCursor): Promise<InvitationRow[]> {
  let query = db.selectFrom('invitations').select(INVITATION_COLUMNS)
    .where('org_id', '=', orgId).where('accepted_at', 'is', null).where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1);
  if (after) query = query.where(sql<boolean>`(created_at, id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`);
  return query.execute();
}
