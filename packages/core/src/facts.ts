// The facts the core decides from. Adapters load them; the core never does I/O.
// Times are epoch milliseconds so that `now` is plainly an input (style.md, core rule 7).
import type { GrantLevel, ShareLevel } from './levels.ts';

export type Role = 'admin' | 'member';
export type UserStatus = 'active' | 'deactivated';
export type ContactState = 'active' | 'archived' | 'trashed';
export const CONTACT_STATES: readonly ContactState[] = ['active', 'archived', 'trashed'];

export const EXPORT_CHANNELS = ['csv', 'xlsx', 'vcard', 'mailchimp_sync', 'google_contacts_sync', 'api'] as const;
export type ExportChannel = (typeof EXPORT_CHANNELS)[number];

export type Grantee = { userId: string } | { teamId: string };

/** `startsAt <= now < expiresAt`; a missing bound is open. */
export type Window = { startsAt: number | null; expiresAt: number | null };

export type Actor = {
  userId: string;
  orgId: string;
  role: Role;
  status: UserStatus;
  /** Teams the actor is a member of right now. */
  teamIds: readonly string[];
  exportChannels: readonly ExportChannel[];
};

export type OrgSettings = {
  exportEnabled: boolean;
  shareAllContacts: boolean;
  membersCanArchiveDeleteShared: boolean;
};

export type Provenance = Window & { id: string; grantee: Grantee; grantedBy: string | null; grantedAt: number };

/** A user grant on `ownerId`'s contacts or calendar (set by an admin on the Users page). */
export type UserGrantFact = Provenance & { ownerId: string; scope: 'contacts' | 'calendar'; level: GrantLevel };

/** A share of a bucket. */
export type BucketShareFact = Provenance & { bucketId: string; level: ShareLevel };

/** A share of one record (a contact today; templates, pipelines and programs later): the `sharedWith` condition. */
export type ShareFact = Provenance & { level: ShareLevel };

/** A share of one contact. */
export type RecordShareFact = ShareFact & { contactId: string };

/**
 * Everything about the caller needed for any decision: loaded once per request, O(grants + bucket shares),
 * never O(contacts). `userGrants` and `bucketShares` may hold more than those naming the actor; the core filters.
 */
export type ActorContext = {
  actor: Actor;
  settings: OrgSettings;
  userGrants: readonly UserGrantFact[];
  bucketShares: readonly BucketShareFact[];
  now: number;
};

/**
 * What any governed record offers a condition (the in-memory twin of a storage binding): its id, org and owner, and,
 * where the resource has them, a lifecycle state, per-record shares and group (bucket) memberships. A condition on a
 * part the record lacks is false: fail closed.
 */
export type RecordFacts = {
  id: string;
  orgId: string;
  ownerId: string;
  state?: ContactState;
  shares?: readonly ShareFact[];
  bucketIds?: readonly string[];
};

/** A bucket itself (spec §6.2): who owns it, in which org. Its shares are in `ActorContext.bucketShares`. */
export type BucketFacts = { id: string; orgId: string; ownerId: string };

/**
 * A task or event (spec §7). `ownerId` is the calendar it sits on (its assignee): calendar rules are `ownerIn` tests,
 * so a decision needs nothing else. A linked contact is decided on its own facts (contact rules).
 */
export type CalendarItemFacts = { id: string; orgId: string; ownerId: string };

/**
 * A template, pipeline or program (spec §6.6): "shared by hand". Private to its owner until shared with users or
 * teams at `view` (use it) or `edit` (change it); `shares` are this record's shares (all of them, or those naming the
 * actor), read by the `sharedWith` condition exactly as a contact's record shares are.
 */
export type HandSharedFacts = { id: string; orgId: string; ownerId: string; shares: readonly ShareFact[] };

/** One contact, with the shares and bucket memberships that may concern the actor (or all of them). */
export type ContactFacts = {
  id: string;
  orgId: string;
  ownerId: string;
  state: ContactState;
  shares: readonly RecordShareFact[];
  bucketIds: readonly string[];
};
