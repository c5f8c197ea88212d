// The field names of each model the client reads, checked at compile time against models.ts (every key listed,
// no other) and by openapi-contract.test.ts against the response schemas of the OpenAPI document.
import type { EndpointName } from './endpoints.ts';
import type { AccessSource, ApiToken, AuditEntry, AuditVerification, Bucket, BucketAccess, BucketShare, Contact, ContactAccess, Explanation, Grant, HistoryItem, Invitation, InvitationLink, Org, OrgSettings, ReassignTargets, Share, Team, User } from './models.ts';

type Missing<T, K extends readonly PropertyKey[]> = Exclude<keyof T, K[number]>;

/** Lists every key of T: leaving one out, or naming one T does not have, does not compile. */
function keysOf<T>() {
  return <const K extends readonly (keyof T)[]>(keys: K & ([Missing<T, K>] extends [never] ? unknown : { missing: Missing<T, K> })): readonly string[] => keys as readonly (keyof T & string)[];
}

export type ModelCheck = { endpoint: EndpointName; status: number; path: string; fields: readonly string[] };

/** `path` walks the response schema: `.name` a property, `[]` the items of an array. */
export const MODEL_CHECKS: ModelCheck[] = [
  { endpoint: 'me', status: 200, path: '.user', fields: keysOf<User>()(['id', 'name', 'email', 'role', 'status', 'exportChannels', 'createdAt']) },
  { endpoint: 'me', status: 200, path: '.org', fields: keysOf<Org>()(['id', 'name', 'accentColor', 'billing']) },
  {
    endpoint: 'getContact',
    status: 200,
    path: '.contact',
    fields: keysOf<Contact>()(['id', 'ownerId', 'ownerName', 'name', 'company', 'title', 'emails', 'phones', 'tags', 'address', 'archivedAt', 'trashedAt', 'createdAt', 'updatedAt', 'lastActivityAt', 'access']),
  },
  { endpoint: 'listContacts', status: 200, path: '.items[].access', fields: keysOf<ContactAccess>()(['level', 'actions', 'shared', 'sharedWithYou', 'shareLevels', 'reassignTo']) },
  { endpoint: 'getContact', status: 200, path: '.contact.access.reassignTo', fields: keysOf<ReassignTargets>()(['anyone', 'userIds']) },
  {
    endpoint: 'listShares',
    status: 200,
    path: '.items[]',
    fields: keysOf<Share>()(['id', 'contactId', 'grantee', 'granteeName', 'level', 'startsAt', 'expiresAt', 'createdBy', 'createdAt', 'active']),
  },
  {
    endpoint: 'listHistory',
    status: 200,
    path: '.items[]',
    fields: keysOf<HistoryItem>()(['id', 'kind', 'body', 'channel', 'sentBy', 'sentByName', 'onBehalfOf', 'onBehalfOfName', 'createdAt']),
  },
  { endpoint: 'explainAccess', status: 200, path: '', fields: keysOf<Explanation>()(['userId', 'level', 'sources']) },
  {
    endpoint: 'explainAccess',
    status: 200,
    path: '.sources[]',
    fields: keysOf<AccessSource>()(['kind', 'level', 'id', 'grantedBy', 'grantedByName', 'grantedAt', 'startsAt', 'expiresAt', 'viaTeamId', 'viaTeamName', 'bucketId', 'bucketName', 'ownerId']),
  },
  {
    endpoint: 'listGrants',
    status: 200,
    path: '.items[]',
    fields: keysOf<Grant>()(['id', 'ownerId', 'grantee', 'scope', 'level', 'startsAt', 'expiresAt', 'createdBy', 'createdAt', 'active']),
  },
  { endpoint: 'listTeams', status: 200, path: '.items[]', fields: keysOf<Team>()(['id', 'name', 'memberIds']) },
  { endpoint: 'getSettings', status: 200, path: '', fields: keysOf<OrgSettings>()(['exportEnabled', 'shareAllContacts', 'membersCanArchiveDeleteShared']) },
  {
    endpoint: 'listAudit',
    status: 200,
    path: '.items[]',
    fields: keysOf<AuditEntry>()(['seq', 'id', 'at', 'actorId', 'actorName', 'action', 'targetType', 'targetId', 'before', 'after', 'prevHash', 'hash']),
  },
  { endpoint: 'verifyAudit', status: 200, path: '', fields: keysOf<AuditVerification>()(['valid', 'entries', 'firstBadSeq']) },
  {
    endpoint: 'listInvitations',
    status: 200,
    path: '.items[]',
    fields: keysOf<Invitation>()(['id', 'email', 'name', 'role', 'invitedBy', 'createdAt', 'expiresAt', 'status']),
  },
  { endpoint: 'lookupInvitation', status: 200, path: '.invitation', fields: keysOf<InvitationLink>()(['orgName', 'name', 'email', 'role', 'expiresAt']) },
  { endpoint: 'getBucket', status: 200, path: '.bucket', fields: keysOf<Bucket>()(['id', 'name', 'ownerId', 'contactCount', 'access']) },
  { endpoint: 'listBuckets', status: 200, path: '.items[].access', fields: keysOf<BucketAccess>()(['level', 'canEdit', 'canManage']) },
  {
    endpoint: 'listBucketShares',
    status: 200,
    path: '.items[]',
    fields: keysOf<BucketShare>()(['id', 'bucketId', 'grantee', 'granteeName', 'level', 'startsAt', 'expiresAt', 'createdBy', 'createdAt', 'active']),
  },
  { endpoint: 'listTokens', status: 200, path: '.items[]', fields: keysOf<ApiToken>()(['id', 'name', 'createdAt', 'expiresAt']) },
  { endpoint: 'createToken', status: 201, path: '.apiToken', fields: keysOf<ApiToken>()(['id', 'name', 'createdAt', 'expiresAt']) },
];
