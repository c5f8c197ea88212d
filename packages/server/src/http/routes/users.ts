// Users: list (any signed-in member), create and change (admins).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { EXPORT_CHANNELS } from '@tandem/core';
import { z } from 'zod';
import { pageQuerySchema } from '../schemas.ts';
import { createUser } from '../../domain/users/create-user.ts';
import { listUsers } from '../../domain/users/list-users.ts';
import { updateUser } from '../../domain/users/update-user.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, adminOnly, signedIn } from '../plugins/actor.ts';
import { emailSchema, nameSchema, passwordSchema, serializeUser, userSchema } from '../serializers/user.ts';

export const usersRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const signedInHook = signedIn(deps);
  const adminOnlyHook = adminOnly(deps);

  app.get('/users', {
    schema: {
      tags: ['users'], summary: "The organisation's users, by name", querystring: pageQuerySchema,
      response: { 200: z.object({ items: z.array(userSchema), nextCursor: z.string().nullable() }) },
    },
    preValidation: signedInHook,
  }, async (request) => {
    const page = await listUsers(deps, actorOf(request), request.query);
    return { items: page.items.map(serializeUser), nextCursor: page.nextCursor };
  });

  app.post('/users', {
    schema: {
      tags: ['users'], summary: 'Add a user to the organisation (admin)',
      body: z.object({ name: nameSchema, email: emailSchema, password: passwordSchema, role: z.enum(['admin', 'member']) }),
      response: { 201: z.object({ user: userSchema }) },
    },
    preValidation: adminOnlyHook,
  }, async (request, reply) => {
    const user = await createUser(deps, actorOf(request), request.body);
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
    preValidation: adminOnlyHook,
  }, async (request) => {
    const user = await updateUser(deps, actorOf(request), request.params.id, request.body);
    return { user: serializeUser(user) };
  });
};
