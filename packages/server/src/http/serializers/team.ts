// The Team object of docs/api-shapes.md.
import { z } from 'zod';
import type { TeamWithMembers } from '../../storage/rows.ts';

export const teamSchema = z.object({ id: z.string(), name: z.string(), memberIds: z.array(z.string()) });
export type TeamDto = z.infer<typeof teamSchema>;

export function serializeTeam(team: TeamWithMembers): TeamDto {
  return { id: team.id, name: team.name, memberIds: [...team.memberIds] };
}
