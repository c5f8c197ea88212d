// The shapes the server returns: @tandem/api's types (each the z.infer of the zod schema the server's route encodes
// its answer with), under the names the app uses. Only what the API package does not describe as one type is
// written here (the list's orders, a bulk action, a page, GET /me).

import type {
  ApiTokenDto, AuditEntryDto, AuditVerificationDto, BillingDto, BucketDto, BucketShareDto, BulkResultDto, CalendarDto, CalendarItemDto,
  ContactAccess as ContactAccessDto,
  AccessHoldersDto, ContactDto, ContactInput as ContactInputDto, ContactPageDto, Delivery as DeliveryDto, ExplanationDto, ExplanationSource, GrantDto,
  Grantee as GranteeDto, HistoryItemDto, InvitationDto, InvitationLinkDto, ListedUserDto, OrgDto, OrgSettingsDto, ShareDto, TeamDto,
  IntegrationDto, SyncRunDto, MAILCHIMP_NEW_MEMBER_STATUSES,
} from '@tandem/api';

// The action names and export channels come from the permission core itself, so the app and the server cannot drift apart.
export { CONTACT_ACTIONS, EXPORT_CHANNELS, type ContactAction, type ExportChannel } from '@tandem/core';

/** A user; `lockedUntil` only in an admin's list (D46). */
export type User = ListedUserDto;
export type Role = User['role'];
export type UserStatus = User['status'];

export type Billing = BillingDto;
export type Org = OrgDto;
export type Team = TeamDto;
export type Grantee = GranteeDto;

export type Grant = GrantDto;
export type GrantScope = Grant['scope'];
export type GrantLevel = Grant['level'];

/** The caller's access to a contact: `shared` (not the owner), `sharedWithYou` (what the shared icon means), ... */
export type ContactAccess = ContactAccessDto;
export type Level = ContactAccess['level'];
export type ShareLevel = ContactAccess['shareLevels'][number];
/** Whom the caller may make a contact's owner: any active user (admins), or these users (spec §6.4). */
export type ReassignTargets = ContactAccess['reassignTo'];

export type Contact = ContactDto;
export type ContactInput = ContactInputDto;

/** The orders of the contact list (GET /contacts `sort`). */
export type ContactSort = 'name' | 'owner' | 'activity' | 'created';
/** How many contacts match, exact up to 1,000 (`capped`: "1,000+"). */
export type CappedCount = NonNullable<ContactPageDto['total']>;

/** One action of POST /contacts/bulk, applied to each contact as its single-contact endpoint would. */
export type BulkAction =
  | { action: 'share'; grantee: Grantee; level: ShareLevel }
  | { action: 'reassign'; ownerId: string }
  | { action: 'addToBucket'; bucketId: string }
  | { action: 'addTag' | 'removeTag'; tag: string }
  | { action: 'archive' | 'unarchive' | 'delete' | 'restore' };
/** What a bulk action did: `code` is what the single-contact endpoint would have answered for that contact. */
export type BulkResult = BulkResultDto;

export type Share = ShareDto;

export type HistoryItem = HistoryItemDto;
export type HistoryKind = HistoryItem['kind'];

export type AccessSource = ExplanationSource;
export type SourceKind = AccessSource['kind'];
export type Explanation = ExplanationDto;
/** GET /contacts/:id/access/holders: everyone with access, each with the sources `Explanation` gives them. */
export type AccessHolders = AccessHoldersDto;

export type AuditEntry = AuditEntryDto;
export type AuditVerification = AuditVerificationDto;

export type OrgSettings = OrgSettingsDto;

export type Page<T> = { items: T[]; nextCursor: string | null };

export type Me = { user: User; org: Org };

/** What became of an e-mail: handed to the SMTP server, written to the server log (demo mode), or not handed over. */
export type Delivery = DeliveryDto;
/** How this server sends e-mail: through SMTP, or into its log (demo mode). */
export type MailDelivery = Exclude<Delivery, 'failed'>;

export type Invitation = InvitationDto;
export type InvitationStatus = Invitation['status'];
/** What an invitation link offers to whoever holds it. */
export type InvitationLink = InvitationLinkDto;

/** A named group of contacts (spec §6.2). `contactCount` counts every member, also ones the caller cannot see. */
export type Bucket = BucketDto;
/** The caller's level on a bucket; `canEdit`: rename, add and remove contacts; `canManage`: share, unshare, delete. */
export type BucketAccess = Bucket['access'];
/** A bucket share: a Share with `bucketId` instead of `contactId`. */
export type BucketShare = BucketShareDto;

/** A personal API token (spec §9, channel `api`); its secret is shown once, when it is created. */
export type ApiToken = ApiTokenDto;

/** A calendar the caller may read (spec §7): their own (`owner`) or a colleague's through a `view` or `edit` grant. */
export type Calendar = CalendarDto;
/** A task or event; a recurring event in a window comes once per occurrence (same id, its own start and end). */
export type CalendarItem = CalendarItemDto;

/** The caller's connection to a sync provider (spec §9): never a secret, only what it names ("Audience abc123 (us21)"). */
export type Integration = IntegrationDto;
export type SyncProvider = Integration['provider'];
/** One push of the caller's visible contacts to a provider: queued, running, then succeeded, failed or stopped. */
export type SyncRun = SyncRunDto;
export type SyncRunStatus = SyncRun['status'];
export type SyncStopReason = NonNullable<SyncRun['stopReason']>;
/** What Mailchimp makes of a contact new to the audience; `pending` (the server's default) e-mails them to confirm. */
export type MailchimpNewMemberStatus = (typeof MAILCHIMP_NEW_MEMBER_STATUSES)[number];
/** PUT /integrations/mailchimp (mailchimpConnectSchema). */
export type MailchimpCredentials = { apiKey: string; audienceId: string; newMemberStatus?: MailchimpNewMemberStatus };
/** PUT /integrations/google_contacts (googleContactsConnectSchema). */
export type GoogleContactsCredentials = { clientId: string; clientSecret: string; refreshToken: string };
