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
  // Fast path, the common case of building rules: nothing to drop or flatten.
  let plain = true;
  for (const a of args) {
    if (a.op === 'false') return FALSE;
    if (a.op === 'true' || a.op === 'and') plain = false;
  }
  if (plain && args.length > 1) return { op: 'and', args };
  if (args.some((a) => a.op === 'false')) return FALSE;
  const kept = args.filter((a) => a.op !== 'true').flatMap((a) => (a.op === 'and' ? a.args : [a]));
  if (kept.length === 0) return TRUE;
  return kept.length === 1 ? (kept[0] as Condition) : { op: 'and', args: kept };
}

export function or(...args: Condition[]): Condition {
  if (args.some((a) => a.op === 'true')) return TRUE;
  const kept = absorb(mergeSets(args.filter((a) => a.op !== 'false').flatMap((a) => (a.op === 'or' ? a.args : [a]))));
  if (kept.length === 0) return FALSE;
  return kept.length === 1 ? (kept[0] as Condition) : { op: 'or', args: kept };
}

type SetOp = Extract<Condition, { op: 'ownerIn' | 'idIn' | 'inBuckets' }>;
const valuesOf = (c: SetOp): string[] => (c.op === 'ownerIn' ? c.userIds : c.op === 'idIn' ? c.ids : c.bucketIds);
function withValues(c: SetOp, values: string[]): SetOp {
  if (c.op === 'ownerIn') return { op: 'ownerIn', userIds: values };
  return c.op === 'idIn' ? { op: 'idIn', ids: values } : { op: 'inBuckets', bucketIds: values };
}
const isSetOp = (c: Condition): c is SetOp => c.op === 'ownerIn' || c.op === 'idIn' || c.op === 'inBuckets';

// Same-shaped means the same other parts by identity: the rules share their `live` test, and comparing by identity
// keeps merging O(disjuncts). Equal parts built apart are left unmerged, which changes no answer.
const identities = new WeakMap<Condition, number>();
let nextIdentity = 0;
function identityOf(c: Condition): number {
  let id = identities.get(c);
  if (id === undefined) {
    id = nextIdentity++;
    identities.set(c, id);
  }
  return id;
}

/** A disjunct as "rest AND x IN set" when it has exactly one set test; null otherwise. */
function splitSet(c: Condition): { rest: Condition[]; set: SetOp } | null {
  if (isSetOp(c)) return { rest: [], set: c };
  if (c.op !== 'and') return null;
  const sets = c.args.filter(isSetOp);
  if (sets.length !== 1) return null;
  return { rest: c.args.filter((a) => !isSetOp(a)), set: sets[0] as SetOp };
}

/**
 * (P AND x IN A) OR (P AND x IN B) is P AND x IN (A ∪ B): one grant, bucket share or owner test per kind instead of
 * one per source, so an actor with hundreds of bucket shares evaluates (and renders) one set test. Disjuncts keep
 * their first position; everything else is left as it is.
 */
function mergeSets(args: Condition[]): Condition[] {
  const groups = new Map<string, { at: number; rest: Condition[]; set: SetOp; values: Set<string> }>();
  const out: (Condition | null)[] = [];
  for (const arg of args) {
    const split = splitSet(arg);
    if (!split) {
      out.push(arg);
      continue;
    }
    const key = `${split.set.op}|${split.rest.map(identityOf).join(',')}`;
    const group = groups.get(key);
    if (group) {
      for (const v of valuesOf(split.set)) group.values.add(v);
      continue;
    }
    groups.set(key, { at: out.length, rest: split.rest, set: split.set, values: new Set(valuesOf(split.set)) });
    out.push(arg);
  }
  for (const g of groups.values()) {
    if (g.values.size === valuesOf(g.set).length) continue;
    const set = withValues(g.set, [...g.values]);
    out[g.at] = g.rest.length === 0 ? set : { op: 'and', args: [...g.rest, set] };
  }
  return out.filter((c): c is Condition => c !== null);
}

const unique = (values: string[]): string[] => (values.length === 1 ? [...values] : [...new Set(values)]);

/**
 * X OR (X AND Y) is X: a disjunct that is a conjunction holding another disjunct (the same object) adds nothing.
 * With share-all on, `live` gives every live contact, so the grant, bucket-share and record-share rules (each
 * `live AND ...`) drop out of the list's condition and it is one scan instead of a union of every source.
 */
function absorb(args: Condition[]): Condition[] {
  if (args.length < 2) return args;
  const present = new Set(args);
  return args.filter((a) => a.op !== 'and' || !a.args.some((part) => present.has(part)));
}

export function ownerIn(userIds: string[]): Condition {
  return userIds.length === 0 ? FALSE : { op: 'ownerIn', userIds: unique(userIds) };
}

export function idIn(ids: string[]): Condition {
  return ids.length === 0 ? FALSE : { op: 'idIn', ids: unique(ids) };
}

export function inBuckets(bucketIds: string[]): Condition {
  return bucketIds.length === 0 ? FALSE : { op: 'inBuckets', bucketIds: unique(bucketIds) };
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

// A large set test is evaluated through a Set built once per array (conditions are built once per context and then
// evaluated for every record of a page): an admin's bucket test holds hundreds of ids.
const SET_FROM = 16;
const setCache = new WeakMap<readonly string[], ReadonlySet<string>>();
function hasValue(values: readonly string[], value: string): boolean {
  if (values.length < SET_FROM) return values.includes(value);
  let set = setCache.get(values);
  if (!set) {
    set = new Set(values);
    setCache.set(values, set);
  }
  return set.has(value);
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
      return hasValue(condition.userIds, record.ownerId);
    case 'idIn':
      return hasValue(condition.ids, record.id);
    case 'stateIn':
      return record.state !== undefined && condition.states.includes(record.state);
    case 'sharedWith':
      return matchingShares(record.shares ?? [], condition, condition.minLevel, condition.now).length > 0;
    case 'inBuckets':
      return (record.bucketIds ?? []).some((id) => hasValue(condition.bucketIds, id));
    default:
      return assertNever(condition);
  }
}
