// Conversation history (newest first, keyset pages) and the composer's three ways to add to it.
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '../../../api/client.ts';

export const historyKey = (contactId: string) => ['history', contactId] as const;

export function useHistory(contactId: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: historyKey(contactId),
    queryFn: ({ pageParam, signal }) => call('listHistory', { params: { id: contactId }, query: { limit: 30, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

export type ComposerKind = 'message' | 'note' | 'call';

export function useAddToHistory(contactId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ kind, body }: { kind: ComposerKind; body: string }) => {
      const params = { id: contactId };
      if (kind === 'message') return (await call('sendMessage', { params, body: { body } })).message;
      if (kind === 'note') return (await call('addNote', { params, body: { body } })).note;
      return (await call('logCall', { params, body: { body } })).call;
    },
    onSuccess: () => client.invalidateQueries({ queryKey: historyKey(contactId) }),
  });
}
