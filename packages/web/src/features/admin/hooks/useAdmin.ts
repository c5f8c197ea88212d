// Admin-only reads and writes: users, grants, teams, org switches, branding, billing, audit.
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../../api/client.ts';
import type { Billing, Grant, GrantLevel, GrantScope, Grantee, OrgSettings, Role, UserStatus } from '../../../api/models.ts';
import { useApiMutation as useMutation } from '../../../api/useApiMutation.ts';
import { ME_KEY } from '../../auth/hooks/useSession.ts';
import type { AuditServerFilters } from '../audit-filters.ts';
import { TEAMS_KEY, USERS_KEY } from './useDirectory.ts';

export const GRANTS_KEY = ['grants'] as const;
export const SETTINGS_KEY = ['settings'] as const;

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: { name: string; email: string; password: string; role: Role }) => (await call('createUser', { body: input })).user,
    onSuccess: () => client.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...patch }: { id: string; role?: Role; status?: UserStatus; exportChannels?: string[] }) => (await call('updateUser', { params: { id }, body: patch })).user,
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: USERS_KEY }), client.invalidateQueries({ queryKey: ME_KEY })]),
  });
}

/** Lifts a user's sign-in lock (D46): they can sign in again at once. */
export function useUnlockUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => (await call('unlockUser', { params: { id } })).user,
    onSuccess: () => client.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

/** Moves every contact a user owns to another user (the way to hand over a deactivated user's book). */
export function useHandOverContacts() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ fromId, toUserId }: { fromId: string; toUserId: string }) => (await call('handOverContacts', { params: { id: fromId }, body: { toUserId } })).moved,
    onSuccess: () => client.invalidateQueries({ queryKey: ['contacts'] }),
  });
}

export function useGrants() {
  return useQuery({ queryKey: GRANTS_KEY, queryFn: async ({ signal }) => (await call('listGrants', { signal })).items });
}

export type GrantInput = { ownerId: string; grantee: Grantee; scope: GrantScope; level: GrantLevel; startsAt?: string | null; expiresAt?: string | null };

/**
 * Sets grantee's access to owner's contacts or calendar: a new grant replaces the one there is (the server keeps one
 * per owner, grantee and scope), "none" removes it. A grant changed in level keeps its window.
 */
export function useSetGrant() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ ownerId, grantee, scope, level, existing }: { ownerId: string; grantee: Grantee; scope: GrantScope; level: GrantLevel | 'none'; existing: Grant[] }) => {
      if (level === 'none') {
        for (const grant of existing) await call('deleteGrant', { params: { id: grant.id } });
        return;
      }
      const kept = existing.find((g) => g.expiresAt === null || Date.parse(g.expiresAt) > Date.now());
      await call('createGrant', { params: { ownerId }, body: { grantee, scope, level, startsAt: kept?.startsAt ?? null, expiresAt: kept?.expiresAt ?? null } });
    },
    onSettled: () => client.invalidateQueries({ queryKey: GRANTS_KEY }),
  });
}

/** A grant with its window, to a user or a team (the "Who may use their contacts" list). */
export function useCreateGrant() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ ownerId, ...body }: GrantInput) => (await call('createGrant', { params: { ownerId }, body })).grant,
    onSettled: () => client.invalidateQueries({ queryKey: GRANTS_KEY }),
  });
}

export function useRevokeGrant() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call('deleteGrant', { params: { id } }),
    onSettled: () => client.invalidateQueries({ queryKey: GRANTS_KEY }),
  });
}

export function useTeamMutations() {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: TEAMS_KEY });
  const create = useMutation({ mutationFn: async (input: { name: string; memberIds: string[] }) => (await call('createTeam', { body: input })).team, onSuccess });
  const rename = useMutation({ mutationFn: async ({ id, name }: { id: string; name: string }) => (await call('renameTeam', { params: { id }, body: { name } })).team, onSuccess });
  const setMembers = useMutation({
    mutationFn: async ({ id, memberIds }: { id: string; memberIds: string[] }) => (await call('setTeamMembers', { params: { id }, body: { memberIds } })).team,
    onSuccess,
  });
  const remove = useMutation({ mutationFn: (id: string) => call('deleteTeam', { params: { id } }), onSuccess });
  return { create, rename, setMembers, remove };
}

export function useOrgSettings() {
  return useQuery({ queryKey: SETTINGS_KEY, queryFn: ({ signal }) => call('getSettings', { signal }) });
}

export function useSaveOrgSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<OrgSettings>) => call('updateSettings', { body: patch }),
    onSuccess: (settings) => {
      client.setQueryData(SETTINGS_KEY, settings);
      return client.invalidateQueries({ queryKey: ['contacts'] });
    },
  });
}

export function useUpdateOrg() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (patch: { name?: string; accentColor?: string; billing?: Billing }) => (await call('updateOrg', { body: patch })).org,
    onSuccess: () => client.invalidateQueries({ queryKey: ME_KEY }),
  });
}

/** The audit log under `filters`, filtered by the server; the last answer stays on screen while new filters load. */
export function useAuditLog(filters: AuditServerFilters = {}) {
  return useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam, signal }) => call('listAudit', { query: { ...filters, limit: 50, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useVerifyAudit() {
  return useMutation({ mutationFn: () => call('verifyAudit') });
}
