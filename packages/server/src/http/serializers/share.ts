// The Share answer (record shares) from a row; the shape and the share inputs are @tandem/api's share.ts. `active`
// is computed by @tandem/core's window rule, and is false while the grantee user is deactivated (spec §4).
import type { ShareDto } from '@tandem/api';
import { isWithinWindow } from '@tandem/core';
import { shareLevelOf } from '../../domain/shares/share-snapshot.ts';
import type { ShareWithGrantee } from '../../storage/share-queries.ts';

const iso = (d: Date | null): string | null => (d === null ? null : new Date(d).toISOString());
const ms = (d: Date | null): number | null => (d === null ? null : new Date(d).getTime());

/** Shared by record shares and bucket shares. */
export type ShareLikeRow = Omit<ShareWithGrantee, 'contact_id'>;

export function shareCommon(row: ShareLikeRow, now: number) {
  return {
    id: row.id,
    grantee: row.grantee_user_id ? { userId: row.grantee_user_id } : { teamId: row.grantee_team_id ?? '' },
    granteeName: row.grantee_name,
    level: shareLevelOf(row.level),
    startsAt: iso(row.starts_at),
    expiresAt: iso(row.expires_at),
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    active: row.grantee_active && isWithinWindow({ startsAt: ms(row.starts_at), expiresAt: ms(row.expires_at) }, now),
  };
}

export function toShareDto(row: ShareWithGrantee, now: number): ShareDto {
  return { ...shareCommon(row, now), contactId: row.contact_id };
}
