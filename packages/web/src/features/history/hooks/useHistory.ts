// Conversation history (newest first, keyset pages) and the composer's three ways to add to it.
import type { MessageChannel } from '@tandem/api';
import { useInfiniteQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useEffect } from 'react';
import { call } from '../../../api/client.ts';
import type { HistoryItem, Page } from '../../../api/models.ts';
import { useApiMutation } from '../../../api/useApiMutation.ts';
import { isAccessRefusal, refreshContact } from '../../contacts/hooks/useContact.ts';
import { isChannelRefusal, pollInterval, withNewItem } from '../delivery.ts';

export const historyKey = (contactId: string) => ['history', contactId] as const;

type HistoryPages = InfiniteData<Page<HistoryItem>, string | null>;

/**
 * The thread; read again often while a message waits in the delivery queue, then every 10 s for a while after the
 * newest message to the client, so the client's reply shows up on the open page (delivery.ts `pollInterval`).
 * A read refused with 403 or 404 means the caller's access changed while the page was open (the share that let a
 * colleague cover for the owner ended): reading stops, and the contact is read again, so the page shows what is
 * possible now ("This contact is not available" once it is gone) instead of a stale thread asked every 10 s.
 */
export function useHistory(contactId: string, enabled: boolean) {
  const client = useQueryClient();
  const history = useInfiniteQuery({
    queryKey: historyKey(contactId),
    queryFn: ({ pageParam, signal }) => call('listHistory', { params: { id: contactId }, query: { limit: 30, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: (query) => (isAccessRefusal(query.state.error) ? false : pollInterval(query.state.data?.pages)),
    enabled,
  });
  const refused = isAccessRefusal(history.error) ? history.error : null;
  useEffect(() => {
    if (refused) void refreshContact(client, contactId);
  }, [refused, client, contactId]);
  return history;
}

export type ComposerKind = 'message' | 'note' | 'call';
/** `templateId`: the message was written from this template (the server records it). */
export type HistoryInput = { kind: ComposerKind; body: string; channel?: MessageChannel; subject?: string | undefined; templateId?: string | undefined };

/**
 * Adds to the history through the one mutation wrapper: the button is disabled while it runs, and the idempotency
 * key makes a double click send one message (D21). The answer goes to the top of the thread at once (a message as
 * "Queued"), then the thread is read again. A 403 or 404 means the page's access is out of date (a share ended
 * while it was open), and a 409 refusing the channel that the contact has lost its address for it: either way the
 * contact is read again, so the composer shows what is possible now (defect 12).
 */
export function useAddToHistory(contactId: string) {
  const client = useQueryClient();
  return useApiMutation({
    mutationFn: async ({ kind, body, channel, subject, templateId }: HistoryInput, { idempotencyKey }) => {
      const params = { id: contactId };
      if (kind === 'message') {
        const message = { body, ...(channel ? { channel } : {}), ...(channel === 'email' && subject ? { subject } : {}), ...(templateId ? { templateId } : {}) };
        return (await call('sendMessage', { params, body: message, idempotencyKey })).message;
      }
      if (kind === 'note') return (await call('addNote', { params, body: { body }, idempotencyKey })).note;
      return (await call('logCall', { params, body: { body }, idempotencyKey })).call;
    },
    onSuccess: (item) => {
      client.setQueryData<HistoryPages>(historyKey(contactId), (data) => (data ? { ...data, pages: withNewItem(data.pages, item) } : data));
      // Not awaited: the answer is on screen already, and the toast should not wait for the thread to be read again.
      void client.invalidateQueries({ queryKey: historyKey(contactId) });
    },
    onError: (error) => (isAccessRefusal(error) || isChannelRefusal(error) ? refreshContact(client, contactId) : undefined),
  });
}
