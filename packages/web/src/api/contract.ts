// What each endpoint of ENDPOINTS takes and answers. `call(name, ...)` is typed from here. Answers and the bodies
// @tandem/api describes are its types (models.ts); query strings and the other small bodies are written here.
import type {
  BoardDto, ImportResultDto, BulkEnrollmentResultDto, EnrollmentDto, EnrollmentStatus, HandSharedShareDto, HandSharedSharePatch, NewHandSharedShare, NewPipeline,
  NewPipelineCard, NewProgram, NewTemplate, PipelineCardDto, PipelineCardPatch, PipelineDto, PipelinePatch, ProgramDto, ProgramPatch,
  TemplateDto, TemplatePatch, TemplatePreviewDto,
} from '@tandem/api';
import type { AccessMatrixDto, UserAccessReviewDto } from '@tandem/api';
import type { AuditListQuery, CalendarItemPatch, ContactPatch, MessageChannel, NewCalendarItem, NewShare, SharePatch, TaskStatus, UnmatchedReplyDto } from '@tandem/api';
import type { GoogleContactsCredentials, Integration, MailchimpCredentials, SyncRun } from './models.ts';
import type { EndpointName } from './endpoints.ts';
import type {
  ApiToken,
  AuditEntry,
  AuditVerification,
  Billing,
  Bucket,
  BucketShare,
  Calendar,
  CalendarItem,
  BulkAction,
  BulkResult,
  CappedCount,
  Contact,
  ContactInput,
  ContactSort,
  Delivery,
  Explanation,
  AccessHolders,
  Grant,
  GrantLevel,
  GrantScope,
  Grantee,
  HistoryItem,
  Invitation,
  InvitationLink,
  MailDelivery,
  Me,
  Org,
  OrgSettings,
  Page,
  Role,
  Share,
  Team,
  User,
  UserStatus,
} from './models.ts';

/** `sharedWithYou`: contacts a share, user grant or bucket share gives the caller ("Shared with me"); `shared`: not theirs. */
export type ContactScope = 'all' | 'mine' | 'shared' | 'sharedWithYou';
export type ContactListQuery = {
  q?: string; limit?: number; cursor?: string | null; scope?: ContactScope; archived?: boolean; trash?: boolean; bucketId?: string;
  sort?: ContactSort; ownerId?: string; tag?: string; count?: boolean;
};
export type PageQuery = { limit?: number; cursor?: string | null };
export type ShareInput = NewShare;
/** GET /calendar-items: the window (at most 92 days), calendars as a comma list (default all the caller reads). */
export type CalendarWindowQuery = { from: string; to: string; userIds?: string; contactId?: string; limit?: number; cursor?: string | null };

type Shape<R, B = never, Q = never> = { response: R } & ([B] extends [never] ? unknown : { body: B }) & ([Q] extends [never] ? unknown : { query: Q });

export type ApiContract = {
  signup: Shape<{ org: Org; user: User; token: string; csrfToken?: string }, { orgName: string; name: string; email: string; password: string }>;
  signIn: Shape<{ token: string; user: User; csrfToken?: string }, { email: string; password: string }>;
  signOut: Shape<void>;
  me: Shape<Me>;
  updateMe: Shape<{ user: User }, { name?: string; email?: string; currentPassword?: string }>;
  /** The session is rotated (D46): its new token (null with an API token); the new cookies come with the answer. */
  changePassword: Shape<{ token: string | null; csrfToken: string | null }, { currentPassword: string; newPassword: string }>;
  requestPasswordReset: Shape<{ delivery: MailDelivery }, { email: string }>;
  completePasswordReset: Shape<{ token: string; user: User; csrfToken: string }, { token: string; password: string }>;

  listUsers: Shape<Page<User>, never, PageQuery>;
  createUser: Shape<{ user: User }, { name: string; email: string; password: string; role: Role }>;
  updateUser: Shape<{ user: User }, { role?: Role; status?: UserStatus; exportChannels?: string[]; smsLine?: string | null }>;
  unlockUser: Shape<{ user: User }>;
  handOverContacts: Shape<{ moved: number }, { toUserId: string }>;
  setUserPassword: Shape<void, { password: string }>;
  sendPasswordResetLink: Shape<{ delivery: Delivery; expiresAt: string }>;
  listInvitations: Shape<Page<Invitation> & { mailDelivery: MailDelivery }, never, PageQuery>;
  createInvitation: Shape<{ invitation: Invitation; delivery: Delivery }, { name: string; email: string; role: Role }>;
  revokeInvitation: Shape<void>;
  lookupInvitation: Shape<{ invitation: InvitationLink }, { token: string }>;
  acceptInvitation: Shape<{ org: Org; user: User; token: string; csrfToken: string }, { token: string; password: string; name?: string }>;
  createGrant: Shape<{ grant: Grant }, { grantee: Grantee; scope: GrantScope; level: GrantLevel; startsAt?: string | null; expiresAt?: string | null }>;
  listGrants: Shape<Page<Grant>, never, { scope?: GrantScope }>;
  deleteGrant: Shape<void>;

  listTeams: Shape<Page<Team>>;
  createTeam: Shape<{ team: Team }, { name: string; memberIds: string[] }>;
  renameTeam: Shape<{ team: Team }, { name: string }>;
  setTeamMembers: Shape<{ team: Team }, { memberIds: string[] }>;
  deleteTeam: Shape<void>;

  getSettings: Shape<OrgSettings>;
  rotateInboundSecret: Shape<{ inboundSecret: string }>;
  listUnmatchedReplies: Shape<Page<UnmatchedReplyDto>, never, PageQuery>;
  updateSettings: Shape<OrgSettings, Partial<OrgSettings>>;
  updateOrg: Shape<{ org: Org }, { name?: string; accentColor?: string; billing?: Partial<Billing> }>;

  listAudit: Shape<Page<AuditEntry>, never, PageQuery & Pick<AuditListQuery, 'actorId' | 'action' | 'targetType' | 'targetId' | 'from' | 'to'>>;
  verifyAudit: Shape<AuditVerification>;

  listContacts: Shape<Page<Contact> & { total?: CappedCount }, never, ContactListQuery>;
  /** A file, not JSON: read it with api/files.ts downloadFile (query: features/contacts/export-options.ts ExportQuery). */
  exportContacts: Shape<Blob>;
  /** Multipart (`file`, `dryRun`, `mapping`): send it with api/files.ts uploadForm. */
  importContacts: Shape<ImportResultDto>;
  bulkContacts: Shape<BulkResult, BulkAction & { ids: string[] }>;
  createContact: Shape<{ contact: Contact }, ContactInput>;
  getContact: Shape<{ contact: Contact }>;
  updateContact: Shape<{ contact: Contact }, ContactPatch>;
  deleteContact: Shape<void>;
  archiveContact: Shape<{ contact: Contact }>;
  unarchiveContact: Shape<{ contact: Contact }>;
  restoreContact: Shape<{ contact: Contact }>;
  reassignContact: Shape<{ contact: Contact }, { ownerId: string }>;
  listShares: Shape<Page<Share>>;
  createShare: Shape<{ share: Share }, ShareInput>;
  updateShare: Shape<{ share: Share }, SharePatch>;
  deleteShare: Shape<void>;
  listHistory: Shape<Page<HistoryItem>, never, PageQuery>;
  sendMessage: Shape<{ message: HistoryItem }, { body: string; channel?: MessageChannel; subject?: string; templateId?: string }>;
  addNote: Shape<{ note: HistoryItem }, { body: string }>;
  logCall: Shape<{ call: HistoryItem }, { body: string }>;
  explainAccess: Shape<Explanation, never, { userId?: string }>;
  listAccessHolders: Shape<AccessHolders>;

  listBuckets: Shape<Page<Bucket>, never, PageQuery>;
  createBucket: Shape<{ bucket: Bucket }, { name: string }>;
  getBucket: Shape<{ bucket: Bucket }>;
  renameBucket: Shape<{ bucket: Bucket }, { name: string }>;
  deleteBucket: Shape<void>;
  addBucketContacts: Shape<{ bucket: Bucket }, { contactIds: string[] }>;
  removeBucketContact: Shape<void>;
  listBucketShares: Shape<Page<BucketShare>>;
  createBucketShare: Shape<{ share: BucketShare }, ShareInput>;
  updateBucketShare: Shape<{ share: BucketShare }, SharePatch>;
  deleteBucketShare: Shape<void>;

  listTokens: Shape<Page<ApiToken>>;
  reviewUserAccess: Shape<UserAccessReviewDto, never, PageQuery>;
  accessMatrix: Shape<AccessMatrixDto>;
  createToken: Shape<{ apiToken: ApiToken; token: string }, { name: string; scope?: 'read' | 'write'; expiresAt?: string | null }>;
  deleteToken: Shape<void>;

  listIntegrations: Shape<{ integrations: Integration[] }>;
  connectIntegration: Shape<{ integration: Integration }, MailchimpCredentials | GoogleContactsCredentials>;
  disconnectIntegration: Shape<void>;
  startSyncRun: Shape<{ run: SyncRun }>;
  listSyncRuns: Shape<{ runs: SyncRun[] }, never, { limit?: number }>;
  getSyncRun: Shape<{ run: SyncRun }>;

  listCalendars: Shape<{ items: Calendar[] }>;
  listCalendarItems: Shape<Page<CalendarItem>, never, CalendarWindowQuery>;
  createCalendarItem: Shape<{ item: CalendarItem }, NewCalendarItem>;
  getCalendarItem: Shape<{ item: CalendarItem }>;
  updateCalendarItem: Shape<{ item: CalendarItem }, CalendarItemPatch>;
  deleteCalendarItem: Shape<void>;
  listContactCalendarItems: Shape<Page<CalendarItem>, never, PageQuery>;
  listTasks: Shape<Page<CalendarItem>, never, PageQuery & { userId?: string; status?: TaskStatus }>;

  listTemplates: Shape<Page<TemplateDto>, never, PageQuery>;
  createTemplate: Shape<{ template: TemplateDto }, NewTemplate>;
  getTemplate: Shape<{ template: TemplateDto }>;
  updateTemplate: Shape<{ template: TemplateDto }, TemplatePatch>;
  deleteTemplate: Shape<void>;
  previewTemplate: Shape<TemplatePreviewDto, { contactId: string }>;
  listTemplateShares: Shape<Page<HandSharedShareDto>>;
  createTemplateShare: Shape<{ share: HandSharedShareDto }, NewHandSharedShare>;
  updateTemplateShare: Shape<{ share: HandSharedShareDto }, HandSharedSharePatch>;
  deleteTemplateShare: Shape<void>;

  listPipelines: Shape<Page<PipelineDto>, never, PageQuery>;
  createPipeline: Shape<{ pipeline: PipelineDto }, NewPipeline>;
  getPipeline: Shape<{ pipeline: PipelineDto }>;
  updatePipeline: Shape<{ pipeline: PipelineDto }, PipelinePatch>;
  deletePipeline: Shape<void>;
  getBoard: Shape<BoardDto>;
  createCard: Shape<{ card: PipelineCardDto }, NewPipelineCard>;
  updateCard: Shape<{ card: PipelineCardDto }, PipelineCardPatch>;
  deleteCard: Shape<void>;
  listPipelineShares: Shape<Page<HandSharedShareDto>>;
  createPipelineShare: Shape<{ share: HandSharedShareDto }, NewHandSharedShare>;
  updatePipelineShare: Shape<{ share: HandSharedShareDto }, HandSharedSharePatch>;
  deletePipelineShare: Shape<void>;

  listPrograms: Shape<Page<ProgramDto>, never, PageQuery>;
  createProgram: Shape<{ program: ProgramDto }, NewProgram>;
  getProgram: Shape<{ program: ProgramDto }>;
  updateProgram: Shape<{ program: ProgramDto }, ProgramPatch>;
  deleteProgram: Shape<void>;
  listEnrollments: Shape<Page<EnrollmentDto>, never, PageQuery & { status?: EnrollmentStatus }>;
  enroll: Shape<{ enrollment: EnrollmentDto }, { contactId: string }>;
  enrollMany: Shape<BulkEnrollmentResultDto, { contactIds: string[] }>;
  updateEnrollment: Shape<{ enrollment: EnrollmentDto }, { status: 'paused' | 'active' | 'stopped' }>;
  listProgramShares: Shape<Page<HandSharedShareDto>>;
  createProgramShare: Shape<{ share: HandSharedShareDto }, NewHandSharedShare>;
  updateProgramShare: Shape<{ share: HandSharedShareDto }, HandSharedSharePatch>;
  deleteProgramShare: Shape<void>;
};

// Every endpoint of the table has a shape, and nothing else does.
type _Complete = [EndpointName] extends [keyof ApiContract] ? ([keyof ApiContract] extends [EndpointName] ? true : never) : never;
export const contractIsComplete: _Complete = true;
