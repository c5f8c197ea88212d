// Who may give what (spec §1.4, §6.1, §6.4): nobody gives away more than they have; ownership is only reassigned.
import { decide } from './decide.ts';
import { reassignableOwners } from './policy.ts';
import type { ActorContext, ContactFacts, UserStatus } from './facts.ts';
import { isAtLeast, type Level, type ShareLevel } from './levels.ts';

export type ShareRefusal = 'not_visible' | 'not_allowed' | 'above_own_level';
export type ShareDecision = { allowed: true } | { allowed: false; reason: ShareRefusal; level: Level };

/** The highest share level the actor may give on a contact at their level: admins and owners up to `edit`. */
export function shareCeiling(ctx: ActorContext, level: Level): Level {
  if (ctx.actor.role === 'admin' || level === 'owner') return 'edit';
  return level;
}

/**
 * Create, change or revoke a record share (spec §6.1). `levels` are the share's level before and after the
 * change (one of them for create and revoke): the actor must hold each of them.
 */
export function decideShareChange(ctx: ActorContext, contact: ContactFacts, levels: ShareLevel[]): ShareDecision {
  const decision = decide(ctx, 'contact.share', contact);
  if (!decision.visible) return { allowed: false, reason: 'not_visible', level: decision.level };
  if (!decision.allowed) return { allowed: false, reason: 'not_allowed', level: decision.level };
  const ceiling = shareCeiling(ctx, decision.level);
  if (levels.some((l) => !isAtLeast(ceiling, l))) return { allowed: false, reason: 'above_own_level', level: decision.level };
  return { allowed: true };
}

export type ReassignTarget = { userId: string; orgId: string; status: UserStatus };
export type ReassignRefusal = 'not_visible' | 'not_allowed' | 'target_not_allowed' | 'target_invalid';
export type ReassignDecision = { allowed: true } | { allowed: false; reason: ReassignRefusal };

/** Reassign from the contact's owner O to N (spec §6.4): U may act for O and for N. */
export function decideReassign(ctx: ActorContext, contact: ContactFacts, target: ReassignTarget): ReassignDecision {
  const decision = decide(ctx, 'contact.reassign', contact);
  if (!decision.visible) return { allowed: false, reason: 'not_visible' };
  if (!decision.allowed) return { allowed: false, reason: 'not_allowed' };
  if (target.orgId !== ctx.actor.orgId || target.status !== 'active') return { allowed: false, reason: 'target_invalid' };
  const mayActForTarget = ctx.actor.role === 'admin' || reassignableOwners(ctx).includes(target.userId);
  return mayActForTarget ? { allowed: true } : { allowed: false, reason: 'target_not_allowed' };
}
