// Personal API tokens (spec §9, channel `api`): list, create (the secret comes back once), revoke. Changes go through
// the one mutation wrapper (D24); POST /tokens takes no Idempotency-Key (http/idempotency.ts), so none is sent.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../../api/client.ts';
import { useApiMutation as useMutation } from '../../../api/useApiMutation.ts';

export const TOKENS_KEY = ['tokens'] as const;

export function useTokens() {
  return useQuery({ queryKey: TOKENS_KEY, queryFn: async ({ signal }) => (await call('listTokens', { signal })).items });
}

/** The org's switches (every signed-in user may read them): whether contact data export is on decides `api` for members. */
export function useExportSwitch() {
  return useQuery({ queryKey: ['settings'], queryFn: ({ signal }) => call('getSettings', { signal }), staleTime: 30_000 });
}

export function useTokenMutations() {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: TOKENS_KEY });
  const create = useMutation({
    mutationFn: (input: { name: string; scope: 'read' | 'write'; expiresAt: string | null }) => call('createToken', { body: input }),
    onSuccess,
  });
  const revoke = useMutation({ mutationFn: (id: string) => call('deleteToken', { params: { id } }), onSuccess });
  return { create, revoke };
}
