// The contacts inbox: keyset pages from GET /contacts, one query per (search, view, order, filters). The first page
// also asks for the capped count (`count=true`: exact up to 1,000), which the list shows above its rows.
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { call } from '../../../api/client.ts';
import type { ContactListQuery } from '../../../api/contract.ts';
import type { CappedCount, Contact, ContactSort, Page } from '../../../api/models.ts';

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

/** The list's order and narrowing filters beyond the view (each empty string: none). */
export type ListFilters = { sort: ContactSort; ownerId: string; tag: string; bucketId: string };
export const NO_FILTERS: ListFilters = { sort: 'name', ownerId: '', tag: '', bucketId: '' };

export function queryForView(view: InboxView, q: string, filters: ListFilters = NO_FILTERS): ContactListQuery {
  const base: ContactListQuery = {
    q: q || undefined, limit: 50, sort: filters.sort === 'name' ? undefined : filters.sort, ownerId: filters.ownerId || undefined,
    tag: filters.tag || undefined, bucketId: filters.bucketId || undefined,
  };
  switch (view) {
    case 'mine':
      return { ...base, scope: 'mine' };
    case 'shared':
      return { ...base, scope: 'sharedWithYou' };
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
 * (`access.sharedWithYou`), not every contact they do not own: an admin sees all of those at `profile` (issue 10,
 * defect 4). The server answers exactly those (`scope=sharedWithYou`, from the same rule), with full pages and a count.
 */
export type ContactPage = Page<Contact> & { total?: CappedCount };

export function useContacts(view: InboxView, q: string, filters: ListFilters = NO_FILTERS) {
  return useInfiniteQuery({
    queryKey: ['contacts', view, q, filters],
    queryFn: ({ pageParam, signal }) =>
      call('listContacts', { query: { ...queryForView(view, q, filters), cursor: pageParam, count: pageParam === null }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}
