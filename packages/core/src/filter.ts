// Interpreter two: the rules as one condition over all contacts, which the storage layer renders as SQL for
// lists, search, counts and exports. Nobody writes a second visibility clause by hand.
import type { ContactAction } from './actions.ts';
import { and, stateIn, type Condition } from './condition.ts';
import { actionCondition } from './decide.ts';
import type { ActorContext, ContactState } from './facts.ts';

/** Fail closed: a policy is open (every contact of the org), denied (none) or gated by a condition. */
export type ListPolicy =
  | { kind: 'open'; condition: Condition }
  | { kind: 'denied'; condition: Condition }
  | { kind: 'gated'; condition: Condition };

/**
 * The condition for "contacts the actor may take `action` on", narrowed to contacts in `states` when given
 * (lists show active contacts by default, `archived=true` the archived ones, `trash=true` the trashed ones).
 * The org condition is always part of it.
 */
export function compileFilter(ctx: ActorContext, action: ContactAction, states?: ContactState[]): ListPolicy {
  const base = actionCondition(ctx, action);
  const condition = states ? and(base, stateIn(states)) : base;
  if (condition.op === 'false') return { kind: 'denied', condition };
  const rest = condition.op === 'and' ? condition.args.filter((c) => c.op !== 'orgIs') : [];
  if (condition.op === 'orgIs' || (condition.op === 'and' && rest.length === 0)) return { kind: 'open', condition };
  return { kind: 'gated', condition };
}
