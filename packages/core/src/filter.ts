// Interpreter two: the rules as one condition over all records of a resource, which the storage layer renders as
// SQL for lists, search, counts and exports (render-filter.ts, through the resource's binding). Nobody writes a
// second visibility clause by hand.
import type { Action, BucketAction, CalendarItemAction, ContactAction, HandSharedAction } from './actions.ts';
import { assertNever } from './assert-never.ts';
import { and, FALSE, stateIn, type Condition } from './condition.ts';
import type { ActorContext, ContactState } from './facts.ts';
import { actionCondition } from './policy.ts';

/**
 * Fail closed (twenty's RowAccessPolicy): every record of the actor's org, none, or those meeting a condition. Only
 * `gated` carries a condition; it always includes the org. `open` still means one org: storage scopes every query.
 */
export type ListPolicy = { kind: 'open' } | { kind: 'denied' } | { kind: 'gated'; condition: Condition };

/**
 * The policy for "records the actor may take `action` on", narrowed to contacts in `states` when given (lists show
 * active contacts by default, `archived=true` the archived ones, `trash=true` the trashed ones). Unknown actions
 * are denied.
 */
export function compileFilter(ctx: ActorContext, action: ContactAction, states?: ContactState[]): ListPolicy;
export function compileFilter(ctx: ActorContext, action: BucketAction): ListPolicy;
export function compileFilter(ctx: ActorContext, action: CalendarItemAction): ListPolicy;
export function compileFilter(ctx: ActorContext, action: HandSharedAction): ListPolicy;
export function compileFilter(ctx: ActorContext, action: Action): ListPolicy;
export function compileFilter(ctx: ActorContext, action: Action, states?: ContactState[]): ListPolicy {
  const base = actionCondition(ctx, action);
  const condition = states ? and(base, stateIn(states)) : base;
  if (condition.op === 'false') return { kind: 'denied' };
  if (condition.op === 'orgIs' && condition.orgId === ctx.actor.orgId) return { kind: 'open' };
  return { kind: 'gated', condition };
}

/** The whole condition a policy stands for (open is the actor's org): to evaluate in memory or render on its own. */
export function policyCondition(ctx: ActorContext, policy: ListPolicy): Condition {
  switch (policy.kind) {
    case 'open':
      return { op: 'orgIs', orgId: ctx.actor.orgId };
    case 'denied':
      return FALSE;
    case 'gated':
      return policy.condition;
    default:
      return assertNever(policy);
  }
}
