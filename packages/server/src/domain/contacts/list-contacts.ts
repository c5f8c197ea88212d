// GET /contacts: one keyset page in one of four orders (name, owner, last activity, created), searched and filtered,
// with a capped count on request. The policy is compiled here, above storage, from @tandem/core (`contact.view`
// narrowed to the listed state); storage only renders it, and the search and filters narrow it inside every branch
// (casl's shape: accessibleBy, then query). One statement for the page (rows, facts and owners' names), one more for
// the count when asked; none per row.
import { compileFilter, compileSharedWithActorFilter, type ActorContext, type ListPolicy } from '@tandem/core';
import { countListed, LIST_SORTS, selectContacts, type CappedCount, type Cursor, type ListRequest, type ListScope, type ListSort } from '../../storage/contact-queries.ts';
import { isUuid } from '../../storage/ids.ts';
import { readForList } from '../../storage/replica.ts';
import { loadBucketOrThrow } from '../buckets/bucket-guard.ts';
import { decodeOrderedCursor, encodeOrderedCursor } from '../shared/cursor.ts';
import { AppError } from '../../errors.ts';
import { toContactViews, type ContactView } from './contact-view.ts';
import type { Deps } from '../shared/deps.ts';

/** The orders a contact list offers. */
export { LIST_SORTS };

export type ContactListInput = {
  q?: string;
  limit: number;
  cursor?: string;
  archived: boolean;
  trash: boolean;
  /**
   * all: every contact the caller can see; mine: those they own; shared: those they can see and do not own;
   * sharedWithYou: those a record share, user grant or bucket share gives them (`access.sharedWithYou`).
   */
  scope: ListScopeName;
  bucketId?: string;
  ownerId?: string;
  tag?: string;
  sort?: ListSort;
  /** Also count the matching contacts (capped: storage COUNT_CAP). */
  count?: boolean;
};

export const LIST_SCOPES = ['all', 'mine', 'shared', 'sharedWithYou'] as const;
export type ListScopeName = (typeof LIST_SCOPES)[number];

export type Page<T> = { items: T[]; nextCursor: string | null };
export type ContactPage = Page<ContactView> & { total?: CappedCount };

/** `trash=true` lists the trash (whether or not a trashed contact had been archived); `archived=true` the archive. */
function stateOf(input: ContactListInput): ListScope {
  if (input.trash) return 'trashed';
  return input.archived ? 'archived' : 'active';
}

/** How many strings follow the order's name in its cursor. */
const ARITY: Record<ListSort, number> = { name: 2, owner: 4, activity: 2, created: 2 };
const TIME_KEY = /^(-infinity|-?\d{1,19})$/;

function badCursor(): never {
  throw new AppError('TANDEM_INPUT_INVALID', 'cursor: not a cursor this list gave out');
}

/** The cursor's keys for `sort`: 400 when malformed, TANDEM_LIST_CURSOR_MISMATCH when given out for another order. */
export function decodeListCursor(cursor: string, sort: ListSort): Cursor {
  const key = decodeOrderedCursor(cursor, sort, LIST_SORTS, (s) => ARITY[s as ListSort] ?? -1);
  const id = key[key.length - 1] ?? '';
  if (!isUuid(id)) badCursor();
  switch (sort) {
    case 'owner': {
      const [ownerName, ownerId, sortName] = key as [string, string, string, string];
      if (!isUuid(ownerId)) badCursor();
      return { ownerName, ownerId: ownerId.toLowerCase(), sortName, id: id.toLowerCase() };
    }
    case 'created':
    case 'activity': {
      const [at] = key as [string, string];
      if (!TIME_KEY.test(at)) badCursor();
      return { at, id: id.toLowerCase() };
    }
    default:
      return { sortName: key[0] ?? '', id: id.toLowerCase() };
  }
}

export function encodeListCursor(sort: ListSort, key: Cursor): string {
  switch (sort) {
    case 'owner':
      return encodeOrderedCursor(sort, [key.ownerName ?? '', key.ownerId ?? '', key.sortName ?? '', key.id]);
    case 'created':
    case 'activity':
      return encodeOrderedCursor(sort, [key.at ?? '', key.id]);
    default:
      return encodeOrderedCursor(sort, [key.sortName ?? '', key.id]);
  }
}

/** The owner filter: `scope=mine` is the caller; with `ownerId` too, both must hold. Null: nothing can match. */
function ownerFilter(ctx: ActorContext, input: ContactListInput): { ownerId?: string } | null {
  const wanted = input.ownerId?.toLowerCase();
  if (wanted !== undefined && !isUuid(wanted)) return null;
  if (input.scope === 'mine') return wanted === undefined || wanted === ctx.actor.userId ? { ownerId: ctx.actor.userId } : null;
  return wanted === undefined ? {} : { ownerId: wanted };
}

/**
 * The compiled policy of the list's scope: `contact.view` in the listed state, or for `sharedWithYou` the core's
 * "shared with the actor" scope (the same condition as each row's `access.sharedWithYou`), with the owner to leave out.
 */
function scopePolicy(ctx: ActorContext, input: ContactListInput): { policy: ListPolicy; notOwnerId?: string } {
  const states = [stateOf(input)];
  if (input.scope === 'sharedWithYou') return compileSharedWithActorFilter(ctx, states);
  const policy = compileFilter(ctx, 'contact.view', states);
  return input.scope === 'shared' ? { policy, notOwnerId: ctx.actor.userId } : { policy };
}

export async function listVisibleContacts(deps: Deps, ctx: ActorContext, input: ContactListInput): Promise<ContactPage> {
  const { db } = deps;
  const sort = input.sort ?? 'name';
  const after = input.cursor ? decodeListCursor(input.cursor, sort) : undefined;
  const bucketId = input.bucketId ? (await loadBucketOrThrow(db, ctx, input.bucketId, 'see')).row.id : undefined;
  const owner = ownerFilter(ctx, input);
  if (owner === null) return { items: [], nextCursor: null, ...(input.count ? { total: { count: 0, capped: false } } : {}) };
  const q = input.q?.trim();
  const { policy, notOwnerId } = scopePolicy(ctx, input);
  const request: ListRequest = {
    limit: input.limit, sort, ...owner,
    ...(q ? { q } : {}),
    ...(after ? { after } : {}),
    ...(notOwnerId ? { notOwnerId } : {}),
    ...(bucketId ? { bucketId } : {}),
    ...(input.tag !== undefined ? { tag: input.tag } : {}),
  };
  // The page and the count may run on a read replica that has replayed the primary's writes as of now (D49): the
  // bucket above and the caller's facts were read on the primary.
  return readForList(deps, async (reader) => {
    const [rows, total] = await Promise.all([
      selectContacts(reader, ctx, policy, request),
      input.count ? countListed(reader, ctx, policy, request) : Promise.resolve(undefined),
    ]);
    const page = rows.slice(0, input.limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > input.limit && last ? encodeListCursor(sort, last.key) : null;
    return { items: await toContactViews(reader, ctx, page), nextCursor, ...(total ? { total } : {}) };
  });
}
