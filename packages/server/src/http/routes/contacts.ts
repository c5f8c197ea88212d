// Contacts: create, list and search, read, edit, archive, trash, restore, purge, reassign, and the admins' bulk
// hand-over of a user's book (spec §3–§6.4). Every decision is @tandem/core's, through the domain use cases.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { archiveContact, unarchiveContact } from '../../domain/contacts/archive-contact.ts';
import { createContact } from '../../domain/contacts/create-contact.ts';
import { getContact } from '../../domain/contacts/get-contact.ts';
import { listVisibleContacts } from '../../domain/contacts/list-contacts.ts';
import { purgeContact } from '../../domain/contacts/purge-contact.ts';
import { reassignContact } from '../../domain/contacts/reassign-contact.ts';
import { restoreContact, trashContact } from '../../domain/contacts/trash-contact.ts';
import { updateContact } from '../../domain/contacts/update-contact.ts';
import { reassignBook } from '../../domain/contacts/reassign-book.ts';
import type { AppDeps } from '../deps.ts';
import { answerOnce, idempotencyHeaders } from '../idempotency.ts';
import { actorOf, signedIn } from '../plugins/actor.ts';
import { idParams as contactParams } from '../schemas.ts';
import {
  contactInputSchema, contactPatchSchema, contactSchema, listQuerySchema, pageOf, problems, toContactDto,
} from '../serializers/contact.ts';

const contactAnswer = z.object({ contact: contactSchema });
const flag = z.enum(['true', 'false']).optional();

export const contactsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const preValidation = signedIn(deps);
  const tags = ['contacts'];

  app.post('/contacts', {
    schema: {
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
      tags, summary: 'List and search the contacts the caller can see, sorted by name',
      description: '`q` matches a name prefix or an exact e-mail. Default: active contacts; `archived=true` the archive, `trash=true` the trash (owner and admins only). `scope=mine` owned by the caller, `shared` visible but owned by someone else. `bucketId` narrows to one bucket the caller can see.',
      querystring: z.object({
        q: z.string().max(200).optional(), ...listQuerySchema, archived: flag, trash: flag,
        scope: z.enum(['all', 'mine', 'shared']).default('all'), bucketId: z.string().max(100).optional(),
      }),
      response: { 200: pageOf(contactSchema), ...problems(400, 401, 404) },
    },
    preValidation,
  }, async (request) => {
    const { archived, trash, ...rest } = request.query;
    const page = await listVisibleContacts(deps, actorOf(request), { ...rest, archived: archived === 'true', trash: trash === 'true' });
    return { items: page.items.map(toContactDto), nextCursor: page.nextCursor };
  });

  app.get('/contacts/:id', {
    schema: { tags, summary: 'One contact (level profile or more)', params: contactParams, response: { 200: contactAnswer, ...problems(401, 404) } },
    preValidation,
  }, async (request) => ({ contact: toContactDto(await getContact(deps, actorOf(request), request.params.id)) }));

  app.patch('/contacts/:id', {
    schema: { tags, summary: 'Change profile fields (edit or more)', params: contactParams, body: contactPatchSchema, response: { 200: contactAnswer, ...problems(400, 401, 403, 404, 409) } },
    preValidation,
  }, async (request) => ({ contact: toContactDto(await updateContact(deps, actorOf(request), request.params.id, request.body)) }));

  app.delete('/contacts/:id', {
    schema: { tags, summary: 'Move a contact to the trash (spec §6.3)', params: contactParams, response: { 204: z.null().describe('Moved to the trash'), ...problems(401, 403, 404, 409) } },
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
      schema: { tags, summary, params: contactParams, response: { 200: contactAnswer, ...problems(401, 403, 404, 409) } },
      preValidation,
    }, async (request) => ({ contact: toContactDto(await useCase(deps, actorOf(request), request.params.id)) }));
  }

  app.post('/contacts/:id/purge', {
    schema: { tags, summary: 'Delete a trashed contact for good (owner and admins; logged)', params: contactParams, response: { 204: z.null().describe('Purged'), ...problems(401, 403, 404, 409) } },
    preValidation,
  }, async (request, reply) => {
    await purgeContact(deps, actorOf(request), request.params.id);
    return reply.status(204).send(null);
  });

  app.post('/contacts/:id/reassign', {
    schema: {
      tags, summary: 'Give a contact to another owner (spec §6.4)', params: contactParams,
      body: z.object({ ownerId: z.string().max(100) }).strict(), response: { 200: contactAnswer, ...problems(400, 401, 403, 404, 409) },
    },
    preValidation,
  }, async (request) => ({ contact: toContactDto(await reassignContact(deps, actorOf(request), request.params.id, request.body.ownerId)) }));

  app.post('/users/:id/reassign-contacts', {
    schema: {
      tags, summary: "Hand every contact of a user to another active user (admin)", params: contactParams,
      body: z.object({ toUserId: z.string().max(100) }).strict(), response: { 200: z.object({ moved: z.number().int() }), ...problems(400, 401, 403, 404, 409) },
    },
    preValidation,
  }, async (request) => reassignBook(deps, actorOf(request), request.params.id, request.body.toUserId));
};
