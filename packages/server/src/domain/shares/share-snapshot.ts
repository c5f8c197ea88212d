// A share as the audit log records it (before and after every change), for contact shares and bucket shares alike:
// the one snapshot both write, keyed `contactId` or `bucketId` by what the share is of. Its JSON is what the two
// former copies wrote, key for key, so audit chains written before still verify.
import { isShareLevel, levelFromRank, type ShareLevel } from '@tandem/core';
import type { ShareCore } from '../../storage/share-queries.ts';
import { toIso } from '../shared/time.ts';

/** A contact's or bucket's share; or any other share with the key its snapshot names its target by (`templateId`, ...). */
export type SnapshotRow = ShareCore & ({ contact_id: string } | { bucket_id: string } | { target: { key: string; id: string } });

function targetOf(row: SnapshotRow): Record<string, string> {
  if ('contact_id' in row) return { contactId: row.contact_id };
  if ('bucket_id' in row) return { bucketId: row.bucket_id };
  return { [row.target.key]: row.target.id };
}

export function shareSnapshot(row: SnapshotRow) {
  return {
    id: row.id,
    ...targetOf(row),
    grantee: row.grantee_user_id ? { userId: row.grantee_user_id } : { teamId: row.grantee_team_id },
    level: levelFromRank(row.level),
    startsAt: toIso(row.starts_at),
    expiresAt: toIso(row.expires_at),
    createdBy: row.created_by,
  };
}

/** A stored share rank as a share level (ranks 2–4 by the schema's CHECK). */
export function shareLevelOf(rank: number): ShareLevel {
  const level = levelFromRank(rank);
  if (!isShareLevel(level)) throw new RangeError(`rank ${rank} is not a share level`);
  return level;
}
