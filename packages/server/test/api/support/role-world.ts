// `roleWorld`: an org where one contact is reached by every kind of role the spec names, for the role matrices.
import { expectStatus } from './api-client.ts';
import type { TestHandle } from './test-app.ts';
import type { TestUser } from './world-builder.ts';

export const ROLES = [
  'owner', 'viewer', 'collaborator', 'editor', 'grantee', 'teamMember', 'bucketMember', 'admin', 'stranger', 'outsider', 'deactivated',
] as const;
export type Role = (typeof ROLES)[number];

export type RoleWorld = {
  orgId: string;
  users: Record<Role, TestUser>;
  /** Another active member, with no access to the contacts: a target for shares and reassignment. */
  nina: TestUser;
  teamId: string;
  /** The bucket every fresh contact is put in; shared with `bucketMember` at `view`. */
  mainBucketId: string;
  /** A new contact reached by every role as described at roleWorld; returns its id and the viewer's share. */
  freshContact: (name?: string) => Promise<{ contactId: string; viewerShareId: string }>;
  /** A new bucket owned by `owner`, holding a fresh contact, shared with `bucketMember` at `view`. */
  freshBucket: () => Promise<{ bucketId: string; bucketShareId: string; contactId: string }>;
};

/**
 * A fresh org whose contacts (made by `freshContact`, owned by `owner`) are reached by: a `view` record share
 * (viewer), a `collaborate` share (collaborator), an `edit` share (editor), an `edit` user grant on the owner's
 * contacts (grantee), a `collaborate` share to a team (teamMember), a `view` share of a bucket holding the contact
 * (bucketMember), the admin role (admin); not at all by `stranger` (a member), `outsider` (an admin of another
 * org), and `deactivated` (a deactivated member named by an `edit` share). The org's switches are all off.
 * Users, team and grant are rows (the world builder); buckets, contacts and shares are made through the API as
 * the owner, each answer checked.
 */
export async function roleWorld(t: TestHandle): Promise<RoleWorld> {
  const w = await t.world({
    orgs: { acme: {}, globex: {} },
    users: {
      owner: { name: 'Owen' }, viewer: { name: 'Vera' }, collaborator: { name: 'Colin' }, editor: { name: 'Edith' }, grantee: { name: 'Greta' },
      teamMember: { name: 'Tom' }, bucketMember: { name: 'Bea' }, admin: { name: 'Ada', role: 'admin' }, stranger: { name: 'Stan' },
      deactivated: { name: 'Dora', status: 'deactivated' }, nina: { name: 'Nina' }, outsider: { name: 'Olga', role: 'admin', org: 'globex' },
    },
    teams: { sales: { members: ['teamMember'] } },
    grants: [{ owner: 'owner', user: 'grantee', scope: 'contacts', level: 'edit' }],
  });
  const { nina, ...users } = w.users;
  const { api } = t;
  const as = { as: users.owner };
  const newBucket = async (name: string) => {
    const bucket = expectStatus(await api.buckets.create({ name }, as), 201).bucket;
    const share = expectStatus(await api.buckets.share(bucket.id, { grantee: { userId: users.bucketMember.id }, level: 'view' }, as), 201).share;
    return { bucketId: bucket.id, bucketShareId: share.id };
  };
  const main = await newBucket('Key accounts');
  const freshContact = async (name = 'Zoe Zimmer') => {
    const contact = expectStatus(await api.contacts.create({ name, emails: ['zoe@client.test'] }, as), 201).contact;
    const share = async (grantee: object, level: string) => expectStatus(await api.shares.create(contact.id, { grantee, level }, as), 201).share.id;
    const viewerShareId = await share({ userId: users.viewer.id }, 'view');
    await share({ userId: users.collaborator.id }, 'collaborate');
    await share({ userId: users.editor.id }, 'edit');
    await share({ teamId: w.teams.sales }, 'collaborate');
    await share({ userId: users.deactivated.id }, 'edit');
    expectStatus(await api.buckets.addContacts(main.bucketId, { contactIds: [contact.id] }, as), 200);
    return { contactId: contact.id, viewerShareId };
  };
  const freshBucket = async () => {
    const bucket = await newBucket('Renewals');
    const contact = expectStatus(await api.contacts.create({ name: 'Yves Young' }, as), 201).contact;
    expectStatus(await api.buckets.addContacts(bucket.bucketId, { contactIds: [contact.id] }, as), 200);
    return { ...bucket, contactId: contact.id };
  };
  return { orgId: w.orgId, users, nina, teamId: w.teams.sales, mainBucketId: main.bucketId, freshContact, freshBucket };
}
