// GET /tasks: "My tasks" (or the tasks of another calendar the caller reads, with `userId`): open tasks by due time
// (undated last), overdue ones (due before now, not done), due ones (now or later, and undated) or done ones. The
// compiled `calendar_item.view` policy filters them like every other list; a calendar the caller cannot read is 404.
import { compileFilter, type ActorContext } from '@tandem/core';
import { listTasks, type TaskStatus } from '../../storage/calendar-queries.ts';
import { readableCalendarOrThrow } from './calendar-guard.ts';
import { toItemViews } from './calendar-item-view.ts';
import { decodeItemCursor, encodeItemCursor } from './item-cursor.ts';
import type { ItemPage } from './list-calendar-items.ts';
import type { Deps } from '../shared/deps.ts';

export type TaskQuery = { userId?: string; status: TaskStatus; limit: number; cursor?: string };

export async function listTasksOf(deps: Deps, ctx: ActorContext, q: TaskQuery): Promise<ItemPage> {
  const { db } = deps;
  const userId = q.userId === undefined ? ctx.actor.userId : (await readableCalendarOrThrow(db, ctx, q.userId)).id;
  const after = decodeItemCursor(q.cursor);
  const rows = await listTasks(db, ctx.actor.orgId, compileFilter(ctx, 'calendar_item.view'), { userId, status: q.status, now: ctx.now, limit: q.limit, after });
  const shown = rows.slice(0, q.limit);
  const last = shown[shown.length - 1];
  return {
    items: await toItemViews(db, ctx, shown.map((row) => ({ row, occurrence: null }))),
    nextCursor: rows.length > q.limit && last ? encodeItemCursor(last.sort_ms, last.id) : null,
  };
}
