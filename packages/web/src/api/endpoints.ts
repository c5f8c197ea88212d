// Every endpoint the web app calls, in one table. openapi-contract.test.ts reads this table and checks each
// method + path against the server's generated OpenAPI document, so the client cannot drift from the API.

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export type Endpoint = { readonly method: HttpMethod; readonly path: string };

export const ENDPOINTS = {
  signup: { method: 'POST', path: '/api/v1/signup' },
  signIn: { method: 'POST', path: '/api/v1/sessions' },
  signOut: { method: 'DELETE', path: '/api/v1/sessions/current' },
  me: { method: 'GET', path: '/api/v1/me' },
  updateMe: { method: 'PATCH', path: '/api/v1/me' },
  changePassword: { method: 'PUT', path: '/api/v1/me/password' },
  requestPasswordReset: { method: 'POST', path: '/api/v1/password-resets' },
  completePasswordReset: { method: 'POST', path: '/api/v1/password-resets/complete' },

  listUsers: { method: 'GET', path: '/api/v1/users' },
  createUser: { method: 'POST', path: '/api/v1/users' },
  updateUser: { method: 'PATCH', path: '/api/v1/users/:id' },
  unlockUser: { method: 'POST', path: '/api/v1/users/:id/unlock' },
  handOverContacts: { method: 'POST', path: '/api/v1/users/:id/reassign-contacts' },
  setUserPassword: { method: 'PUT', path: '/api/v1/users/:id/password' },
  sendPasswordResetLink: { method: 'POST', path: '/api/v1/users/:id/password-reset' },
  listInvitations: { method: 'GET', path: '/api/v1/invitations' },
  createInvitation: { method: 'POST', path: '/api/v1/invitations' },
  revokeInvitation: { method: 'DELETE', path: '/api/v1/invitations/:id' },
  lookupInvitation: { method: 'POST', path: '/api/v1/invitations/lookup' },
  acceptInvitation: { method: 'POST', path: '/api/v1/invitations/accept' },
  createGrant: { method: 'POST', path: '/api/v1/users/:ownerId/grants' },
  listGrants: { method: 'GET', path: '/api/v1/grants' },
  deleteGrant: { method: 'DELETE', path: '/api/v1/grants/:id' },

  listTeams: { method: 'GET', path: '/api/v1/teams' },
  createTeam: { method: 'POST', path: '/api/v1/teams' },
  renameTeam: { method: 'PATCH', path: '/api/v1/teams/:id' },
  setTeamMembers: { method: 'PUT', path: '/api/v1/teams/:id/members' },
  deleteTeam: { method: 'DELETE', path: '/api/v1/teams/:id' },

  getSettings: { method: 'GET', path: '/api/v1/org/settings' },
  updateSettings: { method: 'PATCH', path: '/api/v1/org/settings' },
  updateOrg: { method: 'PATCH', path: '/api/v1/org' },
  rotateInboundSecret: { method: 'POST', path: '/api/v1/org/inbound-secret' },
  listUnmatchedReplies: { method: 'GET', path: '/api/v1/inbound/unmatched' },

  listAudit: { method: 'GET', path: '/api/v1/audit' },
  verifyAudit: { method: 'GET', path: '/api/v1/audit/verify' },

  listContacts: { method: 'GET', path: '/api/v1/contacts' },
  // Files (spec §9): the export streams a CSV, XLSX or vCard file (api/files.ts downloads it); an import is multipart.
  exportContacts: { method: 'GET', path: '/api/v1/contacts/export' },
  importContacts: { method: 'POST', path: '/api/v1/imports' },
  bulkContacts: { method: 'POST', path: '/api/v1/contacts/bulk' },
  createContact: { method: 'POST', path: '/api/v1/contacts' },
  getContact: { method: 'GET', path: '/api/v1/contacts/:id' },
  updateContact: { method: 'PATCH', path: '/api/v1/contacts/:id' },
  deleteContact: { method: 'DELETE', path: '/api/v1/contacts/:id' },
  archiveContact: { method: 'POST', path: '/api/v1/contacts/:id/archive' },
  unarchiveContact: { method: 'POST', path: '/api/v1/contacts/:id/unarchive' },
  restoreContact: { method: 'POST', path: '/api/v1/contacts/:id/restore' },
  reassignContact: { method: 'POST', path: '/api/v1/contacts/:id/reassign' },
  listShares: { method: 'GET', path: '/api/v1/contacts/:id/shares' },
  createShare: { method: 'POST', path: '/api/v1/contacts/:id/shares' },
  updateShare: { method: 'PATCH', path: '/api/v1/contacts/:id/shares/:shareId' },
  deleteShare: { method: 'DELETE', path: '/api/v1/contacts/:id/shares/:shareId' },
  listHistory: { method: 'GET', path: '/api/v1/contacts/:id/history' },
  sendMessage: { method: 'POST', path: '/api/v1/contacts/:id/messages' },
  addNote: { method: 'POST', path: '/api/v1/contacts/:id/notes' },
  logCall: { method: 'POST', path: '/api/v1/contacts/:id/calls' },
  explainAccess: { method: 'GET', path: '/api/v1/contacts/:id/access' },
  listAccessHolders: { method: 'GET', path: '/api/v1/contacts/:id/access/holders' },

  listBuckets: { method: 'GET', path: '/api/v1/buckets' },
  createBucket: { method: 'POST', path: '/api/v1/buckets' },
  getBucket: { method: 'GET', path: '/api/v1/buckets/:id' },
  renameBucket: { method: 'PATCH', path: '/api/v1/buckets/:id' },
  deleteBucket: { method: 'DELETE', path: '/api/v1/buckets/:id' },
  addBucketContacts: { method: 'POST', path: '/api/v1/buckets/:id/contacts' },
  removeBucketContact: { method: 'DELETE', path: '/api/v1/buckets/:id/contacts/:contactId' },
  listBucketShares: { method: 'GET', path: '/api/v1/buckets/:id/shares' },
  createBucketShare: { method: 'POST', path: '/api/v1/buckets/:id/shares' },
  updateBucketShare: { method: 'PATCH', path: '/api/v1/buckets/:id/shares/:shareId' },
  deleteBucketShare: { method: 'DELETE', path: '/api/v1/buckets/:id/shares/:shareId' },

  reviewUserAccess: { method: 'GET', path: '/api/v1/access-review/users/:userId' },
  accessMatrix: { method: 'GET', path: '/api/v1/access-review/matrix' },
  listTokens: { method: 'GET', path: '/api/v1/tokens' },
  createToken: { method: 'POST', path: '/api/v1/tokens' },
  deleteToken: { method: 'DELETE', path: '/api/v1/tokens/:id' },

  // Sync channels (spec §9): the caller's own connection to Mailchimp or Google Contacts, its runs and their progress.
  listIntegrations: { method: 'GET', path: '/api/v1/integrations' },
  connectIntegration: { method: 'PUT', path: '/api/v1/integrations/:provider' },
  disconnectIntegration: { method: 'DELETE', path: '/api/v1/integrations/:provider' },
  startSyncRun: { method: 'POST', path: '/api/v1/integrations/:provider/runs' },
  listSyncRuns: { method: 'GET', path: '/api/v1/integrations/:provider/runs' },
  getSyncRun: { method: 'GET', path: '/api/v1/integrations/:provider/runs/:runId' },

  listCalendars: { method: 'GET', path: '/api/v1/calendars' },
  listCalendarItems: { method: 'GET', path: '/api/v1/calendar-items' },
  createCalendarItem: { method: 'POST', path: '/api/v1/calendar-items' },
  getCalendarItem: { method: 'GET', path: '/api/v1/calendar-items/:id' },
  updateCalendarItem: { method: 'PATCH', path: '/api/v1/calendar-items/:id' },
  deleteCalendarItem: { method: 'DELETE', path: '/api/v1/calendar-items/:id' },
  listContactCalendarItems: { method: 'GET', path: '/api/v1/contacts/:id/calendar-items' },
  listTasks: { method: 'GET', path: '/api/v1/tasks' },

  // Templates, pipelines and programs (spec §6.6): each shared by hand, with shares as buckets have.
  listTemplates: { method: 'GET', path: '/api/v1/templates' },
  createTemplate: { method: 'POST', path: '/api/v1/templates' },
  getTemplate: { method: 'GET', path: '/api/v1/templates/:id' },
  updateTemplate: { method: 'PATCH', path: '/api/v1/templates/:id' },
  deleteTemplate: { method: 'DELETE', path: '/api/v1/templates/:id' },
  previewTemplate: { method: 'POST', path: '/api/v1/templates/:id/preview' },
  listTemplateShares: { method: 'GET', path: '/api/v1/templates/:id/shares' },
  createTemplateShare: { method: 'POST', path: '/api/v1/templates/:id/shares' },
  updateTemplateShare: { method: 'PATCH', path: '/api/v1/templates/:id/shares/:shareId' },
  deleteTemplateShare: { method: 'DELETE', path: '/api/v1/templates/:id/shares/:shareId' },

  listPipelines: { method: 'GET', path: '/api/v1/pipelines' },
  createPipeline: { method: 'POST', path: '/api/v1/pipelines' },
  getPipeline: { method: 'GET', path: '/api/v1/pipelines/:id' },
  updatePipeline: { method: 'PATCH', path: '/api/v1/pipelines/:id' },
  deletePipeline: { method: 'DELETE', path: '/api/v1/pipelines/:id' },
  getBoard: { method: 'GET', path: '/api/v1/pipelines/:id/board' },
  createCard: { method: 'POST', path: '/api/v1/pipelines/:id/cards' },
  updateCard: { method: 'PATCH', path: '/api/v1/pipeline-cards/:id' },
  deleteCard: { method: 'DELETE', path: '/api/v1/pipeline-cards/:id' },
  listPipelineShares: { method: 'GET', path: '/api/v1/pipelines/:id/shares' },
  createPipelineShare: { method: 'POST', path: '/api/v1/pipelines/:id/shares' },
  updatePipelineShare: { method: 'PATCH', path: '/api/v1/pipelines/:id/shares/:shareId' },
  deletePipelineShare: { method: 'DELETE', path: '/api/v1/pipelines/:id/shares/:shareId' },

  listPrograms: { method: 'GET', path: '/api/v1/programs' },
  createProgram: { method: 'POST', path: '/api/v1/programs' },
  getProgram: { method: 'GET', path: '/api/v1/programs/:id' },
  updateProgram: { method: 'PATCH', path: '/api/v1/programs/:id' },
  deleteProgram: { method: 'DELETE', path: '/api/v1/programs/:id' },
  listEnrollments: { method: 'GET', path: '/api/v1/programs/:id/enrollments' },
  enroll: { method: 'POST', path: '/api/v1/programs/:id/enrollments' },
  enrollMany: { method: 'POST', path: '/api/v1/programs/:id/enrollments/bulk' },
  updateEnrollment: { method: 'PATCH', path: '/api/v1/enrollments/:id' },
  listProgramShares: { method: 'GET', path: '/api/v1/programs/:id/shares' },
  createProgramShare: { method: 'POST', path: '/api/v1/programs/:id/shares' },
  updateProgramShare: { method: 'PATCH', path: '/api/v1/programs/:id/shares/:shareId' },
  deleteProgramShare: { method: 'DELETE', path: '/api/v1/programs/:id/shares/:shareId' },
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof ENDPOINTS;

/** `/contacts/:id/shares/:shareId` → `{id: string; shareId: string}`. */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string } & PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : Record<never, never>;

export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Missing path parameter ${name} for ${path}`);
    return encodeURIComponent(value);
  });
}
