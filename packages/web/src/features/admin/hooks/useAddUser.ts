// Saves what the "Add a user" flow asked, in one go: an invitation (name, e-mail, role: all it can carry), or a user
// created with a password and then their export channels and grants. If a step after the creation fails, the user
// exists: the error says so (PartlyAddedError) rather than pretending nothing happened.
import { useQueryClient } from '@tanstack/react-query';
import { call } from '../../../api/client.ts';
import type { Delivery, GrantLevel, GrantScope, Role, User } from '../../../api/models.ts';
import { useApiMutation } from '../../../api/useApiMutation.ts';
import { GRANTS_KEY } from './useAdmin.ts';
import { USERS_KEY } from './useDirectory.ts';
import { INVITATIONS_KEY } from './useInvitations.ts';

/** What adding a user ended with: a user created with a password, or an invitation and how its mail went. */
export type AddUserResult = { kind: 'created'; user: User } | { kind: 'invited'; name: string; email: string; delivery: Delivery };

export type NewUserPlan = {
  mode: 'invite' | 'password';
  name: string;
  email: string;
  /** Used when `mode` is `password`. */
  password: string;
  role: Role;
  exportChannels: string[];
  grants: { ownerId: string; scope: GrantScope; level: GrantLevel }[];
};

export class PartlyAddedError extends Error {
  constructor(readonly created: User, override readonly cause: unknown) {
    super(`${created.name} was added, but not everything was saved`);
    this.name = 'PartlyAddedError';
  }
}

export function useAddUser() {
  const client = useQueryClient();
  return useApiMutation({
    mutationFn: async (plan: NewUserPlan): Promise<AddUserResult> => {
      if (plan.mode === 'invite') {
        const { delivery } = await call('createInvitation', { body: { name: plan.name, email: plan.email, role: plan.role } });
        return { kind: 'invited', name: plan.name, email: plan.email, delivery };
      }
      const { user } = await call('createUser', { body: { name: plan.name, email: plan.email, password: plan.password, role: plan.role } });
      try {
        let saved = user;
        if (plan.role === 'member' && plan.exportChannels.length > 0) {
          saved = (await call('updateUser', { params: { id: user.id }, body: { exportChannels: plan.exportChannels } })).user;
        }
        for (const g of plan.grants) {
          await call('createGrant', { params: { ownerId: g.ownerId }, body: { grantee: { userId: user.id }, scope: g.scope, level: g.level } });
        }
        return { kind: 'created', user: saved };
      } catch (cause) {
        throw new PartlyAddedError(user, cause);
      }
    },
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: USERS_KEY }),
        client.invalidateQueries({ queryKey: GRANTS_KEY }),
        client.invalidateQueries({ queryKey: INVITATIONS_KEY }),
      ]),
  });
}
