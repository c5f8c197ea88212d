// Kysely table types, one per migration table. Keep in step with migrations/*.sql.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json = ColumnType<unknown, string, string>;

export type OrgsTable = {
  id: Generated<string>;
  name: string;
  accent_color: Generated<string>;
  billing: ColumnType<Record<string, unknown>, string | undefined, string>;
  export_enabled: Generated<boolean>;
  share_all_contacts: Generated<boolean>;
  members_can_archive_delete_shared: Generated<boolean>;
  created_at: CreatedAt;
  /** HMAC key of signed inbound webhooks (0009); made by the application when missing. */
  inbound_secret: string | null;
  /** The domain e-mail is sent from; null: each owner's own address (0009). */
  sending_domain: string | null;
};

export type UsersTable = {
  org_id: string;
  id: Generated<string>;
  name: string;
  email: string;
  password_hash: string;
  role: 'admin' | 'member';
  status: Generated<'active' | 'deactivated'>;
  export_channels: ColumnType<string[], string[] | undefined, string[]>;
  created_at: CreatedAt;
  /** The user's SMS line in E.164 (0009); null: the org's default line. */
  sms_line: string | null;
};

export type SessionsTable = {
  org_id: string;
  id: Generated<string>;
  user_id: string;
  kind: Generated<'session' | 'api'>;
  name: string | null;
  token_hash: string;
  created_at: CreatedAt;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
  /** What an API token may do (0015, D37): `read` allows GET and HEAD only. Sessions are `write`. */
  scope: Generated<'read' | 'write'>;
};

export type TeamsTable = { org_id: string; id: Generated<string>; name: string; created_at: CreatedAt };
export type TeamMembersTable = { org_id: string; team_id: string; user_id: string };

export type ContactsTable = {
  org_id: string;
  id: Generated<string>;
  owner_id: string;
  name: string;
  sort_name: string;
  company: string | null;
  title: string | null;
  emails: ColumnType<string[], string[] | undefined, string[]>;
  phones: ColumnType<string[], string[] | undefined, string[]>;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  address: string | null;
  archived_at: Timestamp | null;
  trashed_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** Kept by a trigger (migration 0006): never written by the application. */
  search_text: Generated<string>;
  /** The latest history event's time, '-infinity' when none; kept by a trigger on contact_events (0006). */
  last_activity_at: Generated<Date>;
};

type GranteeColumns = { grantee_user_id: string | null; grantee_team_id: string | null };
type WindowColumns = { starts_at: Timestamp | null; expires_at: Timestamp | null };
type Provenance = { created_by: string | null; created_at: CreatedAt };

export type ContactSharesTable = GranteeColumns & WindowColumns & Provenance & {
  org_id: string; id: Generated<string>; contact_id: string; level: number;
};
export type UserGrantsTable = GranteeColumns & WindowColumns & Provenance & {
  org_id: string; id: Generated<string>; owner_id: string; scope: 'contacts' | 'calendar'; level: number;
};
export type BucketsTable = { org_id: string; id: Generated<string>; owner_id: string; name: string; created_at: CreatedAt };
export type BucketContactsTable = {
  org_id: string; bucket_id: string; contact_id: string; added_by: string | null; added_at: CreatedAt;
};
export type BucketSharesTable = GranteeColumns & WindowColumns & Provenance & {
  org_id: string; id: Generated<string>; bucket_id: string; level: number;
};

export type ContactEventsTable = {
  org_id: string;
  id: Generated<string>;
  contact_id: string;
  kind: 'message' | 'note' | 'call';
  body: string;
  channel: 'email' | 'sms' | null;
  /** Messages only (0009): 'outbound' sent by a user on the owner's behalf, 'inbound' a client's reply. */
  direction: 'outbound' | 'inbound' | null;
  subject: string | null;
  /** Delivery of an outbound message (0009); null for notes, calls, inbound messages and undelivered legacy rows. */
  status: 'queued' | 'sent' | 'failed' | null;
  error: string | null;
  from_address: string | null;
  to_address: string | null;
  external_id: string | null;
  attempts: Generated<number>;
  sent_at: Timestamp | null;
  /** Null only for an inbound message. */
  sent_by: string | null;
  on_behalf_of: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  /** The template a message was written from, and the program step that sent it (0014). */
  template_id: Generated<string | null>;
  enrollment_id: Generated<string | null>;
  program_step: Generated<number | null>;
};

/** The last entry hashed without a key, per org, recorded by migration 0017 (D45). */
export type AuditUnkeyedHeadsTable = { org_id: string; seq: ColumnType<string, number | string | bigint, never>; hash: string };

export type AuditLogTable = {
  org_id: string;
  seq: ColumnType<string, number | string | bigint, never>;
  id: Generated<string>;
  at: Timestamp;
  actor_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  before: Json | null;
  after: Json | null;
  prev_hash: string;
  hash: string;
};

export type InvitationsTable = {
  org_id: string;
  id: Generated<string>;
  email: string;
  name: string;
  role: 'admin' | 'member';
  token_hash: string;
  invited_by: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_user_id: string | null;
  revoked_at: Timestamp | null;
};

export type PasswordResetsTable = {
  org_id: string;
  id: Generated<string>;
  user_id: string;
  token_hash: string;
  requested_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  revoked_at: Timestamp | null;
};

export type IdempotencyKeysTable = {
  org_id: string;
  user_id: string;
  key: string;
  request_hash: string;
  status: number | null;
  response: Json | null;
  created_at: Timestamp;
};

/** Tasks and events (migration 0007). `range_*` and `long_span` are kept by storage/calendar-queries.ts. */
export type CalendarItemsTable = {
  org_id: string;
  id: Generated<string>;
  assignee_id: string;
  kind: 'task' | 'event';
  title: string;
  notes: string | null;
  contact_id: string | null;
  due_at: Timestamp | null;
  starts_at: Timestamp | null;
  ends_at: Timestamp | null;
  all_day: Generated<boolean>;
  done_at: Timestamp | null;
  done_by: string | null;
  recurrence: string | null;
  time_zone: string | null;
  reminder_minutes: ColumnType<number[], number[] | undefined, number[]>;
  range_start: Timestamp;
  range_end: Timestamp;
  long_span: Generated<boolean>;
  created_by: string;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

/** Secret iCalendar feeds, one per (holder, calendar) (migration 0007). */
export type CalendarFeedsTable = {
  org_id: string;
  id: Generated<string>;
  holder_id: string;
  calendar_user_id: string;
  token_hash: string;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

/** Digests of accepted signed inbound deliveries, for refusing replays (0011). */
export type InboundDeliveriesTable = { org_id: string; digest: string; received_at: ColumnType<Date, Date, never> };

/** Inbound replies that matched no contact, shown to admins only (0011). */
export type InboundUnmatchedTable = {
  org_id: string;
  id: Generated<string>;
  channel: 'email' | 'sms';
  reason: 'unknown_line' | 'unknown_sender' | 'contact_in_trash';
  owner_id: string | null;
  from_address: string;
  to_address: string;
  subject: string | null;
  body: string;
  external_id: string | null;
  received_at: ColumnType<Date, Date, never>;
};

/** Each (contact, phone digits) pair, kept by triggers (0011). */
export type ContactPhonesTable = { org_id: string; digits: string; contact_id: string };

/** The durable job queue (0010, docs/decisions.md D27): one row per unfinished job. */
export type QueueJobsTable = {
  org_id: string;
  id: Generated<string>;
  queue: string;
  payload: Json;
  available_at: Timestamp;
  attempts: Generated<number>;
  max_attempts: number;
  lease: string | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: CreatedAt;
};

/** What the built-in SMS outbox driver stored instead of sending (0010). */
export type SmsOutboxTable = {
  org_id: string; id: Generated<string>; message_id: string; from_line: string; to_number: string; body: string; created_at: CreatedAt;
};

/** A reminder handed to the queue, once per (item, occurrence, minutes) (0013, D30). */
export type CalendarRemindersSentTable = {
  org_id: string; id: Generated<string>; item_id: string; occurrence_at: Timestamp; minutes: number; assignee_id: string;
  status: Generated<'queued' | 'sent' | 'skipped' | 'failed'>; reason: string | null; created_at: CreatedAt; finished_at: Timestamp | null;
};

/** Templates, pipelines and programs (0014, D31): shared by hand; each has a share table of one shape. */
type HandSharedColumns = { org_id: string; id: Generated<string>; owner_id: string; name: string; created_at: CreatedAt; updated_at: Generated<Date> };
export type TemplatesTable = HandSharedColumns & { subject: string | null; body: string };
export type PipelinesTable = HandSharedColumns;
export type ProgramsTable = HandSharedColumns;
type HandSharedShare = GranteeColumns & WindowColumns & Provenance & { org_id: string; id: Generated<string>; level: number };
export type TemplateSharesTable = HandSharedShare & { template_id: string };
export type PipelineSharesTable = HandSharedShare & { pipeline_id: string };
export type ProgramSharesTable = HandSharedShare & { program_id: string };
export type PipelineStagesTable = { org_id: string; id: Generated<string>; pipeline_id: string; name: string; position: number };
export type PipelineCardsTable = {
  org_id: string; id: Generated<string>; pipeline_id: string; stage_id: string; contact_id: string; title: string;
  /** numeric(14,2): read back as a string by pg. */
  value: ColumnType<string | null, string | number | null, string | number | null>;
  /** date: read as 'YYYY-MM-DD' (connect.ts keeps dates as text). */
  expected_close_on: ColumnType<string | null, string | null, string | null>;
  position: Generated<number>; created_by: string; created_at: CreatedAt; updated_at: Generated<Date>;
};
export type ProgramStepsTable = {
  org_id: string; id: Generated<string>; program_id: string; position: number; template_id: string; delay_days: number; channel: 'email' | 'sms';
};
export type ProgramEnrollmentsTable = {
  org_id: string; id: Generated<string>; program_id: string; contact_id: string; enrolled_by: string;
  status: 'active' | 'paused' | 'stopped' | 'completed'; next_step: Generated<number>; next_step_at: Timestamp | null;
  stopped_reason: string | null; stopped_at: Timestamp | null; created_at: CreatedAt; updated_at: Generated<Date>;
};

/** Sync channels (0016, D39): a user's connection to a provider, its runs, and what each contact became there. */
export type IntegrationsTable = {
  org_id: string; id: Generated<string>; user_id: string; provider: 'mailchimp' | 'google_contacts';
  settings: ColumnType<Record<string, string>, string, string>;
  /** The sealed credentials (domain/shared/secret-box.ts): never a readable secret. */
  credentials: string;
  created_at: Timestamp; updated_at: Timestamp;
};
export type SyncRunsTable = {
  org_id: string; id: Generated<string>; integration_id: string; user_id: string; provider: 'mailchimp' | 'google_contacts';
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'stopped';
  stop_reason: 'export_disabled' | 'channel_blocked' | 'user_deactivated' | 'disconnected' | null; error: string | null;
  total: number | null; processed: Generated<number>; created: Generated<number>; updated: Generated<number>; unchanged: Generated<number>;
  skipped: Generated<number>; failed: Generated<number>; attempts: Generated<number>;
  /** The list key (contact-page.ts Cursor) of the last contact pushed; null before the first chunk. */
  cursor: ColumnType<unknown, string | null, string | null>;
  created_at: Timestamp; started_at: Timestamp | null; finished_at: Timestamp | null;
};
export type SyncLinksTable = {
  org_id: string; integration_id: string; contact_id: string; remote_id: string; remote_version: string | null; content_hash: string; synced_at: Timestamp;
};

/** @fastify/rate-limit's counters (0018, D46): one fixed window per key. */
export type RateLimitCountersTable = { key: string; hits: number; window_ends_at: Timestamp };
/** Wrong sign-ins per normalised e-mail, known or not (0018, D46). */
export type SignInFailuresTable = { email: string; failures: number; window_ends_at: Timestamp; locked_until: Timestamp | null };

export type Database = {
  orgs: OrgsTable;
  users: UsersTable;
  sessions: SessionsTable;
  rate_limit_counters: RateLimitCountersTable;
  sign_in_failures: SignInFailuresTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  contacts: ContactsTable;
  contact_shares: ContactSharesTable;
  user_grants: UserGrantsTable;
  buckets: BucketsTable;
  bucket_contacts: BucketContactsTable;
  bucket_shares: BucketSharesTable;
  contact_events: ContactEventsTable;
  audit_log: AuditLogTable;
  audit_unkeyed_heads: AuditUnkeyedHeadsTable;
  invitations: InvitationsTable;
  password_resets: PasswordResetsTable;
  idempotency_keys: IdempotencyKeysTable;
  calendar_items: CalendarItemsTable;
  calendar_feeds: CalendarFeedsTable;
  inbound_deliveries: InboundDeliveriesTable;
  inbound_unmatched: InboundUnmatchedTable;
  contact_phones: ContactPhonesTable;
  queue_jobs: QueueJobsTable;
  sms_outbox: SmsOutboxTable;
  calendar_reminders_sent: CalendarRemindersSentTable;
  templates: TemplatesTable;
  template_shares: TemplateSharesTable;
  pipelines: PipelinesTable;
  pipeline_shares: PipelineSharesTable;
  pipeline_stages: PipelineStagesTable;
  pipeline_cards: PipelineCardsTable;
  programs: ProgramsTable;
  program_shares: ProgramSharesTable;
  program_steps: ProgramStepsTable;
  program_enrollments: ProgramEnrollmentsTable;
  integrations: IntegrationsTable;
  sync_runs: SyncRunsTable;
  sync_links: SyncLinksTable;
};
