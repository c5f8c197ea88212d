// Kept as a thin alias for files written against the old contacts client (support/account-audit-script.ts and
// account-audit.test.ts): the API tests use api-client.ts. Same endpoints, the old `{ as, body }` argument shape.
import type { FastifyInstance } from 'fastify';
import { apiClient, type As, type Body, type Options, type Query } from './api-client.ts';

export { expectStatus } from './api-client.ts';

type O = { as?: As; query?: Query };
const opts = (o: O): Options => ({ as: o.as, ...(o.query ? { query: o.query } : {}) });

export function contactsClient(app: FastifyInstance) {
  const api = apiClient(app);
  return {
    createContact: (o: O & { body: Body }) => api.contacts.create(o.body, opts(o)),
    listContacts: (o: O = {}) => api.contacts.list(opts(o)),
    getContact: (id: string, o: O) => api.contacts.get(id, opts(o)),
    updateContact: (id: string, o: O & { body: Body }) => api.contacts.update(id, o.body, opts(o)),
    deleteContact: (id: string, o: O) => api.contacts.delete(id, opts(o)),
    archiveContact: (id: string, o: O) => api.contacts.archive(id, opts(o)),
    unarchiveContact: (id: string, o: O) => api.contacts.unarchive(id, opts(o)),
    restoreContact: (id: string, o: O) => api.contacts.restore(id, opts(o)),
    purgeContact: (id: string, o: O) => api.contacts.purge(id, opts(o)),
    reassignContact: (id: string, o: O & { ownerId: string }) => api.contacts.reassign(id, { ownerId: o.ownerId }, opts(o)),
    reassignBook: (userId: string, o: O & { toUserId: string }) => api.users.reassignContacts(userId, { toUserId: o.toUserId }, opts(o)),
    listShares: (id: string, o: O) => api.shares.list(id, opts(o)),
    createShare: (id: string, o: O & { body: Body }) => api.shares.create(id, o.body, opts(o)),
    updateShare: (id: string, shareId: string, o: O & { body: Body }) => api.shares.update(id, shareId, o.body, opts(o)),
    revokeShare: (id: string, shareId: string, o: O) => api.shares.revoke(id, shareId, opts(o)),
    history: (id: string, o: O) => api.history.list(id, opts(o)),
    sendMessage: (id: string, o: O & { body: Body }) => api.history.sendMessage(id, o.body, opts(o)),
    logNote: (id: string, o: O & { body: Body }) => api.history.logNote(id, o.body, opts(o)),
    logCall: (id: string, o: O & { body: Body }) => api.history.logCall(id, o.body, opts(o)),
    explain: (id: string, o: O & { userId?: string }) => api.contacts.explain(id, { as: o.as, query: { userId: o.userId } }),
    listBuckets: (o: O = {}) => api.buckets.list(opts(o)),
    createBucket: (o: O & { name: string }) => api.buckets.create({ name: o.name }, opts(o)),
    getBucket: (id: string, o: O) => api.buckets.get(id, opts(o)),
    renameBucket: (id: string, o: O & { name: string }) => api.buckets.rename(id, { name: o.name }, opts(o)),
    deleteBucket: (id: string, o: O) => api.buckets.delete(id, opts(o)),
    addToBucket: (id: string, o: O & { contactIds: string[] }) => api.buckets.addContacts(id, { contactIds: o.contactIds }, opts(o)),
    removeFromBucket: (id: string, contactId: string, o: O) => api.buckets.removeContact(id, contactId, opts(o)),
    listBucketShares: (id: string, o: O) => api.buckets.listShares(id, opts(o)),
    shareBucket: (id: string, o: O & { body: Body }) => api.buckets.share(id, o.body, opts(o)),
    revokeBucketShare: (id: string, shareId: string, o: O) => api.buckets.revokeShare(id, shareId, opts(o)),
  };
}
export type ContactClient = ReturnType<typeof contactsClient>;
