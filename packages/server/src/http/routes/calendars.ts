// Calendars (spec §7) and their secret iCalendar feeds (issue 11, item 4). The feed URL is public: it carries its own
// secret and is evaluated as its holder at each request (domain/calendars/calendar-feeds.ts).
import { calendarSchema, problems } from '@tandem/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createCalendarFeed, readCalendarFeed, revokeCalendarFeed } from '../../domain/calendars/calendar-feeds.ts';
import { listCalendars } from '../../domain/calendars/list-calendars.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, signedIn } from '../plugins/actor.ts';
import { toCalendarDto } from '../serializers/calendar-item.ts';
import { toICalendar } from '../serializers/ical-feed.ts';

const calendarParams = z.object({ userId: z.string().max(100) });

export const calendarsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const preValidation = signedIn(deps);
  const tags = ['calendars'];

  app.get('/calendars', {
    schema: { operationId: 'listCalendars', tags, summary: 'The calendars the caller may read, their own first', response: { 200: z.object({ items: z.array(calendarSchema) }), ...problems(401) } },
    preValidation,
  }, async (request) => ({ items: (await listCalendars(deps, actorOf(request))).map(toCalendarDto) }));

  app.post('/calendars/:userId/feed', {
    schema: {
      operationId: 'createCalendarFeed', tags, summary: 'A secret iCalendar URL of a calendar the caller may read; asking again replaces the old URL',
      description: 'The feed answers 404 once the caller\'s read access to the calendar ends, or the caller or the calendar\'s user is deactivated.',
      params: calendarParams, response: { 201: z.object({ url: z.string() }), ...problems(401, 404) },
    },
    preValidation,
  }, async (request, reply) => reply.status(201).send(await createCalendarFeed(deps, actorOf(request), request.params.userId)));

  app.delete('/calendars/:userId/feed', {
    schema: { operationId: 'revokeCalendarFeed', tags, summary: "Revoke the caller's feed URL of a calendar", params: calendarParams, response: { 204: z.null().describe('Revoked'), ...problems(401, 404) } },
    preValidation,
  }, async (request, reply) => {
    await revokeCalendarFeed(deps, actorOf(request), request.params.userId);
    return reply.status(204).send(null);
  });

  app.get('/calendar-feeds/:file', {
    schema: {
      operationId: 'readCalendarFeed', tags, summary: 'A calendar feed (text/calendar), by its secret URL; no session needed',
      description: 'Items from 90 days ago to a year ahead, a recurring event as its occurrences. Every URL that does not work answers the same 404.',
      params: z.object({ file: z.string().max(100) }), security: [],
      response: { 200: z.string().describe('text/calendar'), ...problems(404) },
    },
    // The feed is text, sent as it is; a refusal is the usual problem document.
    serializerCompiler: () => (data) => (typeof data === 'string' ? data : JSON.stringify(data)),
  }, async (request, reply) => {
    const now = deps.clock.now();
    const feed = await readCalendarFeed(deps, { now }, request.params.file.replace(/\.ics$/, ''));
    return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, no-store').send(toICalendar(feed, now));
  });
};
