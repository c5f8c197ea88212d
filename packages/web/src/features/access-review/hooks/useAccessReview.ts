// The access review (D38), admins only: one user's contacts a page at a time, and the org's matrix.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { call } from '../../../api/client.ts';

export function useUserAccessReview(userId: string | null) {
  return useInfiniteQuery({
    queryKey: ['access-review', 'user', userId],
    enabled: userId !== null,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => call('reviewUserAccess', { params: { userId: userId as string }, query: { limit: 50, cursor: pageParam }, signal }),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useAccessMatrix() {
  return useQuery({ queryKey: ['access-review', 'matrix'], queryFn: ({ signal }) => call('accessMatrix', { signal }) });
}

/** Where a download of the review lives: a plain GET with the session cookie, answered as an attachment. */
export function reviewFileUrl(kind: { userId: string } | 'matrix', format: 'csv' | 'xlsx'): string {
  const path = kind === 'matrix' ? '/api/v1/access-review/matrix' : `/api/v1/access-review/users/${encodeURIComponent(kind.userId)}`;
  return `${path}?format=${format}`;
}
