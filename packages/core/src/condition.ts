// The condition tree: what the rules say about a record, in a form with two interpreters. It is resource-generic:
// every op names a part of a record (org, owner, id, lifecycle state, per-record shares, group memberships), never a
// table. `evaluateCondition` runs it in memory against RecordFacts; the storage layer renders the same tree as SQL
// for one resource's table through a binding (packages/server/src/storage/render-filter.ts).
import { assertNever } from './assert-never.ts';
import type { ContactState, RecordFacts, ShareFact } from './facts.ts';
import { isAtLeast, type ShareLevel } from './levels.ts';
import { isWithinWindow } from './window.ts';

export type Condition =
  | { op: 'true' }
  | { op: 'false' }
  | { op: 'and'; args: Condition[] }
  | { op: 'or'; args: Condition[] }
  | { op: 'orgIs'; orgId: string }
  /** The record's owner (a contact's owner, a bucket's owner, a calendar item's assignee) is one of these users. */
  | { op: 'ownerIn'; userIds: string[] }
  /** The record is one of these (a bucket named by the actor's bucket shares). */
  | { op: 'idIn'; ids: string[] }
  | { op: 'stateIn'; states: ContactState[] }
  /** An active share of the record names `userId` or one of `teamIds` at `minLevel` or more. */
  | { op: 'sharedWith'; userId: string; teamIds: string[]; minLevel: ShareLevel; now: number }
  /** The record is in one of these buckets. */
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

export function idIn(ids: string[]): Condition {
  return ids.length === 0 ? FALSE : { op: 'idIn', ids: [...new Set(ids)] };
}

export function inBuckets(bucketIds: string[]): Condition {
  return bucketIds.length === 0 ? FALSE : { op: 'inBuckets', bucketIds: [...new Set(bucketIds)] };
}

export function stateIn(states: ContactState[]): Condition {
  if (states.length === 0) return FALSE;
  return states.length === 3 ? TRUE : { op: 'stateIn', states };
}

/** The shares of a record that are active now and name the user or one of the teams at `minLevel` or more. */
export function matchingShares<S extends ShareFact>(
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

export function evaluateCondition(condition: Condition, record: RecordFacts): boolean {
  switch (condition.op) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'and':
      return condition.args.every((c) => evaluateCondition(c, record));
    case 'or':
      return condition.args.some((c) => evaluateCondition(c, record));
    case 'orgIs':
      return record.orgId === condition.orgId;
    case 'ownerIn':
      return condition.userIds.includes(record.ownerId);
    case 'idIn':
      return condition.ids.includes(record.id);
    case 'stateIn':
      return record.state !== undefined && condition.states.includes(record.state);
    case 'sharedWith':
      return matchingShares(record.shares ?? [], condition, condition.minLevel, condition.now).length > 0;
    case 'inBuckets':
      return (record.bucketIds ?? []).some((id) => condition.bucketIds.includes(id));
    default:
      return assertNever(condition);
  }
}
