// Audit snapshots of user grants (spec §10): who may reach whose contacts or calendar, at what level, in what
// window, and whether that window is open at the moment of the change. The same JSON the log has always held for
// `grant.create`, `grant.replace` and `grant.revoke`.
import { isWithinWindow, levelFromRank } from '@tandem/core';
import type { GrantRow } from '../../storage/rows.ts';
import { toIso } from '../shared/time.ts';

export type GrantSnapshot = {
  id: string; ownerId: string; grantee: { userId: string } | { teamId: string }; scope: 'contacts' | 'calendar';
  level: string; startsAt: string | null; expiresAt: string | null; createdBy: string | null; createdAt: string; active: boolean;
};

const ms = (d: Date | null): number | null => (d === null ? null : new Date(d).getTime());

export function grantSnapshot(row: GrantRow, now: number): GrantSnapshot {
  return {
    id: row.id,
    ownerId: row.owner_id,
    grantee: row.grantee_user_id ? { userId: row.grantee_user_id } : { teamId: row.grantee_team_id ?? '' },
    scope: row.scope,
    level: levelFromRank(row.level),
    startsAt: toIso(row.starts_at),
    expiresAt: toIso(row.expires_at),
    createdBy: row.created_by,
    createdAt: toIso(row.created_at) as string,
    active: isWithinWindow({ startsAt: ms(row.starts_at), expiresAt: ms(row.expires_at) }, now),
  };
}
