// A naive oracle for templates, pipelines and programs, written from spec §6.6 and docs/permissions.md ("Templates,
// pipelines and programs") alone, sharing no rule, condition or action table with @tandem/core:
//   - private to the owner until the owner or an admin shares it with users or teams at view (use) or edit (change);
//   - admins of the org see and use every one (view), and may share and delete it; changing needs an edit share;
//   - only active shares count (window, and a team share names the team's current members); a deactivated user and
//     a user of another org get nothing.
import type { World, WorldGrantee, WorldUser } from '../fixtures/world.ts';

export type HandSharedShare = { id: string; grantee: WorldGrantee; level: 'view' | 'edit'; startsAt: number | null; expiresAt: number | null };
export type HandSharedItem = { id: string; orgId: string; ownerId: string; name: string; shares: HandSharedShare[] };
export type Verb = 'view' | 'edit' | 'manage';

function names(world: World, grantee: WorldGrantee, user: WorldUser): boolean {
  if ('userId' in grantee) return grantee.userId === user.id;
  const team = world.teams.find((t) => t.id === grantee.teamId);
  return team !== undefined && team.orgId === user.orgId && team.memberIds.includes(user.id);
}

const active = (s: HandSharedShare, now: number) => (s.startsAt === null || s.startsAt <= now) && (s.expiresAt === null || now < s.expiresAt);

/** What the user may do with the item, as a set of verbs (empty: it is absent for them). */
export function oracleVerbs(world: World, user: WorldUser, item: HandSharedItem): Set<Verb> {
  const out = new Set<Verb>();
  if (user.orgId !== item.orgId || user.status !== 'active') return out;
  const isOwner = item.ownerId === user.id;
  const isAdmin = user.role === 'admin';
  const shares = item.shares.filter((s) => active(s, world.now) && names(world, s.grantee, user));
  if (isOwner || isAdmin || shares.length > 0) out.add('view');
  if (isOwner || shares.some((s) => s.level === 'edit')) out.add('edit');
  if (isOwner || isAdmin) out.add('manage');
  return out;
}
