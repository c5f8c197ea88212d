// Interpreter one: decisions on single records (and batches), from the same rules the SQL filter is compiled from.
import {
  ACTIONS_BY_RESOURCE, CONTACT_ACTIONS, resourceOf, type Action, type ActionOf, type ContactAction, type FactsFor,
  type FactsOf, type Resource,
} from './actions.ts';
import { evaluateCondition } from './condition.ts';
import type { ActorContext, ContactFacts, RecordFacts } from './facts.ts';
import type { Level } from './levels.ts';
import { actionCondition, levelAllows, levelRulesOf } from './policy.ts';


export type Decision = {
  allowed: boolean;
  /** The caller's effective level; `none` means the record must answer exactly as a missing one (404). */
  level: Level;
  visible: boolean;
};

/** The highest level whose rules match: levels are tried from the top, so the first match is the answer. */
function levelOf(ctx: ActorContext, resource: Resource | undefined, record: RecordFacts): Level {
  if (resource === undefined || record.orgId !== ctx.actor.orgId) return 'none';
  for (const rule of levelRulesOf(ctx, resource)) if (evaluateCondition(rule.when, record)) return rule.level;
  return 'none';
}

/** The highest level any active source gives on a record of `resource` (spec §1.3). */
export function computeLevelOn<R extends Resource>(ctx: ActorContext, resource: R, record: FactsOf<R>): Level {
  return levelOf(ctx, resource, record);
}

/** The highest level any active source gives on a contact (spec §1.3). */
export function computeLevel(ctx: ActorContext, contact: ContactFacts): Level {
  return levelOf(ctx, 'contact', contact);
}

/**
 * A contact action is settled from the level (`levelAllows` reads the same requirement the action's condition is
 * built from; the differential test holds the two to the SQL); other resources evaluate the action's condition.
 */
function decideOne(ctx: ActorContext, action: Action, record: RecordFacts): Decision {
  const resource = resourceOf(action);
  const level = levelOf(ctx, resource, record);
  if (level === 'none') return { allowed: false, level, visible: false };
  const allowed = resource === 'contact'
    ? levelAllows(ctx, action as ContactAction, level, record)
    : evaluateCondition(actionCondition(ctx, action), record);
  return { allowed, level, visible: true };
}

/** One record, one action: its resource comes from the action's prefix; an unknown action is denied. */
export function decide<A extends Action>(ctx: ActorContext, action: A, record: FactsFor<A>): Decision {
  return decideOne(ctx, action, record);
}

/** Bulk check: one decision per record, rules and condition built once. */
export function decideMany<A extends Action>(ctx: ActorContext, action: A, records: readonly FactsFor<A>[]): Map<string, Decision> {
  const out = new Map<string, Decision>();
  for (const record of records) out.set(record.id, decideOne(ctx, action, record));
  return out;
}

/**
 * The ids among `records` on which the actor may take `action`: bulk adds to a bucket, exports, program runs. Facts
 * are loaded once by the caller; the condition is built once and settles each record at its first matching source.
 */
export function allowedSubset<A extends Action>(ctx: ActorContext, action: A, records: readonly FactsFor<A>[]): Set<string> {
  const condition = actionCondition(ctx, action);
  const out = new Set<string>();
  if (condition.op === 'false') return out;
  for (const record of records) if (evaluateCondition(condition, record)) out.add(record.id);
  return out;
}

/** The actions the caller may take on a record of `resource`, in table order. */
export function allowedActionsOn<R extends Resource>(ctx: ActorContext, resource: R, record: FactsOf<R>): ActionOf<R>[] {
  if (levelOf(ctx, resource, record) === 'none') return [];
  return ACTIONS_BY_RESOURCE[resource].filter((a) => evaluateCondition(actionCondition(ctx, a), record));
}

/** The actions the caller may take on a contact: the web app renders from this and never re-derives policy. */
export function allowedActions(ctx: ActorContext, contact: ContactFacts): ContactAction[] {
  return allowedActionsAt(ctx, contact, levelOf(ctx, 'contact', contact));
}

/** As `allowedActions` when the caller has the level already (`computeLevel`): no condition is evaluated again. */
export function allowedActionsAt(ctx: ActorContext, contact: ContactFacts, level: Level): ContactAction[] {
  if (level === 'none') return [];
  return CONTACT_ACTIONS.filter((a) => levelAllows(ctx, a, level, contact));
}
