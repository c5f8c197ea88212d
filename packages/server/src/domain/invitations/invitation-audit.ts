// Audit snapshot of an invitation (spec §10): who was invited, as what, by whom, until when; never the token or its hash.
import type { InvitationRow } from '../../storage/invitation-queries.ts';
import { toIso } from '../shared/time.ts';

export type InvitationSnapshot = { id: string; email: string; name: string; role: 'admin' | 'member'; invitedBy: string; expiresAt: string };

export function invitationSnapshot(row: InvitationRow): InvitationSnapshot {
  return { id: row.id, email: row.email, name: row.name, role: row.role, invitedBy: row.invited_by, expiresAt: toIso(row.expires_at) as string };
}

export type InvitationStatus = 'pending' | 'expired' | 'accepted' | 'revoked';

export function invitationStatus(row: Pick<InvitationRow, 'accepted_at' | 'revoked_at' | 'expires_at'>, now: number): InvitationStatus {
  if (row.accepted_at !== null) return 'accepted';
  if (row.revoked_at !== null) return 'revoked';
  return new Date(row.expires_at).getTime() > now ? 'pending' : 'expired';
}
