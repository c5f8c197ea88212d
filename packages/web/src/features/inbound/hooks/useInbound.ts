// Inbound replies for admins: rotating the org's inbound secret, a user's SMS line (the number SMS replies find their
// owner by), and the replies that matched no contact, newest first in keyset pages.
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../../api/client.ts';
import { useApiMutation } from '../../../api/useApiMutation.ts';
import { SETTINGS_KEY } from '../../admin/hooks/useAdmin.ts';
import { USERS_KEY } from '../../admin/hooks/useDirectory.ts';
import { ME_KEY } from '../../auth/hooks/useSession.ts';

export const UNMATCHED_KEY = ['inbound', 'unmatched'] as const;
const PAGE_SIZE = 25;

/** A new secret; the old one stops working at once, so the settings answer (which shows it) is read again. */
export function useRotateInboundSecret() {
  const client = useQueryClient();
  return useApiMutation({
    mutationFn: async () => (await call('rotateInboundSecret')).inboundSecret,
    onSuccess: () => client.invalidateQueries({ queryKey: SETTINGS_KEY }),
  });
}

export function useSetSmsLine() {
  const client = useQueryClient();
  return useApiMutation({
    mutationFn: async ({ id, smsLine }: { id: string; smsLine: string | null }) => (await call('updateUser', { params: { id }, body: { smsLine } })).user,
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: USERS_KEY }), client.invalidateQueries({ queryKey: ME_KEY })]),
  });
}

export function useUnmatchedReplies() {
  return useInfiniteQuery({
    queryKey: UNMATCHED_KEY,
    queryFn: ({ pageParam, signal }) => call('listUnmatchedReplies', { query: { limit: PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
