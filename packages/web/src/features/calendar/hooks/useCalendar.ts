// Calendars (spec §7): the calendars the caller reads, the items of a window, a contact's items, the caller's tasks,
// and every change to an item (through useApiMutation, D24). Any change refreshes every calendar query, since an
// item may show in several (the week, the contact page, My tasks).
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarItemPatch, NewCalendarItem } from '@tandem/api';
import { call } from '../../../api/client.ts';
import type { CalendarItem, Page } from '../../../api/models.ts';
import { useApiMutation } from '../../../api/useApiMutation.ts';

export const CALENDARS_KEY = ['calendars'] as const;
/** Every item query starts with this, so one invalidation refreshes them all. */
export const CALENDAR_ITEMS_KEY = ['calendar-items'] as const;

export function useCalendars() {
  return useQuery({
    queryKey: CALENDARS_KEY,
    queryFn: async ({ signal }) => (await call('listCalendars', { signal })).items,
    staleTime: 30_000,
  });
}

/** Every item of the window on these calendars, all pages (a week rarely needs more than one). */
export function useCalendarItems(window: { from: string; to: string }, userIds: string[]) {
  const ids = [...userIds].sort();
  return useQuery({
    queryKey: [...CALENDAR_ITEMS_KEY, 'window', window.from, window.to, ids.join(',')],
    enabled: ids.length > 0,
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) => {
      const items: CalendarItem[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<CalendarItem> = await call('listCalendarItems', { query: { ...window, userIds: ids.join(','), limit: 2000, cursor }, signal });
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return items;
    },
  });
}

export function useContactCalendarItems(contactId: string) {
  return useQuery({
    queryKey: [...CALENDAR_ITEMS_KEY, 'contact', contactId],
    queryFn: async ({ signal }) => (await call('listContactCalendarItems', { params: { id: contactId }, query: { limit: 100 }, signal })).items,
  });
}

/** The caller's open tasks by due time (undated last), up to 200. */
export function useMyOpenTasks() {
  return useQuery({
    queryKey: [...CALENDAR_ITEMS_KEY, 'tasks', 'open'],
    queryFn: async ({ signal }) => (await call('listTasks', { query: { status: 'open', limit: 200 }, signal })).items,
    refetchInterval: 60_000,
  });
}

export type ItemUpdate = { id: string; patch: CalendarItemPatch };

export function useCalendarItemMutations() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: CALENDAR_ITEMS_KEY });
  const create = useApiMutation({
    mutationFn: async (input: NewCalendarItem, intent) => (await call('createCalendarItem', { body: input, idempotencyKey: intent.idempotencyKey })).item,
    onSuccess: refresh,
  });
  const update = useApiMutation({
    mutationFn: async ({ id, patch }: ItemUpdate) => (await call('updateCalendarItem', { params: { id }, body: patch })).item,
    onSettled: refresh,
  });
  const remove = useApiMutation({
    mutationFn: (id: string) => call('deleteCalendarItem', { params: { id } }),
    onSuccess: refresh,
  });
  return { create, update, remove };
}
