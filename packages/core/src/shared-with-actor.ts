// "Shared with you" (issue 10, defect 4): a contact someone else owns that reaches the actor through a record share,
// a user grant or a bucket share, the sources that share something with someone. Owning, being an admin and the
// org's "share all contacts" switch are not among them (they give access without sharing anything with anyone).
// One condition, built from the same rules as `decide`, answers both questions: per contact in memory
// (`isSharedWithActor`, the shared icon) and as a list scope rendered in SQL (`compileSharedWithActorFilter`,
// the "Shared with me" list), so the icon and the list cannot disagree.
import type { ContactState, ActorContext, ContactFacts } from './facts.ts';
import { and, evaluateCondition, or, type Condition } from './condition.ts';
import { compileFilter, policyCondition, type ListPolicy } from './filter.ts';
import { rulesOf } from './policy.ts';
import type { SourceKind } from './rules.ts';

/** The sources that share something with someone. */
export const SHARING_SOURCES: ReadonlySet<SourceKind> = new Set<SourceKind>(['record_share', 'user_grant', 'bucket_share']);

const sharingCache = new WeakMap<ActorContext, Condition>();

/**
 * "Some record share, user grant or bucket share of the actor reaches the contact", as one condition (each rule keeps
 * its live-state test). Record-share rules nest (a share at `edit` also meets `view`): the lowest covers the rest.
 * It does not exclude the actor's own contacts: a condition cannot say "owner is not"; callers add that test.
 */
export function sharedWithActorCondition(ctx: ActorContext): Condition {
  let condition = sharingCache.get(ctx);
  if (!condition) {
    const sharing = rulesOf(ctx, 'contact').filter((r) => SHARING_SOURCES.has(r.kind));
    const lowestShare = sharing.find((r) => r.kind === 'record_share');
    condition = or(...sharing.filter((r) => r.kind !== 'record_share' || r === lowestShare).map((r) => r.when));
    sharingCache.set(ctx, condition);
  }
  return condition;
}

/** Whether a record share, user grant or bucket share gives the actor access to a contact they do not own. */
export function isSharedWithActor(ctx: ActorContext, contact: ContactFacts): boolean {
  if (contact.ownerId === ctx.actor.userId || contact.orgId !== ctx.actor.orgId) return false;
  return evaluateCondition(sharedWithActorCondition(ctx), contact);
}

/**
 * The "Shared with me" list: the contacts the actor may view in `states` AND `sharedWithActorCondition`, owned by
 * someone else (`notOwnerId`: the list's "owner is not" filter, which narrows every branch). Exactly the visible
 * contacts on which `isSharedWithActor` holds (the differential test holds the two together).
 */
export type SharedWithActorFilter = { policy: ListPolicy; notOwnerId: string };

export function compileSharedWithActorFilter(ctx: ActorContext, states: ContactState[]): SharedWithActorFilter {
  const notOwnerId = ctx.actor.userId;
  const visible = compileFilter(ctx, 'contact.view', states);
  if (visible.kind === 'denied') return { policy: visible, notOwnerId };
  const condition = and(policyCondition(ctx, visible), sharedWithActorCondition(ctx));
  return { policy: condition.op === 'false' ? { kind: 'denied' } : { kind: 'gated', condition }, notOwnerId };
}
