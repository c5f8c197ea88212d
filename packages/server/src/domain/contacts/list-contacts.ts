// GET /contacts: one keyset page sorted by name. The policy is compiled here, above storage, from @tandem/core
// (`contact.view` narrowed to the listed state); storage only renders it (casl's shape: accessibleBy, then query).
// One query for the page, one for the owners' names; no per-row queries.
import { compileFilter, type ActorContext } from '@tandem/core';
import { selectContacts, type ListScope } from '../../storage/contact-queries.ts';
import { loadBucketOrThrow } from '../buckets/bucket-guard.ts';
import { decodeCursor, pageOf } from '../shared/cursor.ts';
import { toContactViews, type ContactView } from './contact-view.ts';
import type { Deps } from '../shared/deps.ts';

export type ContactListInput = {
  q?: string;
  limit: number;
  cursor?: string;
  archived: boolean;
  trash: boolean;
  /** all: every contact the caller can see; mine: those they own; shared: those they can see and do not own. */
  scope: 'all' | 'mine' | 'shared';
  bucketId?: string;
};

export type Page<T> = { items: T[]; nextCursor: string | null };

/** `trash=true` lists the trash (whether or not a trashed contact had been archived); `archived=true` the archive. */
function stateOf(input: ContactListInput): ListScope {
  if (input.trash) return 'trashed';
  return input.archived ? 'archived' : 'active';
}

export async function listVisibleContacts(deps: Deps, ctx: ActorContext, input: ContactListInput): Promise<Page<ContactView>> {
  const { db } = deps;
  const me = ctx.actor.userId;
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  const bucketId = input.bucketId ? (await loadBucketOrThrow(db, ctx, input.bucketId, 'see')).row.id : undefined;
  const q = input.q?.trim();
  const policy = compileFilter(ctx, 'contact.view', [stateOf(input)]);
  const rows = await selectContacts(db, ctx, policy, {
    limit: input.limit,
    ...(q ? { q } : {}),
    ...(after ? { after: { sortName: after.key, id: after.id } } : {}),
    ...(input.scope === 'mine' ? { ownerId: me } : {}),
    ...(input.scope === 'shared' ? { notOwnerId: me } : {}),
    ...(bucketId ? { bucketId } : {}),
  });
  const { page, nextCursor } = pageOf(rows, input.limit, (r) => [r.row.sort_name, r.row.id]);
  return { items: await toContactViews(db, ctx, page), nextCursor };
}
