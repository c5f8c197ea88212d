// The signed-in user and org (GET /me), sign in, sign up and sign out.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../../api/client.ts';
import { useApiMutation as useMutation } from '../../../api/useApiMutation.ts';
import { isStatus } from '../../../api/errors.ts';
import type { Me } from '../../../api/models.ts';

export const ME_KEY = ['me'] as const;

export function useMe() {
  return useQuery<Me | null>({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        return await call('me');
      } catch (error) {
        if (isStatus(error, 401)) return null;
        throw error;
      }
    },
    staleTime: 30_000,
    retry: false,
  });
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) => call('signIn', { body: input }),
    onSuccess: async () => {
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      await client.invalidateQueries({ queryKey: ME_KEY });
    },
  });
}

export function useSignUp() {
  const client = useQueryClient();
  return useMutation({
    // Sign-up signs the new admin in at once: the answer sets the session and CSRF cookies.
    mutationFn: (input: { orgName: string; name: string; email: string; password: string }) => call('signup', { body: input }),
    onSuccess: async () => {
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      await client.invalidateQueries({ queryKey: ME_KEY });
    },
  });
}

/** Ends the session, then reloads on the sign-in page so nothing of the previous user stays in memory. */
export function useSignOut() {
  return useMutation({
    mutationFn: async () => {
      try {
        await call('signOut');
      } catch (error) {
        if (!isStatus(error, 401)) throw error;
      }
    },
    onSuccess: () => window.location.assign('/signin'),
  });
}
