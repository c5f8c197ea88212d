// A compiled condition as the ways into a list (issue 9, item 3). The core compiles a policy as one tree: the org,
// the state the list shows, and an OR of sources (own contacts, one `owner_id` branch per user grant, one bucket
// membership per bucket share, record shares, share-all, admin), each source wrapped in its own live-state test.
// Rendered as one WHERE, PostgreSQL can only walk the name index and filter it: the narrow member reads the whole
// org to find 18 contacts. Here the tree is put in disjunctive normal form and each disjunct (a "branch") is
// normalised, so that every branch has a single access path:
//   - one org, one state set, one owner set, one id set per branch (conjunctions intersected: `live AND active` is
//     `active`; a state test appears once per branch, hoisted out of the OR when every branch has the same);
//   - branches another branch already covers are dropped (share-all and admin leave one plain branch);
//   - same-kind branches that differ only in their owners, ids or bucket set are merged into one `ANY(array)`
//     (all user grants at one state into one owner set, all bucket shares into one bucket set).
// It is binding-agnostic (conditions in, conditions out): render-filter.ts renders the result as one WHERE for
// counts and exports, contact-page.ts as a UNION of index-ordered scans for list pages.
import { CONTACT_STATES, levelRank, type Condition, type ContactState } from '@tandem/core';

type SharedWith = Extract<Condition, { op: 'sharedWith' }>;

/** One disjunct: everything in it must hold. `null` sets mean "any". */
export type Branch = {
  org: string | null;
  states: ContactState[] | null;
  owners: string[] | null;
  ids: string[] | null;
  /** Each must hold (normally none or one). */
  shared: SharedWith[];
  /** Each must hold: the record is in one of the set's buckets (normally none or one set). */
  buckets: string[][];
};

/**
 * Beyond this many disjuncts the normal form is not worth it: callers render the condition as it is. Today's rules
 * give one disjunct per source (a user with 300 bucket shares has about 300), never a product.
 */
const MAX_DISJUNCTS = 4096;

/** The condition as an OR of ANDs of leaves; null when it would exceed MAX_DISJUNCTS. */
function disjuncts(c: Condition): Condition[][] | null {
  switch (c.op) {
    case 'true':
      return [[]];
    case 'false':
      return [];
    case 'or': {
      const out: Condition[][] = [];
      for (const arg of c.args) {
        const d = disjuncts(arg);
        if (!d) return null;
        out.push(...d);
        if (out.length > MAX_DISJUNCTS) return null;
      }
      return out;
    }
    case 'and': {
      let acc: Condition[][] = [[]];
      for (const arg of c.args) {
        const d = disjuncts(arg);
        if (!d) return null;
        const next: Condition[][] = [];
        for (const left of acc) {
          for (const right of d) {
            next.push([...left, ...right]);
            if (next.length > MAX_DISJUNCTS) return null;
          }
        }
        acc = next;
      }
      return acc;
    }
    default:
      return [[c]];
  }
}

function intersect<T>(current: T[] | null, more: readonly T[]): T[] {
  const unique = [...new Set(more)];
  return current === null ? unique : current.filter((x) => unique.includes(x));
}

const sameWho = (a: SharedWith, b: SharedWith) =>
  a.userId === b.userId && a.now === b.now && a.teamIds.length === b.teamIds.length && a.teamIds.every((t) => b.teamIds.includes(t));

/** `a` holds whenever `b` does: same grantees and time, and `b` asks at least `a`'s level. */
const sharedCovers = (a: SharedWith, b: SharedWith) => sameWho(a, b) && levelRank(b.minLevel) >= levelRank(a.minLevel);

const subset = <T>(small: readonly T[], big: readonly T[]) => small.every((x) => big.includes(x));

/** One conjunction of leaves as a branch; null when it can hold for no record. */
function toBranch(leaves: readonly Condition[]): Branch | null {
  const b: Branch = { org: null, states: null, owners: null, ids: null, shared: [], buckets: [] };
  for (const leaf of leaves) {
    switch (leaf.op) {
      case 'true':
        break;
      case 'false':
        return null;
      case 'orgIs':
        if (b.org !== null && b.org !== leaf.orgId) return null;
        b.org = leaf.orgId;
        break;
      case 'stateIn':
        b.states = intersect(b.states, leaf.states);
        break;
      case 'ownerIn':
        b.owners = intersect(b.owners, leaf.userIds);
        break;
      case 'idIn':
        b.ids = intersect(b.ids, leaf.ids);
        break;
      case 'sharedWith':
        // "a share at view or above" AND "a share at edit or above" (same grantees, same time) is the second.
        if (!b.shared.some((s) => sharedCovers(leaf, s))) b.shared = [...b.shared.filter((s) => !sharedCovers(s, leaf)), leaf];
        break;
      case 'inBuckets': {
        const set = [...new Set(leaf.bucketIds)];
        // In one of A, and in one of B ⊇ A: the second says nothing more.
        if (!b.buckets.some((s) => subset(s, set))) b.buckets = [...b.buckets.filter((s) => !subset(set, s)), set];
        break;
      }
      case 'and':
      case 'or':
        throw new Error('list-branches: a disjunct holds only leaves');
      default:
        leaf satisfies never;
        throw new Error('list-branches: unknown condition');
    }
  }
  if (b.states?.length === CONTACT_STATES.length) b.states = null;
  if (b.states?.length === 0 || b.owners?.length === 0 || b.ids?.length === 0 || b.buckets.some((s) => s.length === 0)) return null;
  return b;
}

/** Every record `narrow` lets through, `wide` lets through too. */
function covers(wide: Branch, narrow: Branch): boolean {
  const setCovers = <T>(w: T[] | null, n: T[] | null) => w === null || (n !== null && subset(n, w));
  return (wide.org === null || wide.org === narrow.org)
    && setCovers(wide.states, narrow.states) && setCovers(wide.owners, narrow.owners) && setCovers(wide.ids, narrow.ids)
    && wide.shared.every((w) => narrow.shared.some((n) => sharedCovers(w, n)))
    && wide.buckets.every((w) => narrow.buckets.some((n) => subset(n, w)));
}

function withoutCovered(branches: readonly Branch[]): Branch[] {
  return branches.filter((b, i) => !branches.some((other, j) => j !== i && covers(other, b) && (!covers(b, other) || j < i)));
}

const key = (values: readonly string[] | null) => (values === null ? '*' : [...values].sort().join(','));
const sharedKey = (s: SharedWith) => `${s.userId}|${key(s.teamIds)}|${s.minLevel}|${s.now}`;

/** The branch with one part left out, as a string: two branches equal but for that part merge on it. */
function restKey(b: Branch, without: 'owners' | 'ids' | 'buckets'): string {
  return [
    b.org ?? '*', key(b.states), without === 'owners' ? '' : key(b.owners), without === 'ids' ? '' : key(b.ids),
    b.shared.map(sharedKey).sort().join(';'), without === 'buckets' ? '' : b.buckets.map(key).sort().join(';'),
  ].join('/');
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

type MergePart = 'owners' | 'ids' | 'buckets';

/** Whether this branch has the part in a form two branches equal in all else can be merged on. */
function mergeable(b: Branch, part: MergePart): boolean {
  return part === 'buckets' ? b.buckets.length === 1 : b[part] !== null;
}

function mergeInto(a: Branch, b: Branch, part: MergePart): Branch {
  if (part === 'buckets') return { ...a, buckets: [union(a.buckets[0] ?? [], b.buckets[0] ?? [])] };
  return { ...a, [part]: union(a[part] ?? [], b[part] ?? []) };
}

/**
 * (P AND owner ∈ A) OR (P AND owner ∈ B) is P AND owner ∈ A ∪ B; the same for ids and for a single bucket set.
 * Branches are grouped by everything but the part (linear in the number of branches), once per part, until no group
 * merges any more (merging owners can make two bucket branches equal in all else).
 */
function merged(branches: readonly Branch[]): Branch[] {
  let out = [...branches];
  for (let changed = true; changed;) {
    changed = false;
    for (const part of ['owners', 'ids', 'buckets'] as const) {
      const slots = new Map<string, number>();
      const next: Branch[] = [];
      for (const b of out) {
        const k = mergeable(b, part) ? restKey(b, part) : null;
        const slot = k === null ? undefined : slots.get(k);
        if (k !== null && slot !== undefined) {
          next[slot] = mergeInto(next[slot] as Branch, b, part);
          changed = true;
        } else {
          if (k !== null) slots.set(k, next.length);
          next.push(b);
        }
      }
      out = next;
    }
  }
  return out;
}

/**
 * The condition as normalised branches, or null when it is too large to expand (render it as it is). An empty
 * array means no record can pass.
 */
export function conditionBranches(condition: Condition): Branch[] | null {
  const terms = disjuncts(condition);
  if (!terms) return null;
  const branches = terms.map(toBranch).filter((b): b is Branch => b !== null);
  // Merge first (linear), then drop covered branches (quadratic, but over the few branches merging leaves).
  return withoutCovered(merged(branches));
}

/** One branch as a condition, leaving out its org and states when `hoisted` says they are tested outside. */
export function branchCondition(b: Branch, hoisted: { org?: boolean; states?: boolean } = {}): Condition {
  const parts: Condition[] = [];
  if (b.org !== null && !hoisted.org) parts.push({ op: 'orgIs', orgId: b.org });
  if (b.states !== null && !hoisted.states) parts.push({ op: 'stateIn', states: b.states });
  if (b.owners !== null) parts.push({ op: 'ownerIn', userIds: b.owners });
  if (b.ids !== null) parts.push({ op: 'idIn', ids: b.ids });
  parts.push(...b.shared);
  parts.push(...b.buckets.map((bucketIds): Condition => ({ op: 'inBuckets', bucketIds })));
  if (parts.length === 0) return { op: 'true' };
  return parts.length === 1 ? (parts[0] as Condition) : { op: 'and', args: parts };
}

/** What every branch shares: the same org, the same state set (each `undefined` when they differ). */
export function commonParts(branches: readonly Branch[]): { org?: string; states?: ContactState[] } {
  const [first, ...rest] = branches;
  if (!first) return {};
  const out: { org?: string; states?: ContactState[] } = {};
  if (first.org !== null && rest.every((b) => b.org === first.org)) out.org = first.org;
  if (first.states !== null && rest.every((b) => key(b.states) === key(first.states))) out.states = first.states;
  return out;
}

/**
 * Branches as one condition: `org AND states AND (branch OR branch ...)`, the org and state tests once when every
 * branch has the same; `hoistOrg` leaves the common org out (the caller tests it).
 */
export function branchesCondition(branches: readonly Branch[], opts: { hoistOrg?: boolean } = {}): Condition {
  if (branches.length === 0) return { op: 'false' };
  const common = commonParts(branches);
  const hoisted = { org: common.org !== undefined, states: common.states !== undefined };
  const ors = branches.map((b) => branchCondition(b, hoisted));
  const parts: Condition[] = [];
  if (common.org !== undefined && !opts.hoistOrg) parts.push({ op: 'orgIs', orgId: common.org });
  if (common.states !== undefined) parts.push({ op: 'stateIn', states: common.states });
  // A branch that is only the common part covers the others (conditionBranches has dropped them already).
  if (!ors.some((c) => c.op === 'true')) parts.push(ors.length === 1 ? (ors[0] as Condition) : { op: 'or', args: ors });
  if (parts.length === 0) return { op: 'true' };
  return parts.length === 1 ? (parts[0] as Condition) : { op: 'and', args: parts };
}

/** The same condition, simplified (conditionBranches, then branchesCondition); as it is when too large to expand. */
export function simplifyCondition(condition: Condition): Condition {
  const branches = conditionBranches(condition);
  return branches ? branchesCondition(branches) : condition;
}
