// A record share as the audit log records it (before and after every change).
import { isShareLevel, levelFromRank, type ShareLevel } from '@tandem/core';
import type { ShareRow } from '../../storage/share-queries.ts';

const iso = (d: Date | null): string | null => (d === null ? null : new Date(d).toISOString());

export function shareSnapshot(row: ShareRow) {
  return {
    id: row.id,
    contactId: row.contact_id,
    grantee: row.grantee_user_id ? { userId: row.grantee_user_id } : { teamId: row.grantee_team_id },
    level: levelFromRank(row.level),
    startsAt: iso(row.starts_at),
    expiresAt: iso(row.expires_at),
    createdBy: row.created_by,
  };
}

/** A stored share rank as a share level (ranks 2–4 by the schema's CHECK). */
export function shareLevelOf(rank: number): ShareLevel {
  const level = levelFromRank(rank);
  if (!isShareLevel(level)) throw new RangeError(`rank ${rank} is not a share level`);
  return level;
}
