// Org administration (spec §8): users, teams, switches, grants, shares on any record, branding, billing, audit.
// Admins manage the org; members can do none of this.
import type { ActorContext } from './facts.ts';

export type OrgAction = 'org.configure';

export function canManageOrg(ctx: ActorContext): boolean {
  return ctx.actor.status === 'active' && ctx.actor.role === 'admin';
}
