// The shapes the server returns, as agreed in docs/api-shapes.md. The OpenAPI document is the final word;
// openapi-contract.test.ts checks that every endpoint the client calls exists there.

export type Role = 'admin' | 'member';
export type UserStatus = 'active' | 'deactivated';

export const EXPORT_CHANNELS = ['csv', 'xlsx', 'vcard', 'mailchimp_sync', 'google_contacts_sync', 'api'] as const;
export type ExportChannel = (typeof EXPORT_CHANNELS)[number];

export type User = {
  id: string;
  name: string;
  email: string;
  role: Role;
  status: UserStatus;
  exportChannels: string[];
  createdAt: string;
};

export type Billing = { contactName: string | null; email: string | null; address: string | null; vatId: string | null };

export type Org = { id: string; name: string; accentColor: string; billing: Billing | null };

export type Team = { id: string; name: string; memberIds: string[] };

export type Grantee = { userId: string } | { teamId: string };

export type GrantScope = 'contacts' | 'calendar';
export type GrantLevel = 'view' | 'edit';

export type Grant = {
  id: string;
  ownerId: string;
  grantee: Grantee;
  scope: GrantScope;
  level: GrantLevel;
  startsAt: string | null;
  expiresAt: string | null;
  createdBy: string | null;
  createdAt: string;
  active: boolean;
};

export type Level = 'profile' | 'view' | 'collaborate' | 'edit' | 'owner';
export type ShareLevel = 'view' | 'collaborate' | 'edit';

// The action names come from the permission core itself, so the app and the server cannot drift apart.
import type { ContactAction } from '@tandem/core';
export { CONTACT_ACTIONS, type ContactAction } from '@tandem/core';

/** Whom the caller may make a contact's owner: any active user (admins), or these users (spec §6.4). */
export type ReassignTargets = { anyone: boolean; userIds: string[] };

export type ContactAccess = {
  level: Level;
  actions: ContactAction[];
  /** The caller is not the owner (an admin: every contact of others). */
  shared: boolean;
  /** A record share, user grant or bucket share reaches the caller: what the shared icon and "Shared with me" mean. */
  sharedWithYou: boolean;
  shareLevels: ShareLevel[];
  reassignTo: ReassignTargets;
};

export type Contact = {
  id: string;
  ownerId: string;
  ownerName: string;
  name: string;
  company: string | null;
  title: string | null;
  emails: string[];
  phones: string[];
  tags: string[];
  address: string | null;
  archivedAt: string | null;
  trashedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The latest message, note or call; null when there is none. */
  lastActivityAt: string | null;
  access: ContactAccess;
};

/** The orders of the contact list (GET /contacts `sort`). */
export type ContactSort = 'name' | 'owner' | 'activity' | 'created';
/** How many contacts match, exact up to 1,000 (`capped`: "1,000+"). */
export type CappedCount = { count: number; capped: boolean };

/** One action of POST /contacts/bulk, applied to each contact as its single-contact endpoint would. */
export type BulkAction =
  | { action: 'share'; grantee: Grantee; level: ShareLevel }
  | { action: 'reassign'; ownerId: string }
  | { action: 'addToBucket'; bucketId: string }
  | { action: 'addTag' | 'removeTag'; tag: string }
  | { action: 'archive' | 'unarchive' | 'delete' | 'restore' };
/** What a bulk action did: `code` is what the single-contact endpoint would have answered for that contact. */
export type BulkResult = { done: string[]; refused: { id: string; code: string }[] };

export type ContactInput = {
  name: string;
  company?: string | null;
  title?: string | null;
  emails?: string[];
  phones?: string[];
  tags?: string[];
  address?: string | null;
};

export type Share = {
  id: string;
  contactId: string;
  grantee: Grantee;
  granteeName: string;
  level: ShareLevel;
  startsAt: string | null;
  expiresAt: string | null;
  createdBy: string | null;
  createdAt: string;
  active: boolean;
};

export type HistoryKind = 'message' | 'note' | 'call';

export type HistoryItem = {
  id: string;
  kind: HistoryKind;
  body: string;
  channel: string | null;
  sentBy: string | null;
  sentByName: string | null;
  onBehalfOf: string | null;
  onBehalfOfName: string | null;
  createdAt: string;
};

export type SourceKind = 'owner' | 'admin' | 'share_all' | 'user_grant' | 'bucket_share' | 'record_share';

export type AccessSource = {
  kind: SourceKind;
  level: Level;
  id?: string | null;
  grantedBy?: string | null;
  grantedByName?: string | null;
  grantedAt?: string | null;
  startsAt?: string | null;
  expiresAt?: string | null;
  viaTeamId?: string | null;
  viaTeamName?: string | null;
  bucketId?: string | null;
  bucketName?: string | null;
  ownerId?: string | null;
};

export type Explanation = { userId: string; level: Level | 'none'; sources: AccessSource[] };

export type AuditEntry = {
  seq: string;
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
};

export type AuditVerification = { valid: boolean; entries: number; firstBadSeq: string | null };

export type OrgSettings = { exportEnabled: boolean; shareAllContacts: boolean; membersCanArchiveDeleteShared: boolean };

export type Page<T> = { items: T[]; nextCursor: string | null };

export type Me = { user: User; org: Org };

/** What became of an e-mail: handed to the SMTP server, written to the server log (demo mode), or not handed over. */
export type Delivery = 'sent' | 'logged' | 'failed';
/** How this server sends e-mail: through SMTP, or into its log (demo mode). */
export type MailDelivery = Exclude<Delivery, 'failed'>;

export type InvitationStatus = 'pending' | 'expired' | 'accepted' | 'revoked';

export type Invitation = {
  id: string;
  email: string;
  name: string;
  role: Role;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
  status: InvitationStatus;
};

/** What an invitation link offers to whoever holds it. */
export type InvitationLink = { orgName: string; name: string; email: string; role: Role; expiresAt: string };

/** A named group of contacts (spec §6.2). `contactCount` counts every member, also ones the caller cannot see. */
export type Bucket = {
  id: string;
  name: string;
  ownerId: string;
  contactCount: number;
  access: BucketAccess;
};

/** The caller's level on a bucket; `canEdit`: rename, add and remove contacts; `canManage`: share, unshare, delete. */
export type BucketAccess = { level: Level; canEdit: boolean; canManage: boolean };

/** A bucket share: a Share with `bucketId` instead of `contactId`. */
export type BucketShare = Omit<Share, 'contactId'> & { bucketId: string };

/** A personal API token (spec §9, channel `api`); its secret is shown once, when it is created. */
export type ApiToken = { id: string; name: string; createdAt: string; expiresAt: string | null };
