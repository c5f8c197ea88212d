// Personal API tokens (spec §9, channel `api`): create, list and revoke your own.
import { apiTokenSchema, apiTokenScopeSchema, instantSchema, type ApiTokenDto } from '@tandem/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { toIso } from '../../domain/shared/time.ts';
import { createApiToken } from '../../domain/tokens/create-token.ts';
import { listApiTokens } from '../../domain/tokens/list-tokens.ts';
import { revokeApiToken } from '../../domain/tokens/revoke-token.ts';
import type { TokenRow } from '../../storage/rows.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, signedIn } from '../plugins/actor.ts';

function serializeToken(row: TokenRow): ApiTokenDto {
  return { id: row.id, name: row.name ?? '', scope: row.scope, createdAt: toIso(row.created_at) as string, expiresAt: toIso(row.expires_at) };
}

export const tokensRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const signedInHook = signedIn(deps);

  app.post('/tokens', {
    schema: {
      operationId: 'createToken',
      tags: ['tokens'], summary: 'Create a personal API token (needs the `api` export channel)',
      description: 'The token is shown once. It works as `Authorization: Bearer <token>` while you may use the `api` channel and until '
        + '`expiresAt` (never when null). `scope` defaults to `read`: GET and HEAD only; any other method answers 403 TANDEM_TOKEN_READ_ONLY.',
      body: z.object({
        name: z.string().trim().min(1).max(100), scope: apiTokenScopeSchema.default('read'), expiresAt: instantSchema.nullable().optional(),
      }),
      response: { 201: z.object({ apiToken: apiTokenSchema, token: z.string() }) },
    },
    preValidation: signedInHook,
  }, async (request, reply) => {
    const { row, token } = await createApiToken(deps, actorOf(request), request.body);
    return reply.status(201).send({ apiToken: serializeToken(row), token });
  });

  app.get('/tokens', {
    schema: { operationId: 'listTokens', tags: ['tokens'], summary: 'Your API tokens', response: { 200: z.object({ items: z.array(apiTokenSchema), nextCursor: z.null() }) } },
    preValidation: signedInHook,
  }, async (request) => ({ items: (await listApiTokens(deps, actorOf(request))).map(serializeToken), nextCursor: null }));

  app.delete('/tokens/:id', {
    schema: { operationId: 'deleteToken', tags: ['tokens'], summary: 'Revoke one of your API tokens', params: z.object({ id: z.string() }), response: { 204: z.null().describe('Revoked') } },
    preValidation: signedInHook,
  }, async (request, reply) => {
    await revokeApiToken(deps, actorOf(request), request.params.id);
    return reply.status(204).send(null);
  });
};
