// A contact's record shares: the list and every change to it, each through the one mutation wrapper (D24): a
// change in flight disables its control and a second click joins it. The share routes take no Idempotency-Key
// (http/idempotency.ts honours it on POST /contacts, the history posts and calendar items), so none is sent.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../../api/client.ts';
import { useApiMutation as useMutation } from '../../../api/useApiMutation.ts';
import type { ShareInput } from '../../../api/contract.ts';
import { refreshContact } from '../../contacts/hooks/useContact.ts';

export const sharesKey = (contactId: string) => ['shares', contactId] as const;

export function useShares(contactId: string, enabled: boolean) {
  return useQuery({
    queryKey: sharesKey(contactId),
    queryFn: async ({ signal }) => (await call('listShares', { params: { id: contactId }, signal })).items,
    enabled,
  });
}

export function useShareMutations(contactId: string) {
  const client = useQueryClient();
  const refresh = () => refreshContact(client, contactId);
  const create = useMutation({
    mutationFn: async (input: ShareInput) => (await call('createShare', { params: { id: contactId }, body: input })).share,
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: async ({ shareId, ...patch }: { shareId: string } & Partial<Omit<ShareInput, 'grantee'>>) =>
      (await call('updateShare', { params: { id: contactId, shareId }, body: patch })).share,
    onSuccess: refresh,
  });
  const revoke = useMutation({
    mutationFn: (shareId: string) => call('deleteShare', { params: { id: contactId, shareId } }),
    onSuccess: refresh,
  });
  return { create, update, revoke };
}
