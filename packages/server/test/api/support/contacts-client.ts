// One helper per contacts endpoint, each taking `{as: token}` (and a body or query where the endpoint has one),
// plus `buildRoleWorld`: an org where one contact is reached by every kind of role the spec names.
import type { FastifyInstance } from 'fastify';
import { createOrg, createTeam, createUser, createUserGrant, type FixtureUser } from '../../fixtures/org-fixture.ts';
import { call, type Answer, type TestApp } from '../../support/harness.ts';

type As = { as?: string | { token: string } };
type Q = Record<string, string | number | boolean | undefined>;
const tok = (o: As) => (o.as === undefined ? {} : { as: o.as });

export type ContactClient = ReturnType<typeof contactsClient>;

export function contactsClient(app: FastifyInstance) {
  const get = (url: string, o: As & { query?: Q }) => call(app, 'GET', url, { ...tok(o), ...(o.query ? { query: o.query } : {}) });
  const post = (url: string, o: As, body: unknown = {}) => call(app, 'POST', url, { ...tok(o), body });
  const patch = (url: string, o: As, body: unknown) => call(app, 'PATCH', url, { ...tok(o), body });
  const del = (url: string, o: As) => call(app, 'DELETE', url, tok(o));
  const c = (id: string) => `/api/v1/contacts/${id}`;
  const b = (id: string) => `/api/v1/buckets/${id}`;
  return {
    createContact: (o: As & { body: unknown }) => post('/api/v1/contacts', o, o.body),
    listContacts: (o: As & { query?: Q } = {}) => get('/api/v1/contacts', o),
    getContact: (id: string, o: As) => get(c(id), o),
    updateContact: (id: string, o: As & { body: unknown }) => patch(c(id), o, o.body),
    deleteContact: (id: string, o: As) => del(c(id), o),
    archiveContact: (id: string, o: As) => post(`${c(id)}/archive`, o),
    unarchiveContact: (id: string, o: As) => post(`${c(id)}/unarchive`, o),
    restoreContact: (id: string, o: As) => post(`${c(id)}/restore`, o),
    purgeContact: (id: string, o: As) => post(`${c(id)}/purge`, o),
    reassignContact: (id: string, o: As & { ownerId: string }) => post(`${c(id)}/reassign`, o, { ownerId: o.ownerId }),
    reassignBook: (userId: string, o: As & { toUserId: string }) => post(`/api/v1/users/${userId}/reassign-contacts`, o, { toUserId: o.toUserId }),
    listShares: (id: string, o: As) => get(`${c(id)}/shares`, o),
    createShare: (id: string, o: As & { body: unknown }) => post(`${c(id)}/shares`, o, o.body),
    updateShare: (id: string, shareId: string, o: As & { body: unknown }) => patch(`${c(id)}/shares/${shareId}`, o, o.body),
    revokeShare: (id: string, shareId: string, o: As) => del(`${c(id)}/shares/${shareId}`, o),
    history: (id: string, o: As & { query?: Q }) => get(`${c(id)}/history`, o),
    sendMessage: (id: string, o: As & { body: unknown }) => post(`${c(id)}/messages`, o, o.body),
    logNote: (id: string, o: As & { body: unknown }) => post(`${c(id)}/notes`, o, o.body),
    logCall: (id: string, o: As & { body: unknown }) => post(`${c(id)}/calls`, o, o.body),
    explain: (id: string, o: As & { userId?: string }) => get(`${c(id)}/access`, { ...o, query: { userId: o.userId } }),
    listBuckets: (o: As & { query?: Q } = {}) => get('/api/v1/buckets', o),
    createBucket: (o: As & { name: string }) => post('/api/v1/buckets', o, { name: o.name }),
    getBucket: (id: string, o: As) => get(b(id), o),
    renameBucket: (id: string, o: As & { name: string }) => patch(b(id), o, { name: o.name }),
    deleteBucket: (id: string, o: As) => del(b(id), o),
    addToBucket: (id: string, o: As & { contactIds: string[] }) => post(`${b(id)}/contacts`, o, { contactIds: o.contactIds }),
    removeFromBucket: (id: string, contactId: string, o: As) => del(`${b(id)}/contacts/${contactId}`, o),
    listBucketShares: (id: string, o: As) => get(`${b(id)}/shares`, o),
    shareBucket: (id: string, o: As & { body: unknown }) => post(`${b(id)}/shares`, o, o.body),
    revokeBucketShare: (id: string, shareId: string, o: As) => del(`${b(id)}/shares/${shareId}`, o),
  };
}

/** Fails the test with the answer when the status is not the expected one; returns the body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are asserted field by field
export function expectStatus(answer: Answer, status: number): any {
  if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export const ROLES = [
  'owner', 'viewer', 'collaborator', 'editor', 'grantee', 'teamMember', 'bucketMember', 'admin', 'stranger', 'outsider', 'deactivated',
] as const;
export type Role = (typeof ROLES)[number];

export type RoleWorld = {
  orgId: string;
  users: Record<Role, FixtureUser>;
  /** Another active member, with no access to the contacts: a target for shares and reassignment. */
  nina: FixtureUser;
  teamId: string;
  /** The bucket every fresh contact is put in; shared with `bucketMember` at `view`. */
  mainBucketId: string;
  client: ContactClient;
  /** A new contact reached by every role as described at buildRoleWorld; returns its id and the viewer's share. */
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
 */
export async function buildRoleWorld(t: TestApp): Promise<RoleWorld> {
  const db = t.handle.db;
  const client = contactsClient(t.app);
  const orgId = await createOrg(db, 'Acme');
  const mk = (name: string, role: 'admin' | 'member' = 'member') => createUser(db, orgId, { name, role });
  const owner = await mk('Owen');
  const [viewer, collaborator, editor, grantee, teamMember, bucketMember, admin, stranger, deactivated, nina] = await Promise.all([
    mk('Vera'), mk('Colin'), mk('Edith'), mk('Greta'), mk('Tom'), mk('Bea'), mk('Ada', 'admin'), mk('Stan'), mk('Dora'), mk('Nina'),
  ]);
  const otherOrg = await createOrg(db, 'Globex');
  const outsider = await createUser(db, otherOrg, { name: 'Olga', role: 'admin' });
  const teamId = await createTeam(db, orgId, 'Sales', [teamMember.id]);
  await createUserGrant(db, orgId, { ownerId: owner.id, grantee: { userId: grantee.id }, scope: 'contacts', level: 'edit' });
  const as = owner.token;
  const newBucket = async (name: string) => {
    const bucket = expectStatus(await client.createBucket({ as, name }), 201).bucket;
    const share = expectStatus(await client.shareBucket(bucket.id, { as, body: { grantee: { userId: bucketMember.id }, level: 'view' } }), 201).share;
    return { bucketId: bucket.id as string, bucketShareId: share.id as string };
  };
  const main = await newBucket('Key accounts');
  await db.updateTable('users').set({ status: 'deactivated' }).where('org_id', '=', orgId).where('id', '=', deactivated.id).execute();
  const freshContact = async (name = 'Zoe Zimmer') => {
    const contact = expectStatus(await client.createContact({ as, body: { name, emails: ['zoe@client.test'] } }), 201).contact;
    const share = async (grantee: object, level: string) => expectStatus(await client.createShare(contact.id, { as, body: { grantee, level } }), 201).share.id as string;
    const viewerShareId = await share({ userId: viewer.id }, 'view');
    await share({ userId: collaborator.id }, 'collaborate');
    await share({ userId: editor.id }, 'edit');
    await share({ teamId }, 'collaborate');
    await share({ userId: deactivated.id }, 'edit');
    expectStatus(await client.addToBucket(main.bucketId, { as, contactIds: [contact.id] }), 200);
    return { contactId: contact.id as string, viewerShareId };
  };
  const freshBucket = async () => {
    const bucket = await newBucket('Renewals');
    const contact = expectStatus(await client.createContact({ as, body: { name: 'Yves Young' } }), 201).contact;
    expectStatus(await client.addToBucket(bucket.bucketId, { as, contactIds: [contact.id] }), 200);
    return { ...bucket, contactId: contact.id as string };
  };
  return {
    orgId, client, teamId, nina, mainBucketId: main.bucketId, freshContact, freshBucket,
    users: { owner, viewer, collaborator, editor, grantee, teamMember, bucketMember, admin, stranger, outsider, deactivated },
  };
}
