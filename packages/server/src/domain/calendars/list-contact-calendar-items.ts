// GET /contacts/:id/calendar-items: the tasks and events linked to a contact that show on its page, i.e. to callers
// who see the contact at `view` (404 when it is invisible, 403 when seen at `profile` only) and read the item's
// calendar (spec §7: both). The items are the compiled `calendar_item.view` policy narrowed to the contact; a series
// is listed once, at its start; undated tasks come last.
import { canSeeLinkedContact, compileFilter, decide, type ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { listContactItems } from '../../storage/calendar-queries.ts';
import { loadContact } from '../../storage/contact-read.ts';
import { contactNotFound } from '../contacts/contact-guard.ts';
import { toItemViews } from './calendar-item-view.ts';
import { decodeItemCursor, encodeItemCursor } from './item-cursor.ts';
import type { ItemPage } from './list-calendar-items.ts';
import type { Deps } from '../shared/deps.ts';

export async function listContactCalendarItems(deps: Deps, ctx: ActorContext, contactId: string, limit: number, cursor?: string): Promise<ItemPage> {
  const { db } = deps;
  const contact = await loadContact(db, ctx, contactId);
  if (!contact || !decide(ctx, 'contact.view', contact.facts).visible) throw contactNotFound();
  if (!canSeeLinkedContact(ctx, contact.facts)) throw new AppError('TANDEM_ACCESS_FORBIDDEN', "A contact's tasks and events need View access to it.");
  const after = decodeItemCursor(cursor);
  const rows = await listContactItems(db, ctx.actor.orgId, compileFilter(ctx, 'calendar_item.view'), contact.row.id, limit, after);
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return {
    items: await toItemViews(db, ctx, shown.map((row) => ({ row, occurrence: null }))),
    nextCursor: rows.length > limit && last ? encodeItemCursor(last.sort_ms, last.id) : null,
  };
}
