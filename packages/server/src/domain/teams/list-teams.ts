// GET /teams: any signed-in member sees the org's teams and their members (needed to pick grantees).
import type { ActorContext } from '@tandem/core';
import type { TeamWithMembers } from '../../http/serializers/team.ts';
import type { Deps } from '../shared/deps.ts';
import { loadTeams } from './team-guard.ts';

export function listTeams(deps: Deps, ctx: ActorContext): Promise<TeamWithMembers[]> {
  return loadTeams(deps.db, ctx.actor.orgId);
}
