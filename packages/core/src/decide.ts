// Interpreter one: decisions on single records (and batches), from the same rules the SQL filter is compiled from.
import { CONTACT_ACTIONS, requirementFor, type ContactAction } from './actions.ts';
import { and, evaluateCondition, or, ownerIn, stateIn, type Condition } from './condition.ts';
import type { ActorContext, ContactFacts } from './facts.ts';
import { isAtLeast, maxLevel, type Level } from './levels.ts';
import { activeUserGrants, actorRules, type Rule } from './rules.ts';

export type Decision = {
  allowed: boolean;
  /** The caller's effective level; `none` means the contact must answer exactly as a missing one (404). */
  level: Level;
  visible: boolean;
};

const rulesCache = new WeakMap<ActorContext, Rule[]>();

/** The actor's rules, computed once per context (a context lives for one request). */
export function rulesOf(ctx: ActorContext): Rule[] {
  let rules = rulesCache.get(ctx);
  if (!rules) {
    rules = actorRules(ctx);
    rulesCache.set(ctx, rules);
  }
  return rules;
}

function inOrg(ctx: ActorContext): Condition {
  return { op: 'orgIs', orgId: ctx.actor.orgId };
}

/** The highest level any active source gives (spec §1.3). */
export function computeLevel(ctx: ActorContext, contact: ContactFacts): Level {
  if (contact.orgId !== ctx.actor.orgId) return 'none';
  return maxLevel(rulesOf(ctx).filter((r) => evaluateCondition(r.when, contact)).map((r) => r.level));
}

/** Owners whose contacts the actor may reassign away from, or to (spec §6.4): self and `edit` user grants. */
export function reassignableOwners(ctx: ActorContext): string[] {
  const viaGrants = activeUserGrants(ctx, 'contacts').filter((g) => g.level === 'edit').map((g) => g.ownerId);
  return [ctx.actor.userId, ...viaGrants];
}

/** The condition a contact must meet for the actor to take `action` on it. */
export function actionCondition(ctx: ActorContext, action: ContactAction): Condition {
  const req = requirementFor(action, ctx);
  const rules = rulesOf(ctx).filter((r) => isAtLeast(r.level, req.minLevel));
  // Record-share rules nest (a share at `edit` also meets `view`), so the lowest one that qualifies covers the rest.
  const lowestShare = rules.find((r) => r.kind === 'record_share');
  const granting = rules.filter((r) => r.kind !== 'record_share' || r === lowestShare).map((r) => r.when);
  let condition = and(inOrg(ctx), stateIn(req.states), or(...granting));
  if (action === 'contact.reassign' && ctx.actor.role !== 'admin') {
    condition = and(condition, ownerIn(reassignableOwners(ctx)));
  }
  return ctx.actor.status === 'active' ? condition : and(condition, { op: 'false' });
}

export function decide(ctx: ActorContext, action: ContactAction, contact: ContactFacts): Decision {
  const level = computeLevel(ctx, contact);
  if (level === 'none') return { allowed: false, level, visible: false };
  return { allowed: evaluateCondition(actionCondition(ctx, action), contact), level, visible: true };
}

/** Bulk check: one decision per contact, rules built once. */
export function decideMany(ctx: ActorContext, action: ContactAction, contacts: readonly ContactFacts[]): Map<string, Decision> {
  const condition = actionCondition(ctx, action);
  const out = new Map<string, Decision>();
  for (const contact of contacts) {
    const level = computeLevel(ctx, contact);
    const visible = level !== 'none';
    out.set(contact.id, { allowed: visible && evaluateCondition(condition, contact), level, visible });
  }
  return out;
}

/** The actions the caller may take on a contact: the web app renders from this and never re-derives policy. */
export function allowedActions(ctx: ActorContext, contact: ContactFacts): ContactAction[] {
  if (computeLevel(ctx, contact) === 'none') return [];
  return CONTACT_ACTIONS.filter((a) => evaluateCondition(actionCondition(ctx, a), contact));
}

