// User grants (the Users page): admins give a user or team `view` or `edit` on one user's contacts or calendar.
import { granteeSchema, grantSchema, instantSchema } from '@tandem/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createGrant } from '../../domain/grants/create-grant.ts';
import { listGrants } from '../../domain/grants/list-grants.ts';
import { revokeGrant } from '../../domain/grants/revoke-grant.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, adminOnly } from '../plugins/actor.ts';
import { serializeGrant } from '../serializers/grant.ts';

const scope = z.enum(['contacts', 'calendar']);
const instant = instantSchema;
const grantList = z.object({ items: z.array(grantSchema), nextCursor: z.null() });

export const grantsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const adminOnlyHook = adminOnly(deps);

  app.post('/users/:ownerId/grants', {
    schema: {
      operationId: 'createGrant',
      tags: ['grants'], summary: "Give a user or team access to this user's contacts or calendar (admin)",
      description: 'One grant per owner, grantee and scope: a second one replaces the first.',
      params: z.object({ ownerId: z.string() }),
      body: z.object({
        grantee: granteeSchema,
        scope, level: z.enum(['view', 'edit']),
        startsAt: instant.nullable().optional(), expiresAt: instant.nullable().optional(),
      }),
      response: { 201: z.object({ grant: grantSchema }) },
    },
    preValidation: adminOnlyHook,
  }, async (request, reply) => {
    const ctx = actorOf(request);
    const grant = await createGrant(deps, ctx, request.params.ownerId, request.body);
    return reply.status(201).send({ grant: serializeGrant(grant, ctx.now) });
  });

  app.get('/users/:ownerId/grants', {
    schema: { operationId: 'listUserGrants', tags: ['grants'], summary: "Grants on this user's contacts and calendar (admin)", params: z.object({ ownerId: z.string() }), response: { 200: grantList } },
    preValidation: adminOnlyHook,
  }, async (request) => {
    const ctx = actorOf(request);
    const rows = await listGrants(deps, ctx, { ownerId: request.params.ownerId });
    return { items: rows.map((r) => serializeGrant(r, ctx.now)), nextCursor: null };
  });

  app.get('/grants', {
    schema: { operationId: 'listGrants', tags: ['grants'], summary: 'Every grant of the organisation (admin)', querystring: z.object({ scope: scope.optional() }), response: { 200: grantList } },
    preValidation: adminOnlyHook,
  }, async (request) => {
    const ctx = actorOf(request);
    const rows = await listGrants(deps, ctx, { scope: request.query.scope });
    return { items: rows.map((r) => serializeGrant(r, ctx.now)), nextCursor: null };
  });

  app.delete('/grants/:id', {
    schema: { operationId: 'deleteGrant', tags: ['grants'], summary: 'Revoke a grant (admin)', params: z.object({ id: z.string() }), response: { 204: z.null().describe('Revoked') } },
    preValidation: adminOnlyHook,
  }, async (request, reply) => {
    await revokeGrant(deps, actorOf(request), request.params.id);
    return reply.status(204).send(null);
  });
};
