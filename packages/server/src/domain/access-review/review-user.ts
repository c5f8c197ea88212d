// GET /access-review/users/:userId (issue 13 item 5, D38): every contact one user can see, a keyset page at a time,
// each with the level and sources GET /contacts/:id/access gives for that user. Admins only. Nothing here decides
// access: the page is THAT user's compiled `contact.view` policy (the same list they would get from GET /contacts),
// and each row's level and sources are the core's `explain` over the row's facts read for that user; names are
// resolved once per page. Active and archived contacts (what they can open); the trash is the owner's and admins'.
import { compileFilter, explain, LIVE_STATES, type ActorContext, type Level, type Role, type UserStatus } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { selectContacts } from '../../storage/contact-queries.ts';
import { loadActorContext } from '../../storage/load-actor-context.ts';
import { loadUser } from '../../storage/user-queries.ts';
import { decodeListCursor, encodeListCursor } from '../contacts/list-contacts.ts';
import { withNames, type NamedSource } from '../contacts/explain-access.ts';
import { requireAdminOrThrow } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';

export type ReviewedUser = { id: string; name: string; role: Role; status: UserStatus };
export type ReviewedContact = {
  contactId: string; name: string; ownerId: string; ownerName: string; state: 'active' | 'archived';
  level: Exclude<Level, 'none'>; sources: NamedSource[];
};
export type UserAccessReview = { user: ReviewedUser; items: ReviewedContact[]; nextCursor: string | null };

/** The reviewed user and the context the core would load for them (as of the admin's request). 404 when not in the org. */
export async function reviewedUserOf(deps: Deps, ctx: ActorContext, userId: string): Promise<{ user: ReviewedUser; target: ActorContext }> {
  requireAdminOrThrow(ctx);
  const id = userId.toLowerCase();
  const row = await loadUser(deps.db, ctx.actor.orgId, id);
  const target = row ? await loadActorContext(deps.db, ctx.actor.orgId, row.id, ctx.now) : null;
  if (!row || !target) throw new AppError('TANDEM_USER_NOT_FOUND');
  return { user: { id: row.id, name: row.name, role: row.role, status: row.status }, target };
}

/** One page of the contacts `target` sees, by name, with the core's level and sources for each. */
export async function reviewPage(deps: Deps, orgId: string, target: ActorContext, limit: number, cursor?: string): Promise<{ items: ReviewedContact[]; nextCursor: string | null }> {
  const policy = compileFilter(target, 'contact.view', LIVE_STATES);
  const after = cursor ? decodeListCursor(cursor, 'name') : undefined;
  const rows = await selectContacts(deps.db, target, policy, { limit, sort: 'name', ...(after ? { after } : {}) });
  const page = rows.slice(0, limit);
  const explained = page.map((r) => ({ r, why: explain(target, r.facts) }));
  // One batch of name look-ups for the whole page.
  const named = await withNames(deps.db, orgId, explained.flatMap((e) => e.why.sources));
  let at = 0;
  const items: ReviewedContact[] = [];
  for (const { r, why } of explained) {
    const sources = named.slice(at, at + why.sources.length);
    at += why.sources.length;
    // The compiled policy and explain are the same rules: a row the policy lets through always has a level.
    if (why.level === 'none') throw new Error(`access review: ${r.row.id} listed without a level`);
    items.push({
      contactId: r.row.id, name: r.row.name, ownerId: r.row.owner_id, ownerName: r.ownerName,
      state: r.facts.state as 'active' | 'archived', level: why.level, sources,
    });
  }
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeListCursor('name', last.key) : null };
}

export async function reviewUserAccess(deps: Deps, ctx: ActorContext, userId: string, page: { limit: number; cursor?: string }): Promise<UserAccessReview> {
  const { user, target } = await reviewedUserOf(deps, ctx, userId);
  return { user, ...(await reviewPage(deps, ctx.actor.orgId, target, page.limit, page.cursor)) };
}
