// Users: list (any signed-in member), create and change (admins).
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { EXPORT_CHANNELS } from '@tandem/core';
import { z } from 'zod';
import { requireAdminOrThrow } from '../../domain/accounts-guards.ts';
import { createUser } from '../../domain/users-create.ts';
import { listUsers } from '../../domain/users-list.ts';
import { updateUser } from '../../domain/users-update.ts';
import type { AppDeps } from '../app.ts';
import { actorContext } from '../plugins/auth.ts';
import { emailSchema, nameSchema, passwordSchema, serializeUser, userSchema } from '../serializers/user.ts';

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(500).optional(),
});

export const usersRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const signedIn = async (request: FastifyRequest) => { await actorContext(deps, request); };
  const adminOnly = async (request: FastifyRequest) => { requireAdminOrThrow(await actorContext(deps, request)); };

  app.get('/users', {
    schema: {
      tags: ['users'], summary: "The organisation's users, by name", querystring: pageQuerySchema,
      response: { 200: z.object({ items: z.array(userSchema), nextCursor: z.string().nullable() }) },
    },
    preValidation: signedIn,
  }, async (request) => {
    const page = await listUsers(deps, await actorContext(deps, request), request.query);
    return { items: page.items.map(serializeUser), nextCursor: page.nextCursor };
  });

  app.post('/users', {
    schema: {
      tags: ['users'], summary: 'Add a user to the organisation (admin)',
      body: z.object({ name: nameSchema, email: emailSchema, password: passwordSchema, role: z.enum(['admin', 'member']) }),
      response: { 201: z.object({ user: userSchema }) },
    },
    preValidation: adminOnly,
  }, async (request, reply) => {
    const user = await createUser(deps, await actorContext(deps, request), request.body);
    return reply.status(201).send({ user: serializeUser(user) });
  });

  app.patch('/users/:id', {
    schema: {
      tags: ['users'], summary: "Change a user's role, status or export channels (admin)",
      description: 'The organisation always keeps one active admin (409 TANDEM_ORG_LAST_ADMIN). Deactivation revokes the '
        + "user's sessions and API tokens at once.",
      params: z.object({ id: z.string() }),
      body: z.object({
        role: z.enum(['admin', 'member']).optional(),
        status: z.enum(['active', 'deactivated']).optional(),
        exportChannels: z.array(z.enum(EXPORT_CHANNELS)).max(EXPORT_CHANNELS.length * 2).optional(),
      }).strict().refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'give at least one of role, status, exportChannels' }),
      response: { 200: z.object({ user: userSchema }) },
    },
    preValidation: adminOnly,
  }, async (request) => {
    const user = await updateUser(deps, await actorContext(deps, request), request.params.id, request.body);
    return { user: serializeUser(user) };
  });
};
