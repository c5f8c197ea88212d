// One action on the contacts picked in the list (POST /contacts/bulk): each contact is decided as alone, and the
// answer says which were done and which were refused, with why. Every list, contact and bucket may have changed.
import { useQueryClient } from '@tanstack/react-query';
import { call } from '../../../api/client.ts';
import type { BulkAction, BulkResult } from '../../../api/models.ts';
import { useApiMutation } from '../../../api/useApiMutation.ts';

export type BulkRequest = { ids: string[]; action: BulkAction };

export function useBulkContacts() {
  const client = useQueryClient();
  return useApiMutation<BulkResult, BulkRequest>({
    mutationFn: ({ ids, action }) => call('bulkContacts', { body: { ...action, ids } }),
    onSuccess: () => Promise.all([
      client.invalidateQueries({ queryKey: ['contacts'] }),
      client.invalidateQueries({ queryKey: ['contact'] }),
      client.invalidateQueries({ queryKey: ['buckets'] }),
      client.invalidateQueries({ queryKey: ['access'] }),
      client.invalidateQueries({ queryKey: ['shares'] }),
    ]),
  });
}
