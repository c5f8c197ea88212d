// The calendar endpoints for API tests (api.md "Calendars, tasks and events"), over the typed client's `call`, in its
// argument order: path ids, then the body, then `{ as, query }`. Answers are typed with the routes' own DTOs.
import type { CalendarDto, CalendarItemDto } from '../../../src/http/serializers/calendar-item.ts';
import type { ApiClient, Body, Options } from './api-client.ts';
import type { NoContent, Page } from './api-types.ts';

export type { CalendarDto, CalendarItemDto };

const V1 = '/api/v1';

export function calendarClient(api: ApiClient) {
  const item = (id: string) => `${V1}/calendar-items/${id}`;
  return {
    calendars: (o?: Options) => api.call<{ 200: { items: CalendarDto[] } }>('GET', `${V1}/calendars`, o),
    /** GET /calendar-items: `query` takes from, to, userIds (comma list), contactId, limit, cursor. */
    list: (o?: Options) => api.call<{ 200: Page<CalendarItemDto> }>('GET', `${V1}/calendar-items`, o),
    create: (body: Body, o?: Options) => api.call<{ 201: { item: CalendarItemDto } }>('POST', `${V1}/calendar-items`, { ...o, body }),
    get: (id: string, o?: Options) => api.call<{ 200: { item: CalendarItemDto } }>('GET', item(id), o),
    update: (id: string, body: Body, o?: Options) => api.call<{ 200: { item: CalendarItemDto } }>('PATCH', item(id), { ...o, body }),
    delete: (id: string, o?: Options) => api.call<NoContent>('DELETE', item(id), o),
    ofContact: (contactId: string, o?: Options) => api.call<{ 200: Page<CalendarItemDto> }>('GET', `${V1}/contacts/${contactId}/calendar-items`, o),
    /** GET /tasks: `query` takes userId, status (open | overdue | due | done), limit, cursor. */
    tasks: (o?: Options) => api.call<{ 200: Page<CalendarItemDto> }>('GET', `${V1}/tasks`, o),
    createFeed: (userId: string, o?: Options) => api.call<{ 201: { url: string } }>('POST', `${V1}/calendars/${userId}/feed`, { ...o, body: {} }),
    revokeFeed: (userId: string, o?: Options) => api.call<NoContent>('DELETE', `${V1}/calendars/${userId}/feed`, o),
    /** GET a feed by its URL (any of its forms: the whole URL or its path). */
    readFeed: (url: string, o?: Options) => api.call<{ 200: string }>('GET', new URL(url, 'http://localhost').pathname, o),
  };
}
export type CalendarClient = ReturnType<typeof calendarClient>;
