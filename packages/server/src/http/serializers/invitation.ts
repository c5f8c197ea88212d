// The Invitation and InvitationLink answers from rows (never the token or its hash); the shapes are @tandem/api's
// invitation.ts.
import type { InvitationDto, InvitationLinkDto } from '@tandem/api';
import { invitationStatus } from '../../domain/invitations/invitation-audit.ts';
import { toIso } from '../../domain/shared/time.ts';
import type { InvitationByLink, InvitationRow } from '../../storage/invitation-queries.ts';

export function toInvitationDto(row: InvitationRow, now: number): InvitationDto {
  return {
    id: row.id, email: row.email, name: row.name, role: row.role, invitedBy: row.invited_by,
    createdAt: toIso(row.created_at) as string, expiresAt: toIso(row.expires_at) as string, status: invitationStatus(row, now),
  };
}

export function toInvitationLinkDto(row: InvitationByLink): InvitationLinkDto {
  return { orgName: row.org_name, name: row.name, email: row.email, role: row.role, expiresAt: toIso(row.expires_at) as string };
}
