// People and teams of the org: every signed-in user may list them (the share dialog needs them).
import { useQuery } from '@tanstack/react-query';
import { call } from '../../../api/client.ts';
import type { Page, User } from '../../../api/models.ts';

export const USERS_KEY = ['users'] as const;
export const TEAMS_KEY = ['teams'] as const;

/** Every user of the org (the list is paged; an org rarely has more than one page of 200). */
export async function fetchAllUsers(signal?: AbortSignal): Promise<User[]> {
  const users: User[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<User> = await call('listUsers', { query: { limit: 200, cursor }, signal });
    users.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return users;
}

export function useUsers() {
  return useQuery({ queryKey: USERS_KEY, queryFn: ({ signal }) => fetchAllUsers(signal), staleTime: 30_000 });
}

export function useTeams() {
  return useQuery({ queryKey: TEAMS_KEY, queryFn: async ({ signal }) => (await call('listTeams', { signal })).items, staleTime: 30_000 });
}
