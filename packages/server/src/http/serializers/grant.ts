// The Grant answer from a row, with `active`: whether its window is open now (computed by @tandem/core). The shape
// is @tandem/api's grant.ts.
import type { GrantDto } from '@tandem/api';
import { isWithinWindow, levelFromRank } from '@tandem/core';
import { toIso } from '../../domain/shared/time.ts';
import type { GrantRow } from '../../storage/rows.ts';

export function serializeGrant(row: GrantRow, now: number): GrantDto {
  const ms = (d: Date | null) => (d === null ? null : new Date(d).getTime());
  return {
    id: row.id,
    ownerId: row.owner_id,
    grantee: row.grantee_user_id ? { userId: row.grantee_user_id } : { teamId: row.grantee_team_id as string },
    scope: row.scope,
    level: levelFromRank(row.level) as GrantDto['level'],
    startsAt: toIso(row.starts_at),
    expiresAt: toIso(row.expires_at),
    createdBy: row.created_by,
    createdAt: toIso(row.created_at) as string,
    active: isWithinWindow({ startsAt: ms(row.starts_at), expiresAt: ms(row.expires_at) }, now),
  };
}
