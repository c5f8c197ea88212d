// Rules keyed by resource, then action (casl's subject type): an action's prefix chooses the resource's rule set,
// its requirement chooses which of those rules count. Both are built once per context (a context lives for one
// request) and shared by `decide`, `allowedActions`, `allowedSubset`, `explain` and `compileFilter`.
import {
  bucketRequirementFor, calendarItemRequirementFor, handSharedRequirementFor, parseAction, requirementFor, type Action,
  type BucketAction, type CalendarItemAction, type ContactAction, type HandShared, type HandSharedAction, type Resource,
} from './actions.ts';
import { assertNever } from './assert-never.ts';
import { and, FALSE, or, ownerIn, stateIn, type Condition } from './condition.ts';
import type { ActorContext } from './facts.ts';
import { isAtLeast, LEVELS, levelRank, type Level } from './levels.ts';
import { activeUserGrants, bucketRules, calendarItemRules, contactRules, handSharedRules, type Rule } from './rules.ts';

const rulesCache = new WeakMap<ActorContext, Map<Resource, Rule[]>>();
const levelRulesCache = new WeakMap<ActorContext, Map<Resource, LevelRule[]>>();
type ContactRequirement = { minLevel: Level; states: readonly string[]; owners: string[] | null };
const requirementCache = new WeakMap<ActorContext, Map<ContactAction, ContactRequirement>>();
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
    case 'calendar_item':
      return calendarItemRules(ctx);
    case 'template':
    case 'pipeline':
    case 'program':
      return handSharedRules(ctx);
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

/** One level and the records the actor's rules give it on: every source at that level as one condition. */
export type LevelRule = { level: Level; when: Condition };

/**
 * The actor's rules on one resource grouped by level, highest first, each level's sources ORed into one condition
 * (where `or` merges same-shaped set tests: every bucket share at `edit` becomes one `inBuckets`). The first that
 * matches a record is its level, so a decision evaluates a handful of conditions whatever the number of grants and
 * bucket shares. `rulesOf` keeps the sources one by one for `explain`.
 */
export function levelRulesOf(ctx: ActorContext, resource: Resource = 'contact'): LevelRule[] {
  const cache = cacheOf(levelRulesCache, ctx);
  let levels = cache.get(resource);
  if (!levels) {
    const rules = rulesOf(ctx, resource);
    levels = [...LEVELS].reverse()
      .map((level) => ({ level, when: or(...rules.filter((r) => r.level === level).map((r) => r.when)) }))
      .filter((r) => r.when.op !== 'false');
    cache.set(resource, levels);
  }
  return levels;
}

/** Whether a record at `level` allows `action`, given the record meets the action's condition's other parts. */
export function levelAllows(ctx: ActorContext, action: ContactAction, level: Level, record: { state?: string; ownerId: string }): boolean {
  const cache = cacheOf(requirementCache, ctx);
  let req = cache.get(action);
  if (!req) {
    req = contactRequirement(ctx, action);
    cache.set(action, req);
  }
  if (levelRank(level) < levelRank(req.minLevel)) return false;
  if (record.state === undefined || !req.states.includes(record.state)) return false;
  return req.owners === null || req.owners.includes(record.ownerId);
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

/**
 * What `action` on a contact asks for, beyond the actor's org: a level, a lifecycle state, and for reassign by a
 * member an owner they may hand contacts away from. The condition (for SQL and `decide`) and `levelAllows` (for a
 * record whose level is known) are both read from it.
 */
function contactRequirement(ctx: ActorContext, action: ContactAction): ContactRequirement {
  const req = requirementFor(action, ctx);
  const owners = action === 'contact.reassign' && ctx.actor.role !== 'admin' ? reassignableOwners(ctx) : null;
  return { minLevel: req.minLevel, states: req.states, owners };
}

function contactCondition(ctx: ActorContext, action: ContactAction): Condition {
  const req = contactRequirement(ctx, action);
  const states = req.states as Parameters<typeof stateIn>[0];
  const condition = and(inOrg(ctx), stateIn(states), granting(rulesOf(ctx, 'contact'), req.minLevel));
  return req.owners ? and(condition, ownerIn(req.owners)) : condition;
}

function bucketCondition(ctx: ActorContext, action: BucketAction): Condition {
  return and(inOrg(ctx), granting(rulesOf(ctx, 'bucket'), bucketRequirementFor(action, ctx).minLevel));
}

function calendarItemCondition(ctx: ActorContext, action: CalendarItemAction): Condition {
  return and(inOrg(ctx), granting(rulesOf(ctx, 'calendar_item'), calendarItemRequirementFor(action).minLevel));
}

function handSharedCondition(ctx: ActorContext, resource: HandShared, action: HandSharedAction): Condition {
  return and(inOrg(ctx), granting(rulesOf(ctx, resource), handSharedRequirementFor(action, ctx).minLevel));
}

function buildCondition(ctx: ActorContext, name: string): Condition {
  const parsed = parseAction(name);
  if (!parsed || ctx.actor.status !== 'active') return FALSE;
  switch (parsed.resource) {
    case 'contact':
      return contactCondition(ctx, parsed.action);
    case 'bucket':
      return bucketCondition(ctx, parsed.action);
    case 'calendar_item':
      return calendarItemCondition(ctx, parsed.action);
    case 'template':
    case 'pipeline':
    case 'program':
      return handSharedCondition(ctx, parsed.resource, parsed.action);
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
