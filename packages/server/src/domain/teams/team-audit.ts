// Audit snapshots of teams (spec §10): the team with its members, and on deletion every grant and share removed
// with it, in full (the stored columns, snake_case, instants in ISO 8601), so the change can be reconstructed.
// The same JSON the log has always held for these entries.
import type { TeamWithMembers } from '../../storage/rows.ts';
import type { TeamSources } from '../../storage/team-queries.ts';
import { toIso } from '../shared/time.ts';

export type TeamSnapshot = { id: string; name: string; memberIds: string[] };

export function teamSnapshot(team: TeamWithMembers): TeamSnapshot {
  return { id: team.id, name: team.name, memberIds: [...team.memberIds] };
}

type SourceColumns = {
  id: string; org_id: string; grantee_user_id: string | null; grantee_team_id: string | null; level: number;
  starts_at: Date | null; expires_at: Date | null; created_by: string | null; created_at: Date;
};

function sourceSnapshot(row: SourceColumns) {
  return {
    id: row.id, org_id: row.org_id, grantee_user_id: row.grantee_user_id, grantee_team_id: row.grantee_team_id, level: row.level,
    starts_at: toIso(row.starts_at), expires_at: toIso(row.expires_at), created_by: row.created_by, created_at: toIso(row.created_at) as string,
  };
}

function removedGrant(row: TeamSources['userGrants'][number]) {
  return { ...sourceSnapshot(row), owner_id: row.owner_id, scope: row.scope };
}

function removedContactShare(row: TeamSources['contactShares'][number]) {
  return { ...sourceSnapshot(row), contact_id: row.contact_id };
}

function removedBucketShare(row: TeamSources['bucketShares'][number]) {
  return { ...sourceSnapshot(row), bucket_id: row.bucket_id };
}

/** `team.delete`'s `before`: the team and the sources that named it. */
export function deletedTeamSnapshot(team: TeamWithMembers, removed: TeamSources) {
  return {
    ...teamSnapshot(team),
    removed: {
      userGrants: removed.userGrants.map(removedGrant),
      contactShares: removed.contactShares.map(removedContactShare),
      bucketShares: removed.bucketShares.map(removedBucketShare),
    },
  };
}
