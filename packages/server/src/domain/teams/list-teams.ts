// GET /teams: any signed-in member sees the org's teams and their members (needed to pick grantees).
import type { ActorContext } from '@tandem/core';
import type { TeamWithMembers } from '../../storage/rows.ts';
import { loadTeams } from '../../storage/team-queries.ts';
import type { Deps } from '../shared/deps.ts';

export function listTeams(deps: Deps, ctx: ActorContext): Promise<TeamWithMembers[]> {
  return loadTeams(deps.db, ctx.actor.orgId);
}
