// Conversation history (newest first, keyset pages) and the composer's three ways to add to it.
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../../api/client.ts';
import { useApiMutation } from '../../../api/useApiMutation.ts';
import { isAccessRefusal, refreshContact } from '../../contacts/hooks/useContact.ts';

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

/**
 * Adds to the history through the one mutation wrapper: the button is disabled while it runs, and the idempotency
 * key makes a double click send one message (D21). A 403 or 404 means the page's access is out of date (a share
 * ended while it was open): the contact is read again, so the composer goes when it should (defect 12).
 */
export function useAddToHistory(contactId: string) {
  const client = useQueryClient();
  return useApiMutation({
    mutationFn: async ({ kind, body }: { kind: ComposerKind; body: string }, { idempotencyKey }) => {
      const params = { id: contactId };
      if (kind === 'message') return (await call('sendMessage', { params, body: { body }, idempotencyKey })).message;
      if (kind === 'note') return (await call('addNote', { params, body: { body }, idempotencyKey })).note;
      return (await call('logCall', { params, body: { body }, idempotencyKey })).call;
    },
    onSuccess: () => client.invalidateQueries({ queryKey: historyKey(contactId) }),
    onError: (error) => (isAccessRefusal(error) ? refreshContact(client, contactId) : undefined),
  });
}
