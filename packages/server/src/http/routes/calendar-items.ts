// Tasks and events (spec §7; api.md "Calendars, tasks and events"): items in a window (day, week, agenda), one item,
// create, change, move, complete, delete; a contact's items; "My tasks". Every list is the compiled
// `calendar_item.view` policy; an item the caller cannot read answers 404 as a missing one.
import {
  calendarItemPatchSchema, calendarItemSchema, listQuerySchema, newCalendarItemSchema, pageOf, problems, tasksQuerySchema, windowQuerySchema,
} from '@tandem/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadItemOrThrow } from '../../domain/calendars/calendar-guard.ts';
import { toItemView } from '../../domain/calendars/calendar-item-view.ts';
import { createCalendarItem } from '../../domain/calendars/create-calendar-item.ts';
import { deleteCalendarItemAs } from '../../domain/calendars/delete-calendar-item.ts';
import { listCalendarItems } from '../../domain/calendars/list-calendar-items.ts';
import { listContactCalendarItems } from '../../domain/calendars/list-contact-calendar-items.ts';
import { listTasksOf } from '../../domain/calendars/list-tasks.ts';
import { updateCalendarItemAs } from '../../domain/calendars/update-calendar-item.ts';
import type { AppDeps } from '../deps.ts';
import { answerOnce, idempotencyHeaders } from '../idempotency.ts';
import { actorOf, signedIn } from '../plugins/actor.ts';
import { toCalendarItemDto } from '../serializers/calendar-item.ts';

const itemParams = z.object({ id: z.string().max(100) });
const itemAnswer = z.object({ item: calendarItemSchema });
const itemPage = pageOf(calendarItemSchema);

export const calendarItemsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const preValidation = signedIn(deps);
  const tags = ['calendars'];

  app.get('/calendar-items', {
    schema: {
      operationId: 'listCalendarItems', tags, summary: 'Tasks and events in a window, on the calendars the caller may read',
      description: 'Sorted by start (tasks by due time), then id. A recurring event answers once per occurrence in the window. '
        + 'A calendar in `userIds` the caller cannot read answers 404 TANDEM_CALENDAR_NOT_FOUND; a `contactId` not seen at view 404 TANDEM_CONTACT_NOT_FOUND.',
      querystring: windowQuerySchema, response: { 200: itemPage, ...problems(400, 401, 404) },
    },
    preValidation,
  }, async (request) => {
    const page = await listCalendarItems(deps, actorOf(request), request.query);
    return { items: page.items.map(toCalendarItemDto), nextCursor: page.nextCursor };
  });

  app.post('/calendar-items', {
    schema: {
      operationId: 'createCalendarItem', tags, summary: 'Create a task or event on a calendar (write on it; a linked contact needs collaborate)', headers: idempotencyHeaders,
      body: newCalendarItemSchema, response: { 201: itemAnswer, ...problems(400, 401, 403, 404, 409) },
    },
    preValidation,
  }, async (request, reply) => {
    const ctx = actorOf(request);
    return answerOnce(deps, ctx, request, reply, 201, async () => ({ item: toCalendarItemDto(await createCalendarItem(deps, ctx, request.body)) }));
  });

  app.get('/calendar-items/:id', {
    schema: { operationId: 'getCalendarItem', tags, summary: 'One task or event (read on its calendar); a series as a whole', params: itemParams, response: { 200: itemAnswer, ...problems(401, 404) } },
    preValidation,
  }, async (request) => {
    const ctx = actorOf(request);
    return { item: toCalendarItemDto(await toItemView(db, ctx, await loadItemOrThrow(db, ctx, request.params.id, 'calendar_item.view'))) };
  });

  app.patch('/calendar-items/:id', {
    schema: {
      operationId: 'updateCalendarItem', tags, summary: 'Change, move (userId), complete (done) a task or event',
      description: 'Write on its calendar; moving needs write on the new one too; linking a contact needs collaborate on it.',
      params: itemParams, body: calendarItemPatchSchema, response: { 200: itemAnswer, ...problems(400, 401, 403, 404, 409) },
    },
    preValidation,
  }, async (request) => ({ item: toCalendarItemDto(await updateCalendarItemAs(deps, actorOf(request), request.params.id, request.body)) }));

  app.delete('/calendar-items/:id', {
    schema: { operationId: 'deleteCalendarItem', tags, summary: 'Delete a task or event (a series whole; write on its calendar)', params: itemParams, response: { 204: z.null().describe('Deleted'), ...problems(401, 403, 404) } },
    preValidation,
  }, async (request, reply) => {
    await deleteCalendarItemAs(deps, actorOf(request), request.params.id);
    return reply.status(204).send(null);
  });

  app.get('/contacts/:id/calendar-items', {
    schema: {
      operationId: 'listContactCalendarItems', tags, summary: "A contact's tasks and events (view on the contact; items on calendars the caller may read)",
      params: itemParams, querystring: z.object(listQuerySchema), response: { 200: itemPage, ...problems(400, 401, 403, 404) },
    },
    preValidation,
  }, async (request) => {
    const page = await listContactCalendarItems(deps, actorOf(request), request.params.id, request.query.limit, request.query.cursor);
    return { items: page.items.map(toCalendarItemDto), nextCursor: page.nextCursor };
  });

  app.get('/tasks', {
    schema: {
      operationId: 'listTasks', tags, summary: 'My tasks (or those of a calendar the caller reads): open, overdue, due or done, by due time',
      querystring: tasksQuerySchema,
      response: { 200: itemPage, ...problems(400, 401, 404) },
    },
    preValidation,
  }, async (request) => {
    const { userId, status, limit, cursor } = request.query;
    const page = await listTasksOf(deps, actorOf(request), { ...(userId ? { userId } : {}), status, limit, ...(cursor ? { cursor } : {}) });
    return { items: page.items.map(toCalendarItemDto), nextCursor: page.nextCursor };
  });
};
