// The Team answer from a row; the shape is @tandem/api's team.ts.
import type { TeamDto } from '@tandem/api';
import type { TeamWithMembers } from '../../storage/rows.ts';

export function serializeTeam(team: TeamWithMembers): TeamDto {
  return { id: team.id, name: team.name, memberIds: [...team.memberIds] };
}
