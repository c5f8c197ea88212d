// The contacts inbox: keyset pages from GET /contacts, one query per (search, view).
import { keepPreviousData, useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { call } from '../../../api/client.ts';
import type { ContactListQuery } from '../../../api/contract.ts';
import type { Contact, Page } from '../../../api/models.ts';

export type InboxView = 'all' | 'mine' | 'shared' | 'archived' | 'trash';

export const INBOX_VIEWS: { id: InboxView; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'mine', label: 'Mine' },
  { id: 'shared', label: 'Shared with me' },
  { id: 'archived', label: 'Archived' },
  { id: 'trash', label: 'Trash' },
];

export function isInboxView(value: string | null): value is InboxView {
  return INBOX_VIEWS.some((v) => v.id === value);
}

export function queryForView(view: InboxView, q: string): ContactListQuery {
  const base: ContactListQuery = { q: q || undefined, limit: 50 };
  switch (view) {
    case 'mine':
      return { ...base, scope: 'mine' };
    case 'shared':
      return { ...base, scope: 'shared' };
    case 'archived':
      return { ...base, archived: true };
    case 'trash':
      return { ...base, trash: true };
    default:
      return base;
  }
}

/**
 * "Shared with me" means shared with the caller by a record share, a user grant or a bucket share
 * (`access.sharedWithYou`), not every contact they do not own: an admin sees all of those at `profile`, and the
 * server's `scope=shared` is "not mine" (issue 10, defect 4). The pages keep their cursors; only the rows are left out.
 */
export function onlySharedWithYou(data: InfiniteData<Page<Contact>, string | null>): InfiniteData<Page<Contact>, string | null> {
  return { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.filter((c) => c.access.sharedWithYou) })) };
}

export function useContacts(view: InboxView, q: string) {
  return useInfiniteQuery({
    queryKey: ['contacts', view, q],
    queryFn: ({ pageParam, signal }) => call('listContacts', { query: { ...queryForView(view, q), cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    select: view === 'shared' ? onlySharedWithYou : undefined,
  });
}
