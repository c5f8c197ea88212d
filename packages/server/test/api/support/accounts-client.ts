// Kept as a thin alias for files written against the old accounts client (support/account-audit-script.ts and
// account-audit.test.ts): the API tests use api-client.ts, whose methods these are under their old names.
import type { FastifyInstance } from 'fastify';
import { apiClient } from './api-client.ts';

export { cookiesOf, outcome, uniqueEmail, type Options as As } from './api-client.ts';

export function accountsClient(app: FastifyInstance) {
  const api = apiClient(app);
  return {
    signup: api.signup,
    signIn: api.sessions.signIn,
    signOut: api.sessions.signOut,
    me: api.me,
    listUsers: api.users.list,
    createUser: api.users.create,
    updateUser: api.users.update,
    listTeams: api.teams.list,
    createTeam: api.teams.create,
    renameTeam: api.teams.rename,
    setTeamMembers: api.teams.setMembers,
    deleteTeam: api.teams.delete,
    getSettings: api.org.settings,
    updateSettings: api.org.updateSettings,
    updateOrg: api.org.update,
    createGrant: api.grants.create,
    listOwnerGrants: api.grants.listOf,
    listGrants: api.grants.list,
    revokeGrant: api.grants.revoke,
    listAudit: api.audit.list,
    verifyAudit: api.audit.verify,
    createToken: api.tokens.create,
    listTokens: api.tokens.list,
    revokeToken: api.tokens.revoke,
  };
}
export type AccountsClient = ReturnType<typeof accountsClient>;
