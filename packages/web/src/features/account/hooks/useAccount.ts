// One's own account (profile, password) and the one-time links anyone may hold (forgot password, reset, invitation).
// Completing a link signs in (the answer sets the session cookies), so the signed-in user is read again.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../../api/client.ts';
import { useApiMutation } from '../../../api/useApiMutation.ts';
import { ME_KEY } from '../../auth/hooks/useSession.ts';
import { USERS_KEY } from '../../admin/hooks/useDirectory.ts';

export function useUpdateProfile() {
  const client = useQueryClient();
  return useApiMutation({
    mutationFn: async (input: { name?: string; email?: string; currentPassword?: string }) => (await call('updateMe', { body: input })).user,
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: ME_KEY }), client.invalidateQueries({ queryKey: USERS_KEY })]),
  });
}

export function useChangePassword() {
  return useApiMutation({ mutationFn: (input: { currentPassword: string; newPassword: string }) => call('changePassword', { body: input }) });
}

/** "Forgot password": the same answer whatever the e-mail. */
export function useRequestPasswordReset() {
  return useApiMutation({ mutationFn: (email: string) => call('requestPasswordReset', { body: { email } }) });
}

/** Forget everything of whoever was signed in, then read the new session's user. */
async function startSession(client: ReturnType<typeof useQueryClient>): Promise<void> {
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
  await client.invalidateQueries({ queryKey: ME_KEY });
}

export function useCompletePasswordReset() {
  const client = useQueryClient();
  return useApiMutation({
    mutationFn: (input: { token: string; password: string }) => call('completePasswordReset', { body: input }),
    onSuccess: () => startSession(client),
  });
}

/** What an invitation link offers; a link that cannot be used answers 404. */
export function useInvitationLink(token: string | null) {
  return useQuery({
    queryKey: ['invitation-link', token],
    queryFn: async () => (await call('lookupInvitation', { body: { token: token ?? '' } })).invitation,
    enabled: token !== null,
    retry: false,
    staleTime: Infinity,
  });
}

export function useAcceptInvitation() {
  const client = useQueryClient();
  return useApiMutation({
    mutationFn: (input: { token: string; password: string; name?: string }) => call('acceptInvitation', { body: input }),
    onSuccess: () => startSession(client),
  });
}
