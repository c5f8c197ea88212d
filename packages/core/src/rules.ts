// The sources of access, written once per resource as rules: each says which level it gives, and on which records
// (a Condition). `decide`, `explain` and `compileFilter` all read these lists (through `rulesOf` in policy.ts).
//   - contacts: the sources of spec §4;
//   - buckets (the bucket itself, spec §6.2): owner, admin at `profile`, and each active bucket share at its level;
//   - calendar items (spec §7): the calendar's own user, and each active calendar grant at its level; no admin rule;
//   - templates, pipelines and programs (spec §6.6, "shared by hand"): owner, admin at `view`, and the record's own
//     shares at `view` or `edit` (the `sharedWith` condition, over the resource's share table).
import { and, idIn, inBuckets, ownerIn, stateIn, TRUE, type Condition } from './condition.ts';
import type { ActorContext, BucketShareFact, ContactState, UserGrantFact } from './facts.ts';
import { GRANT_LEVELS, SHARE_LEVELS, type Level } from './levels.ts';
import { isWithinWindow, namesActor } from './window.ts';

export type SourceKind = 'owner' | 'admin' | 'share_all' | 'user_grant' | 'bucket_share' | 'record_share';

export type Rule = {
  kind: SourceKind;
  level: Level;
  when: Condition;
  /** The grant or bucket share behind the rule, for explain. */
  origin?: UserGrantFact | BucketShareFact;
};

/** Trashed contacts are reachable only by their owner and admins (spec §4, §6.3). */
export const LIVE_STATES: ContactState[] = ['active', 'archived'];
const live = stateIn(LIVE_STATES);

/** Active user grants naming the actor, for one scope. */
export function activeUserGrants(ctx: ActorContext, scope: UserGrantFact['scope']): UserGrantFact[] {
  return ctx.userGrants.filter(
    (g) => g.scope === scope && namesActor(g.grantee, ctx.actor) && isWithinWindow(g, ctx.now),
  );
}

export function activeBucketShares(ctx: ActorContext): BucketShareFact[] {
  return ctx.bucketShares.filter((s) => namesActor(s.grantee, ctx.actor) && isWithinWindow(s, ctx.now));
}

/** Every rule that may give the actor access to a contact. A deactivated actor has none. */
export function contactRules(ctx: ActorContext): Rule[] {
  const { actor, settings, now } = ctx;
  if (actor.status !== 'active') return [];
  const rules: Rule[] = [{ kind: 'owner', level: 'owner', when: ownerIn([actor.userId]) }];
  if (actor.role === 'admin') rules.push({ kind: 'admin', level: 'profile', when: TRUE });
  if (settings.shareAllContacts) rules.push({ kind: 'share_all', level: 'profile', when: live });
  for (const grant of activeUserGrants(ctx, 'contacts')) {
    rules.push({ kind: 'user_grant', level: grant.level, when: and(live, ownerIn([grant.ownerId])), origin: grant });
  }
  for (const share of activeBucketShares(ctx)) {
    rules.push({ kind: 'bucket_share', level: share.level, when: and(live, inBuckets([share.bucketId])), origin: share });
  }
  // One rule per share level: "an active share at this level or above exists".
  for (const minLevel of SHARE_LEVELS) {
    const when: Condition = { op: 'sharedWith', userId: actor.userId, teamIds: [...actor.teamIds], minLevel, now };
    rules.push({ kind: 'record_share', level: minLevel, when: and(live, when) });
  }
  return rules;
}

/** The contact rules under their former name. */
export const actorRules = contactRules;

/**
 * Every rule that may give the actor access to a bucket itself. Owning a bucket gives `owner` on the bucket and
 * nothing on its contacts (spec §4); a bucket share gives its level on the bucket and on its contacts (contactRules).
 */
export function bucketRules(ctx: ActorContext): Rule[] {
  const { actor } = ctx;
  if (actor.status !== 'active') return [];
  const rules: Rule[] = [{ kind: 'owner', level: 'owner', when: ownerIn([actor.userId]) }];
  if (actor.role === 'admin') rules.push({ kind: 'admin', level: 'profile', when: TRUE });
  for (const share of activeBucketShares(ctx)) {
    rules.push({ kind: 'bucket_share', level: share.level, when: idIn([share.bucketId]), origin: share });
  }
  return rules;
}

/**
 * Every rule that may give the actor access to a calendar item (spec §7). An item sits on one user's calendar, its
 * assignee (the record's owner): the assignee holds `owner`, an active calendar grant on the assignee gives its level
 * (`view` or `edit`). Being admin gives nothing; nor do contact grants, shares, buckets or share-all. A deactivated
 * actor has no rule.
 */
export function calendarItemRules(ctx: ActorContext): Rule[] {
  const { actor } = ctx;
  if (actor.status !== 'active') return [];
  const rules: Rule[] = [{ kind: 'owner', level: 'owner', when: ownerIn([actor.userId]) }];
  for (const grant of activeUserGrants(ctx, 'calendar')) {
    rules.push({ kind: 'user_grant', level: grant.level, when: ownerIn([grant.ownerId]), origin: grant });
  }
  return rules;
}

/**
 * Every rule that may give the actor access to a template, pipeline or program (spec §6.6). Each is private to its
 * owner until shared by hand: the owner holds `owner`; an admin holds `view` on every one of the org's (an admin may
 * share and delete any, so sees and may use it, but changing it needs an `edit` share: docs/permissions.md); an
 * active share of the record gives its level, `view` or `edit`. Nothing here reaches a contact: a board's cards and a
 * program's enrolments are decided on their contacts by contactRules.
 */
export function handSharedRules(ctx: ActorContext): Rule[] {
  const { actor, now } = ctx;
  if (actor.status !== 'active') return [];
  const rules: Rule[] = [{ kind: 'owner', level: 'owner', when: ownerIn([actor.userId]) }];
  if (actor.role === 'admin') rules.push({ kind: 'admin', level: 'view', when: TRUE });
  for (const minLevel of GRANT_LEVELS) {
    const when: Condition = { op: 'sharedWith', userId: actor.userId, teamIds: [...actor.teamIds], minLevel, now };
    rules.push({ kind: 'record_share', level: minLevel, when });
  }
  return rules;
}
