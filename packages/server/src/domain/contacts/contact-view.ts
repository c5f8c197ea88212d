// What the API shows of a contact: its row, its owner's name and the caller's access, computed by @tandem/core
// (level, allowed actions, shared, and the levels the caller may give in a share). The web app renders from this
// and never re-derives policy. A row costs one level (the core tries its few per-level conditions from the top) and
// the 14 actions read from that level: no action's condition is evaluated per row. The owner's name
// comes with the row (storage/contact-facts.ts): a view costs no statement of its own.
// Two answers are for the screens: `sharedWithYou` (a share, a user grant or a bucket share reaches the caller, which
// the shared icon and "Shared with me" mean, @tandem/core's isSharedWithActor; `shared` only says the caller is not the owner, true for an admin on
// every contact) and `reassignTo` (whom the caller may hand the contact to, spec §6.4, so the app offers no one the
// server would refuse).
import {
  allowedActionsAt, computeLevel, isAtLeast, isSharedWithActor, reassignableOwners, shareCeiling, SHARE_LEVELS,
  type ActorContext, type ContactAction, type ContactFacts, type Level, type ShareLevel,
} from '@tandem/core';
import type { Db } from '../../storage/connect.ts';
import type { ContactRow, ContactWithFacts } from '../../storage/contact-facts.ts';

export type VisibleLevel = Exclude<Level, 'none'>;
/** Whom the caller may make the contact's owner: any active user of the org (admins), or these users. */
export type ReassignTargets = { anyone: boolean; userIds: string[] };
export type ContactAccess = {
  level: VisibleLevel; actions: ContactAction[]; shared: boolean; sharedWithYou: boolean; shareLevels: ShareLevel[]; reassignTo: ReassignTargets;
};


function reassignTargets(ctx: ActorContext, actions: readonly ContactAction[]): ReassignTargets {
  if (!actions.includes('contact.reassign')) return { anyone: false, userIds: [] };
  if (ctx.actor.role === 'admin') return { anyone: true, userIds: [] };
  return { anyone: false, userIds: [...new Set(reassignableOwners(ctx))] };
}
export type ContactView = { row: ContactRow; ownerName: string; access: ContactAccess };

export function computeContactAccess(ctx: ActorContext, facts: ContactFacts): ContactAccess {
  const level = computeLevel(ctx, facts);
  if (level === 'none') throw new Error(`contact ${facts.id} is not visible to ${ctx.actor.userId}`);
  const actions = allowedActionsAt(ctx, facts, level);
  const ceiling = shareCeiling(ctx, level);
  const shareLevels = actions.includes('contact.share') ? SHARE_LEVELS.filter((l) => isAtLeast(ceiling, l)) : [];
  return {
    level, actions, shared: facts.ownerId !== ctx.actor.userId, sharedWithYou: isSharedWithActor(ctx, facts), shareLevels,
    reassignTo: reassignTargets(ctx, actions),
  };
}

/** The view of one contact read with its facts and owner's name. */
export function contactViewOf(ctx: ActorContext, item: ContactWithFacts): ContactView {
  return { row: item.row, ownerName: item.ownerName, access: computeContactAccess(ctx, item.facts) };
}

/** Views for a page of contacts: no statement (the owners' names came with the rows). */
export async function toContactViews(_db: Db, ctx: ActorContext, items: readonly ContactWithFacts[]): Promise<ContactView[]> {
  return items.map((item) => contactViewOf(ctx, item));
}

export async function toContactView(_db: Db, ctx: ActorContext, item: ContactWithFacts): Promise<ContactView> {
  return contactViewOf(ctx, item);
}
