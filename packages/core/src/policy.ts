// Rules keyed by resource, then action (casl's subject type): an action's prefix chooses the resource's rule set,
// its requirement chooses which of those rules count. Both are built once per context (a context lives for one
// request) and shared by `decide`, `allowedActions`, `allowedSubset`, `explain` and `compileFilter`.
import {
  bucketRequirementFor, parseAction, requirementFor, type Action, type BucketAction, type ContactAction, type Resource,
} from './actions.ts';
import { assertNever } from './assert-never.ts';
import { and, FALSE, or, ownerIn, stateIn, type Condition } from './condition.ts';
import type { ActorContext } from './facts.ts';
import { isAtLeast, type Level } from './levels.ts';
import { activeUserGrants, bucketRules, contactRules, type Rule } from './rules.ts';

const rulesCache = new WeakMap<ActorContext, Map<Resource, Rule[]>>();
const conditionCache = new WeakMap<ActorContext, Map<string, Condition>>();

function cacheOf<K, V>(cache: WeakMap<ActorContext, Map<K, V>>, ctx: ActorContext): Map<K, V> {
  let map = cache.get(ctx);
  if (!map) {
    map = new Map();
    cache.set(ctx, map);
  }
  return map;
}

function buildRules(ctx: ActorContext, resource: Resource): Rule[] {
  switch (resource) {
    case 'contact':
      return contactRules(ctx);
    case 'bucket':
      return bucketRules(ctx);
    default:
      return assertNever(resource);
  }
}

/** The actor's rules on one resource, computed once per context. */
export function rulesOf(ctx: ActorContext, resource: Resource = 'contact'): Rule[] {
  const cache = cacheOf(rulesCache, ctx);
  let rules = cache.get(resource);
  if (!rules) {
    rules = buildRules(ctx, resource);
    cache.set(resource, rules);
  }
  return rules;
}

function inOrg(ctx: ActorContext): Condition {
  return { op: 'orgIs', orgId: ctx.actor.orgId };
}

/** "Some rule gives at least `minLevel`", as one `or` over the qualifying rules. */
function granting(rules: readonly Rule[], minLevel: Level): Condition {
  const qualifying = rules.filter((r) => isAtLeast(r.level, minLevel));
  // Record-share rules nest (a share at `edit` also meets `view`), so the lowest one that qualifies covers the rest.
  const lowestShare = qualifying.find((r) => r.kind === 'record_share');
  return or(...qualifying.filter((r) => r.kind !== 'record_share' || r === lowestShare).map((r) => r.when));
}

/** Owners whose contacts the actor may reassign away from, or to (spec §6.4): self and `edit` user grants. */
export function reassignableOwners(ctx: ActorContext): string[] {
  const viaGrants = activeUserGrants(ctx, 'contacts').filter((g) => g.level === 'edit').map((g) => g.ownerId);
  return [ctx.actor.userId, ...viaGrants];
}

function contactCondition(ctx: ActorContext, action: ContactAction): Condition {
  const req = requirementFor(action, ctx);
  let condition = and(inOrg(ctx), stateIn(req.states), granting(rulesOf(ctx, 'contact'), req.minLevel));
  if (action === 'contact.reassign' && ctx.actor.role !== 'admin') {
    condition = and(condition, ownerIn(reassignableOwners(ctx)));
  }
  return condition;
}

function bucketCondition(ctx: ActorContext, action: BucketAction): Condition {
  return and(inOrg(ctx), granting(rulesOf(ctx, 'bucket'), bucketRequirementFor(action, ctx).minLevel));
}

function buildCondition(ctx: ActorContext, name: string): Condition {
  const parsed = parseAction(name);
  if (!parsed || ctx.actor.status !== 'active') return FALSE;
  switch (parsed.resource) {
    case 'contact':
      return contactCondition(ctx, parsed.action);
    case 'bucket':
      return bucketCondition(ctx, parsed.action);
    default:
      return assertNever(parsed);
  }
}

/**
 * The condition a record must meet for the actor to take `action` on it, built once per (ctx, action). It always
 * includes the actor's org. An unknown action (a name from an untyped caller) is FALSE: denied.
 */
export function actionCondition(ctx: ActorContext, action: Action): Condition {
  const cache = cacheOf(conditionCache, ctx);
  let condition = cache.get(action);
  if (!condition) {
    condition = buildCondition(ctx, action);
    cache.set(action, condition);
  }
  return condition;
}
