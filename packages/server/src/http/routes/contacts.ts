// Contacts: create, list and search, read, edit, archive, trash, restore, purge, reassign, and the admins' bulk
// hand-over of a user's book (spec §3–§6.4). Every decision is @tandem/core's, through the domain use cases.
import { bulkResultSchema, contactInputSchema, contactPageSchema, contactPatchSchema, contactSchema, granteeSchema, idParams as contactParams, instantSchema, listQuerySchema, problems } from '@tandem/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SHARE_LEVELS } from '@tandem/core';
import { z } from 'zod';
import { archiveContact, unarchiveContact } from '../../domain/contacts/archive-contact.ts';
import { createContact } from '../../domain/contacts/create-contact.ts';
import { getContact } from '../../domain/contacts/get-contact.ts';
import { LIST_SCOPES, LIST_SORTS, listVisibleContacts } from '../../domain/contacts/list-contacts.ts';
import { purgeContact } from '../../domain/contacts/purge-contact.ts';
import { reassignContact } from '../../domain/contacts/reassign-contact.ts';
import { restoreContact, trashContact } from '../../domain/contacts/trash-contact.ts';
import { updateContact } from '../../domain/contacts/update-contact.ts';
import { reassignBook } from '../../domain/contacts/reassign-book.ts';
import { BULK_MAX, bulkContacts } from '../../domain/contacts/bulk-contacts.ts';
import type { AppDeps } from '../deps.ts';
import { answerOnce, idempotencyHeaders } from '../idempotency.ts';
import { actorOf, signedIn } from '../plugins/actor.ts';
import { toContactDto } from '../serializers/contact.ts';

const contactAnswer = z.object({ contact: contactSchema });

const flag = z.enum(['true', 'false']).optional();

const bulkIds = z.array(z.string().max(100)).min(1).max(BULK_MAX).describe(`contact ids, at most ${BULK_MAX}`);
const bulkBody = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('share'), ids: bulkIds, grantee: granteeSchema, level: z.enum(SHARE_LEVELS),
    startsAt: instantSchema.nullable().optional(), expiresAt: instantSchema.nullable().optional(),
  }).strict(),
  z.object({ action: z.literal('reassign'), ids: bulkIds, ownerId: z.string().max(100) }).strict(),
  z.object({ action: z.literal('addToBucket'), ids: bulkIds, bucketId: z.string().max(100) }).strict(),
  z.object({ action: z.enum(['addTag', 'removeTag']), ids: bulkIds, tag: z.string().trim().min(1).max(50) }).strict(),
  z.object({ action: z.enum(['archive', 'unarchive', 'delete', 'restore']), ids: bulkIds }).strict(),
]);

export const contactsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const preValidation = signedIn(deps);
  const tags = ['contacts'];

  app.post('/contacts', {
    schema: {
      operationId: 'createContact',
      tags, summary: 'Create a contact owned by the caller', headers: idempotencyHeaders, body: contactInputSchema,
      response: { 201: contactAnswer, ...problems(400, 401, 409) },
    },
    preValidation,
  }, async (request, reply) => {
    const ctx = actorOf(request);
    return answerOnce(deps, ctx, request, reply, 201, async () => ({ contact: toContactDto(await createContact(deps, ctx, request.body)) }));
  });

  app.get('/contacts', {
    schema: {
      operationId: 'listContacts',
      tags, summary: 'List, search, sort and filter the contacts the caller can see',
      description: [
        '`q` finds contacts by any word of the name, the company, an e-mail or part of one, phone digits and tags, ignoring accents and case:',
        'every word of `q` must occur (words of one or two characters at the start of a word); a `q` of digits and phone punctuation is one number.',
        '`sort`: `name` (A to Z, accents with their letters; default), `owner` (by owner name, then name), `activity` (latest message, note or call first; none last), `created` (newest first).',
        'A cursor is valid for the sort it was given out for (another answers 400 TANDEM_LIST_CURSOR_MISMATCH).',
        'Default: active contacts; `archived=true` the archive, `trash=true` the trash (owner and admins only). `scope=mine` owned by the caller, `shared` visible but owned by someone else,',
        '`sharedWithYou` those a record share, user grant or bucket share gives the caller (exactly the contacts whose `access.sharedWithYou` is true: an admin\'s baseline and share-all do not count).',
        '`ownerId` narrows to one owner, `tag` to one tag (exactly as stored), `bucketId` to one bucket the caller can see.',
        '`count=true` adds `total`: how many contacts match, exact up to 1,000, else `{count: 1000, capped: true}`.',
      ].join(' '),
      querystring: z.object({
        q: z.string().max(200).optional(), ...listQuerySchema, archived: flag, trash: flag,
        scope: z.enum(LIST_SCOPES).default('all'), bucketId: z.string().max(100).optional(),
        sort: z.enum(LIST_SORTS).default('name'), ownerId: z.string().max(100).optional(), tag: z.string().max(50).optional(), count: flag,
      }),
      response: { 200: contactPageSchema, ...problems(400, 401, 404) },
    },
    preValidation,
  }, async (request) => {
    const { archived, trash, count, ...rest } = request.query;
    const page = await listVisibleContacts(deps, actorOf(request), { ...rest, archived: archived === 'true', trash: trash === 'true', count: count === 'true' });
    return { items: page.items.map(toContactDto), nextCursor: page.nextCursor, ...(page.total ? { total: page.total } : {}) };
  });

  app.post('/contacts/bulk', {
    schema: {
      operationId: 'bulkContacts',
      tags, summary: 'One action on many contacts, each decided as alone; a report of what was done and refused',
      description: [
        `Takes up to ${BULK_MAX} ids and one action: \`share\` (grantee, level, window), \`reassign\` (ownerId), \`addToBucket\` (bucketId),`,
        '`addTag` / `removeTag` (tag), `archive`, `unarchive`, `delete` (to the trash), `restore`. Every contact is decided by the rule of its',
        'single-contact endpoint, in one transaction; the answer lists `done` ids and `refused` ones with the code that endpoint would answer.',
        'Missing, malformed and invisible ids are all refused as TANDEM_CONTACT_NOT_FOUND. What does not depend on a contact (the grantee,',
        'the new owner, the window, the bucket) refuses the whole request instead, as the single endpoint would.',
      ].join(' '),
      body: bulkBody, response: { 200: bulkResultSchema, ...problems(400, 401, 403, 404) },
    },
    preValidation,
  }, async (request) => {
    const { ids, ...action } = request.body;
    return bulkContacts(deps, actorOf(request), ids, action);
  });

  app.get('/contacts/:id', {
    schema: { operationId: 'getContact', tags, summary: 'One contact (level profile or more)', params: contactParams, response: { 200: contactAnswer, ...problems(401, 404) } },
    preValidation,
  }, async (request) => ({ contact: toContactDto(await getContact(deps, actorOf(request), request.params.id)) }));

  app.patch('/contacts/:id', {
    schema: { operationId: 'updateContact', tags, summary: 'Change profile fields (edit or more)', params: contactParams, body: contactPatchSchema, response: { 200: contactAnswer, ...problems(400, 401, 403, 404, 409) } },
    preValidation,
  }, async (request) => ({ contact: toContactDto(await updateContact(deps, actorOf(request), request.params.id, request.body)) }));

  app.delete('/contacts/:id', {
    schema: { operationId: 'deleteContact', tags, summary: 'Move a contact to the trash (spec §6.3)', params: contactParams, response: { 204: z.null().describe('Moved to the trash'), ...problems(401, 403, 404, 409) } },
    preValidation,
  }, async (request, reply) => {
    await trashContact(deps, actorOf(request), request.params.id);
    return reply.status(204).send(null);
  });

  const lifecycle = [
    ['archive', 'Archive a contact (spec §6.3)', archiveContact],
    ['unarchive', 'Take a contact out of the archive (same rule as archive)', unarchiveContact],
    ['restore', 'Restore a contact from the trash (owner and admins)', restoreContact],
  ] as const;
  for (const [verb, summary, useCase] of lifecycle) {
    app.post(`/contacts/:id/${verb}`, {
      schema: { operationId: `${verb}Contact`, tags, summary, params: contactParams, response: { 200: contactAnswer, ...problems(401, 403, 404, 409) } },
      preValidation,
    }, async (request) => ({ contact: toContactDto(await useCase(deps, actorOf(request), request.params.id)) }));
  }

  app.post('/contacts/:id/purge', {
    schema: { operationId: 'purgeContact', tags, summary: 'Delete a trashed contact for good (owner and admins; logged)', params: contactParams, response: { 204: z.null().describe('Purged'), ...problems(401, 403, 404, 409) } },
    preValidation,
  }, async (request, reply) => {
    await purgeContact(deps, actorOf(request), request.params.id);
    return reply.status(204).send(null);
  });

  app.post('/contacts/:id/reassign', {
    schema: {
      operationId: 'reassignContact',
      tags, summary: 'Give a contact to another owner (spec §6.4)', params: contactParams,
      body: z.object({ ownerId: z.string().max(100) }).strict(), response: { 200: contactAnswer, ...problems(400, 401, 403, 404, 409) },
    },
    preValidation,
  }, async (request) => ({ contact: toContactDto(await reassignContact(deps, actorOf(request), request.params.id, request.body.ownerId)) }));

  app.post('/users/:id/reassign-contacts', {
    schema: {
      operationId: 'handOverContacts',
      tags, summary: "Hand every contact of a user to another active user (admin)", params: contactParams,
      body: z.object({ toUserId: z.string().max(100) }).strict(), response: { 200: z.object({ moved: z.number().int() }), ...problems(400, 401, 403, 404, 409) },
    },
    preValidation,
  }, async (request) => reassignBook(deps, actorOf(request), request.params.id, request.body.toUserId));
};
