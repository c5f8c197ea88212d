// GET /contacts/:id/access (spec §10): why a user has the level they have on a contact.
import { explanationSchema, idParams as contactParams, problems } from '@tandem/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { explainAccess } from '../../domain/contacts/explain-access.ts';
import type { AppDeps } from '../deps.ts';
import { toExplanationDto } from '../serializers/explanation.ts';
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
};
