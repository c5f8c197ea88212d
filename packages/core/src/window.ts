import type { Actor, Grantee, Window } from './facts.ts';

/** Active means `startsAt <= now < expiresAt`, either bound optional (spec §4). Enforced here, never by a sweeper. */
export function isWithinWindow(window: Window, now: number): boolean {
  return (window.startsAt === null || window.startsAt <= now) && (window.expiresAt === null || now < window.expiresAt);
}

/** A grantee names the actor directly or through a team the actor is in now. */
export function namesActor(grantee: Grantee, actor: Actor): boolean {
  return 'userId' in grantee ? grantee.userId === actor.userId : actor.teamIds.includes(grantee.teamId);
}
