// Interpreter one: decisions on single records (and batches), from the same rules the SQL filter is compiled from.
import {
  ACTIONS_BY_RESOURCE, CONTACT_ACTIONS, resourceOf, type Action, type ActionOf, type ContactAction, type FactsFor,
  type FactsOf, type Resource,
} from './actions.ts';
import { evaluateCondition } from './condition.ts';
import type { ActorContext, ContactFacts, RecordFacts } from './facts.ts';
import { maxLevel, type Level } from './levels.ts';
import { actionCondition, rulesOf } from './policy.ts';


export type Decision = {
  allowed: boolean;
  /** The caller's effective level; `none` means the record must answer exactly as a missing one (404). */
  level: Level;
  visible: boolean;
};

function levelOf(ctx: ActorContext, resource: Resource | undefined, record: RecordFacts): Level {
  if (resource === undefined || record.orgId !== ctx.actor.orgId) return 'none';
  return maxLevel(rulesOf(ctx, resource).filter((r) => evaluateCondition(r.when, record)).map((r) => r.level));
}

/** The highest level any active source gives on a record of `resource` (spec §1.3). */
export function computeLevelOn<R extends Resource>(ctx: ActorContext, resource: R, record: FactsOf<R>): Level {
  return levelOf(ctx, resource, record);
}

/** The highest level any active source gives on a contact (spec §1.3). */
export function computeLevel(ctx: ActorContext, contact: ContactFacts): Level {
  return levelOf(ctx, 'contact', contact);
}

function decideOne(ctx: ActorContext, action: Action, record: RecordFacts): Decision {
  const level = levelOf(ctx, resourceOf(action), record);
  if (level === 'none') return { allowed: false, level, visible: false };
  return { allowed: evaluateCondition(actionCondition(ctx, action), record), level, visible: true };
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
  if (levelOf(ctx, 'contact', contact) === 'none') return [];
  return CONTACT_ACTIONS.filter((a) => evaluateCondition(actionCondition(ctx, a), contact));
}
