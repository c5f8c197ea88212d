// Buckets (spec §6.2): named groups of contacts, private until shared by their owner or an admin.
import { bucketNameSchema, bucketSchema, bucketShareSchema, listQuerySchema, newShareSchema, pageOf, problems, sharePatchSchema } from '@tandem/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addContactsToBucket, removeContactFromBucket } from '../../domain/buckets/change-bucket-contacts.ts';
import { createBucket } from '../../domain/buckets/create-bucket.ts';
import { deleteBucket } from '../../domain/buckets/delete-bucket.ts';
import { loadBucketOrThrow } from '../../domain/buckets/bucket-guard.ts';
import { listVisibleBuckets } from '../../domain/buckets/list-buckets.ts';
import { renameBucketAs } from '../../domain/buckets/rename-bucket.ts';
import { listSharesOfBucket, revokeBucketShare, shareBucket, updateBucketShare } from '../../domain/buckets/share-bucket.ts';
import type { AppDeps } from '../deps.ts';
import { toBucketDto, toBucketShareDto } from '../serializers/bucket.ts';
import { actorOf, signedIn } from '../plugins/actor.ts';

const bucketParams = z.object({ id: z.string().max(100) });
const bucketAnswer = z.object({ bucket: bucketSchema });

export const bucketsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const preValidation = signedIn(deps);
  const tags = ['buckets'];

  app.get('/buckets', {
    schema: { operationId: 'listBuckets', tags, summary: 'Buckets the caller owns or has a share of (admins: all)', querystring: z.object(listQuerySchema), response: { 200: pageOf(bucketSchema), ...problems(400, 401) } },
    preValidation,
  }, async (request) => {
    const page = await listVisibleBuckets(deps, actorOf(request), request.query.limit, request.query.cursor);
    return { items: page.items.map(toBucketDto), nextCursor: page.nextCursor };
  });

  app.post('/buckets', {
    schema: { operationId: 'createBucket', tags, summary: 'Create a bucket owned by the caller', body: z.object({ name: bucketNameSchema }).strict(), response: { 201: bucketAnswer, ...problems(400, 401) } },
    preValidation,
  }, async (request, reply) => reply.status(201).send({ bucket: toBucketDto(await createBucket(deps, actorOf(request), request.body.name)) }));

  app.get('/buckets/:id', {
    schema: { operationId: 'getBucket', tags, summary: 'One bucket', params: bucketParams, response: { 200: bucketAnswer, ...problems(401, 404) } },
    preValidation,
  }, async (request) => ({ bucket: toBucketDto(await loadBucketOrThrow(db, actorOf(request), request.params.id, 'see')) }));

  app.patch('/buckets/:id', {
    schema: { operationId: 'renameBucket', tags, summary: 'Rename a bucket (edit on it)', params: bucketParams, body: z.object({ name: bucketNameSchema }).strict(), response: { 200: bucketAnswer, ...problems(400, 401, 403, 404) } },
    preValidation,
  }, async (request) => ({ bucket: toBucketDto(await renameBucketAs(deps, actorOf(request), request.params.id, request.body.name)) }));

  app.delete('/buckets/:id', {
    schema: { operationId: 'deleteBucket', tags, summary: 'Delete a bucket; its contacts are untouched (owner or admin)', params: bucketParams, response: { 204: z.null().describe('Deleted'), ...problems(401, 403, 404) } },
    preValidation,
  }, async (request, reply) => {
    await deleteBucket(deps, actorOf(request), request.params.id);
    return reply.status(204).send(null);
  });

  app.post('/buckets/:id/contacts', {
    schema: {
      operationId: 'addBucketContacts',
      tags, summary: 'Add contacts (edit on the bucket and edit on each contact; all or nothing)', params: bucketParams,
      body: z.object({ contactIds: z.array(z.string().max(100)).min(1).max(200) }).strict(), response: { 200: bucketAnswer, ...problems(400, 401, 403, 404, 409) },
    },
    preValidation,
  }, async (request) => ({ bucket: toBucketDto(await addContactsToBucket(deps, actorOf(request), request.params.id, request.body.contactIds)) }));

  app.delete('/buckets/:id/contacts/:contactId', {
    schema: {
      operationId: 'removeBucketContact',
      tags, summary: 'Take a contact out of a bucket (edit on the bucket)', params: bucketParams.extend({ contactId: z.string().max(100) }),
      response: { 204: z.null().describe('Removed'), ...problems(401, 403, 404) },
    },
    preValidation,
  }, async (request, reply) => {
    await removeContactFromBucket(deps, actorOf(request), request.params.id, request.params.contactId);
    return reply.status(204).send(null);
  });

  app.get('/buckets/:id/shares', {
    schema: { operationId: 'listBucketShares', tags, summary: "A bucket's shares (owner or admin)", params: bucketParams, response: { 200: z.object({ items: z.array(bucketShareSchema), nextCursor: z.null() }), ...problems(401, 403, 404) } },
    preValidation,
  }, async (request) => {
    const ctx = actorOf(request);
    const shares = await listSharesOfBucket(deps, ctx, request.params.id);
    return { items: shares.map((s) => toBucketShareDto(s, ctx.now)), nextCursor: null };
  });

  app.post('/buckets/:id/shares', {
    schema: { operationId: 'createBucketShare', tags, summary: 'Share a bucket with a user or team (owner or admin)', params: bucketParams, body: newShareSchema, response: { 201: z.object({ share: bucketShareSchema }), ...problems(400, 401, 403, 404) } },
    preValidation,
  }, async (request, reply) => {
    const ctx = actorOf(request);
    const share = await shareBucket(deps, ctx, request.params.id, request.body);
    return reply.status(201).send({ share: toBucketShareDto(share, ctx.now) });
  });

  app.patch('/buckets/:id/shares/:shareId', {
    schema: {
      operationId: 'updateBucketShare',
      tags, summary: "Change a bucket share's level or window (owner or admin)",
      description: 'Any of `level`, `startsAt`, `expiresAt`; null opens a bound. A change that changes nothing is not logged.',
      params: bucketParams.extend({ shareId: z.string().max(100) }), body: sharePatchSchema,
      response: { 200: z.object({ share: bucketShareSchema }), ...problems(400, 401, 403, 404) },
    },
    preValidation,
  }, async (request) => {
    const ctx = actorOf(request);
    return { share: toBucketShareDto(await updateBucketShare(deps, ctx, request.params.id, request.params.shareId, request.body), ctx.now) };
  });

  app.delete('/buckets/:id/shares/:shareId', {
    schema: { operationId: 'deleteBucketShare', tags, summary: 'Revoke a bucket share (owner or admin)', params: bucketParams.extend({ shareId: z.string().max(100) }), response: { 204: z.null().describe('Revoked'), ...problems(401, 403, 404) } },
    preValidation,
  }, async (request, reply) => {
    await revokeBucketShare(deps, actorOf(request), request.params.id, request.params.shareId);
    return reply.status(204).send(null);
  });
};
