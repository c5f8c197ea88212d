// GET /contacts/:id/access (spec §10): why a user has the level they have on a contact; and its reverse,
// GET /contacts/:id/access/holders: everyone with access, each with the same answer.
import { accessHoldersSchema, explanationSchema, idParams as contactParams, problems } from '@tandem/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAccessHolders } from '../../domain/access/list-access-holders.ts';
import { explainAccess } from '../../domain/contacts/explain-access.ts';
import type { AppDeps } from '../deps.ts';
import { toAccessHoldersDto, toExplanationDto } from '../serializers/explanation.ts';
import { actorOf, signedIn } from '../plugins/actor.ts';

export const contactAccessRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get('/contacts/:id/access', {
    schema: {
      operationId: 'explainAccess',
      tags: ['contacts'], summary: "Explain a user's access to a contact: level and every active source",
      description: 'A user may ask about themselves; the owner and admins may ask about anyone.',
      params: contactParams, querystring: z.object({ userId: z.string().max(100).optional().describe('default: the caller') }),
      response: { 200: explanationSchema, ...problems(401, 403, 404) },
    },
    preValidation: signedIn(deps),
  }, async (request) => toExplanationDto(await explainAccess(deps, actorOf(request), request.params.id, request.query.userId)));

  app.get('/contacts/:id/access/holders', {
    schema: {
      operationId: 'listAccessHolders',
      tags: ['contacts'], summary: 'Everyone with access to a contact: each user\'s level and sources, and the teams behind them',
      description: [
        'The reverse of GET /contacts/{id}/access: every active user of the organisation whose level on the contact is not `none`, with the',
        'level and sources that endpoint answers for them, and every team whose user grant, record share or bucket share gives someone access.',
        'Who may ask: whoever may explain anyone\'s access to the contact (its owner and admins); others get 403 when they see the contact, 404 when not.',
      ].join(' '),
      params: contactParams,
      response: { 200: accessHoldersSchema, ...problems(401, 403, 404) },
    },
    preValidation: signedIn(deps),
  }, async (request) => toAccessHoldersDto(await listAccessHolders(deps, actorOf(request), request.params.id)));
};
