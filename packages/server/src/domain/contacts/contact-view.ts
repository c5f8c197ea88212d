// What the API shows of a contact: its row, its owner's name and the caller's access, computed by @tandem/core
// (level, allowed actions, shared, and the levels the caller may give in a share). The web app renders from this
// and never re-derives policy. Each action's condition is built once per request context (the core caches it), so
// a page of 50 contacts evaluates 14 ready conditions per row rather than building 700 trees.
import {
  allowedActions, computeLevel, isAtLeast, shareCeiling, SHARE_LEVELS, type ActorContext, type ContactAction,
  type ContactFacts, type Level, type ShareLevel,
} from '@tandem/core';
import type { Db } from '../../storage/connect.ts';
import type { ContactRow, ContactWithFacts } from '../../storage/contact-queries.ts';
import { loadUserNames } from '../../storage/share-queries.ts';

export type VisibleLevel = Exclude<Level, 'none'>;
export type ContactAccess = { level: VisibleLevel; actions: ContactAction[]; shared: boolean; shareLevels: ShareLevel[] };
export type ContactView = { row: ContactRow; ownerName: string; access: ContactAccess };

export function computeContactAccess(ctx: ActorContext, facts: ContactFacts): ContactAccess {
  const level = computeLevel(ctx, facts);
  if (level === 'none') throw new Error(`contact ${facts.id} is not visible to ${ctx.actor.userId}`);
  const actions = allowedActions(ctx, facts);
  const ceiling = shareCeiling(ctx, level);
  const shareLevels = actions.includes('contact.share') ? SHARE_LEVELS.filter((l) => isAtLeast(ceiling, l)) : [];
  return { level, actions, shared: facts.ownerId !== ctx.actor.userId, shareLevels };
}

/** Views for a page of contacts: one query for the owners' names, whatever the page size. */
export async function toContactViews(db: Db, ctx: ActorContext, items: readonly ContactWithFacts[]): Promise<ContactView[]> {
  const names = await loadUserNames(db, ctx.actor.orgId, items.map((i) => i.row.owner_id));
  return items.map((item) => ({ row: item.row, ownerName: names.get(item.row.owner_id) ?? '', access: computeContactAccess(ctx, item.facts) }));
}

export async function toContactView(db: Db, ctx: ActorContext, item: ContactWithFacts): Promise<ContactView> {
  const names = await loadUserNames(db, ctx.actor.orgId, [item.row.owner_id]);
  return { row: item.row, ownerName: names.get(item.row.owner_id) ?? '', access: computeContactAccess(ctx, item.facts) };
}
