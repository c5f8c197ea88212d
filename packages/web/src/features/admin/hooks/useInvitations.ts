// Invitations by e-mail and an administrator's password actions on a user (issue 10, item 5). Each answer that sends
// mail says what became of it (`delivery`: sent, logged in demo mode, failed); the screens say the same.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../../api/client.ts';
import type { Role } from '../../../api/models.ts';
import { useApiMutation } from '../../../api/useApiMutation.ts';
import { USERS_KEY } from './useDirectory.ts';

export const INVITATIONS_KEY = ['invitations'] as const;

/** Open invitations (pending and expired, newest first) and how this server sends mail. */
export function useInvitations() {
  return useQuery({
    queryKey: INVITATIONS_KEY,
    queryFn: async ({ signal }) => {
      const page = await call('listInvitations', { query: { limit: 200 }, signal });
      return { items: page.items, mailDelivery: page.mailDelivery };
    },
    staleTime: 15_000,
  });
}

export function useInvite() {
  const client = useQueryClient();
  return useApiMutation({
    mutationFn: (input: { name: string; email: string; role: Role }) => call('createInvitation', { body: input }),
    onSettled: () => client.invalidateQueries({ queryKey: INVITATIONS_KEY }),
  });
}

export function useRevokeInvitation() {
  const client = useQueryClient();
  return useApiMutation({
    mutationFn: (id: string) => call('revokeInvitation', { params: { id } }),
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: INVITATIONS_KEY }), client.invalidateQueries({ queryKey: USERS_KEY })]),
  });
}

/** An administrator sets another user's password: all their sessions end. */
export function useSetUserPassword() {
  return useApiMutation({ mutationFn: ({ id, password }: { id: string; password: string }) => call('setUserPassword', { params: { id }, body: { password } }) });
}

/** An administrator e-mails a user a one-time link to set a new password (24 hours). */
export function useSendResetLink() {
  return useApiMutation({ mutationFn: (id: string) => call('sendPasswordResetLink', { params: { id } }) });
}
