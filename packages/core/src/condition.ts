// The condition tree: what the rules say about a contact, in a form with two interpreters.
// `evaluateCondition` runs it in memory against ContactFacts; the storage layer renders the same tree as SQL.
import { assertNever } from './assert-never.ts';
import type { ContactFacts, ContactState } from './facts.ts';
import { isAtLeast, type ShareLevel } from './levels.ts';
import { isWithinWindow } from './window.ts';

export type Condition =
  | { op: 'true' }
  | { op: 'false' }
  | { op: 'and'; args: Condition[] }
  | { op: 'or'; args: Condition[] }
  | { op: 'orgIs'; orgId: string }
  | { op: 'ownerIn'; userIds: string[] }
  | { op: 'stateIn'; states: ContactState[] }
  /** An active record share on the contact names `userId` or one of `teamIds` at `minLevel` or more. */
  | { op: 'sharedWith'; userId: string; teamIds: string[]; minLevel: ShareLevel; now: number }
  /** The contact is in one of these buckets. */
  | { op: 'inBuckets'; bucketIds: string[] };

export const TRUE: Condition = { op: 'true' };
export const FALSE: Condition = { op: 'false' };

export function and(...args: Condition[]): Condition {
  if (args.some((a) => a.op === 'false')) return FALSE;
  const kept = args.filter((a) => a.op !== 'true').flatMap((a) => (a.op === 'and' ? a.args : [a]));
  if (kept.length === 0) return TRUE;
  return kept.length === 1 ? (kept[0] as Condition) : { op: 'and', args: kept };
}

export function or(...args: Condition[]): Condition {
  if (args.some((a) => a.op === 'true')) return TRUE;
  const kept = args.filter((a) => a.op !== 'false').flatMap((a) => (a.op === 'or' ? a.args : [a]));
  if (kept.length === 0) return FALSE;
  return kept.length === 1 ? (kept[0] as Condition) : { op: 'or', args: kept };
}

export function ownerIn(userIds: string[]): Condition {
  return userIds.length === 0 ? FALSE : { op: 'ownerIn', userIds: [...new Set(userIds)] };
}

export function inBuckets(bucketIds: string[]): Condition {
  return bucketIds.length === 0 ? FALSE : { op: 'inBuckets', bucketIds: [...new Set(bucketIds)] };
}

export function stateIn(states: ContactState[]): Condition {
  if (states.length === 0) return FALSE;
  return states.length === 3 ? TRUE : { op: 'stateIn', states };
}

/** The shares of a contact that are active now and name the user or one of the teams at `minLevel` or more. */
export function matchingShares<S extends ContactFacts['shares'][number]>(
  shares: readonly S[],
  who: { userId: string; teamIds: readonly string[] },
  minLevel: ShareLevel,
  now: number,
): S[] {
  return shares.filter(
    (s) =>
      ('userId' in s.grantee ? s.grantee.userId === who.userId : who.teamIds.includes(s.grantee.teamId)) &&
      isAtLeast(s.level, minLevel) &&
      isWithinWindow(s, now),
  );
}

export function evaluateCondition(condition: Condition, contact: ContactFacts): boolean {
  switch (condition.op) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'and':
      return condition.args.every((c) => evaluateCondition(c, contact));
    case 'or':
      return condition.args.some((c) => evaluateCondition(c, contact));
    case 'orgIs':
      return contact.orgId === condition.orgId;
    case 'ownerIn':
      return condition.userIds.includes(contact.ownerId);
    case 'stateIn':
      return condition.states.includes(contact.state);
    case 'sharedWith':
      return matchingShares(contact.shares, condition, condition.minLevel, condition.now).length > 0;
    case 'inBuckets':
      return contact.bucketIds.some((id) => condition.bucketIds.includes(id));
    default:
      return assertNever(condition);
  }
}
