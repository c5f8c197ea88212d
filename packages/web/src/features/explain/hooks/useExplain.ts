import { useQuery } from '@tanstack/react-query';
import { call } from '../../../api/client.ts';

export function useExplain(contactId: string, userId: string | null) {
  return useQuery({
    queryKey: ['access', contactId, userId],
    queryFn: ({ signal }) => call('explainAccess', { params: { id: contactId }, query: { userId: userId ?? undefined }, signal }),
    enabled: userId !== null,
  });
}
