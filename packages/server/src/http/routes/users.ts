// Users: list (any signed-in member), create and change (admins), and an admin's password reset for a user.
import { deliverySchema, emailSchema, listedUserSchema, nameSchema, pageQuerySchema, passwordSchema, problems, smsLineSchema, userSchema } from '@tandem/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { EXPORT_CHANNELS } from '@tandem/core';
import { z } from 'zod';
import { createUser } from '../../domain/users/create-user.ts';
import { sendPasswordReset } from '../../domain/users/send-password-reset.ts';
import { setUserPassword } from '../../domain/users/set-user-password.ts';
import { toIso } from '../../domain/shared/time.ts';
import { listUsers } from '../../domain/users/list-users.ts';
import { signInLocksOf, unlockUser } from '../../domain/users/sign-in-locks.ts';
import { updateUser } from '../../domain/users/update-user.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, adminOnly, signedIn } from '../plugins/actor.ts';
import { serializeUser, serializeUserFor } from '../serializers/user.ts';

export const usersRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const signedInHook = signedIn(deps);
  const adminOnlyHook = adminOnly(deps);

  app.get('/users', {
    schema: {
      operationId: 'listUsers',
      tags: ['users'], summary: "The organisation's users, by name", querystring: pageQuerySchema,
      description: 'Admins also get `lockedUntil` on each user: when sign-in resumes for a user locked out after too many wrong '
        + 'passwords (null: not locked; D46).',
      response: { 200: z.object({ items: z.array(listedUserSchema), nextCursor: z.string().nullable() }) },
    },
    preValidation: signedInHook,
  }, async (request) => {
    const ctx = actorOf(request);
    const page = await listUsers(deps, ctx, request.query);
    const locks = await signInLocksOf(deps, ctx, page.items);
    const withLock = (row: (typeof page.items)[number]) => {
      const dto = serializeUserFor(ctx.actor, row);
      if (ctx.actor.role !== 'admin') return dto;
      const until = locks.get(row.id);
      return { ...dto, lockedUntil: until === undefined ? null : toIso(new Date(until)) as string };
    };
    return { items: page.items.map(withLock), nextCursor: page.nextCursor };
  });

  app.post('/users/:id/unlock', {
    schema: {
      operationId: 'unlockUser',
      tags: ['users'], summary: "Lift a user's sign-in lock before it ends (admin)",
      description: 'Sign-in for the user\'s e-mail works again at once: the count of wrong passwords and of sign-in attempts for it '
        + 'starts from zero (D46). Answers the user, also when they were not locked. Audited as `user.unlock` with the lock\'s end '
        + 'before. A user of another organisation, or none, answers 404.',
      params: z.object({ id: z.string().max(100) }),
      response: { 200: z.object({ user: listedUserSchema }), ...problems(401, 403, 404) },
    },
    preValidation: adminOnlyHook,
  }, async (request) => {
    const ctx = actorOf(request);
    const user = await unlockUser(deps, ctx, request.params.id);
    return { user: { ...serializeUserFor(ctx.actor, user), lockedUntil: null } };
  });

  app.post('/users', {
    schema: {
      operationId: 'createUser',
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
      operationId: 'updateUser',
      tags: ['users'], summary: "Change a user's role, status, export channels or SMS line (admin)",
      description: 'The organisation always keeps one active admin (409 TANDEM_ORG_LAST_ADMIN). Deactivation revokes the '
        + "user's sessions and API tokens at once. `smsLine` is stored in E.164 and is one user's in the organisation (compared "
        + 'by its digits; 409 TANDEM_USER_SMS_LINE_TAKEN): inbound SMS replies find their owner by it.',
      params: z.object({ id: z.string() }),
      body: z.object({
        role: z.enum(['admin', 'member']).optional(),
        status: z.enum(['active', 'deactivated']).optional(),
        exportChannels: z.array(z.enum(EXPORT_CHANNELS)).max(EXPORT_CHANNELS.length * 2).optional(),
        smsLine: smsLineSchema.optional(),
      }).strict().refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'give at least one of role, status, exportChannels, smsLine' }),
      response: { 200: z.object({ user: userSchema }), ...problems(400, 401, 403, 404, 409) },
    },
    preValidation: adminOnlyHook,
  }, async (request) => {
    const ctx = actorOf(request);
    const user = await updateUser(deps, ctx, request.params.id, request.body);
    return { user: serializeUserFor(ctx.actor, user) };
  });

  app.put('/users/:id/password', {
    schema: {
      operationId: 'setUserPassword',
      tags: ['users'], summary: "Set a user's password (admin)",
      description: 'For another user of the organisation (your own: PUT /me/password, 403 here). Revokes every sign-in session of the '
        + 'user and their open reset links; API tokens stay. Tell them the new password. Audited as `user.password.set`.',
      params: z.object({ id: z.string().max(100) }),
      body: z.object({ password: passwordSchema }).strict(),
      response: { 204: z.null().describe('Set'), ...problems(400, 401, 403, 404) },
    },
    preValidation: adminOnlyHook,
  }, async (request, reply) => {
    await setUserPassword(deps, actorOf(request), request.params.id, request.body.password);
    return reply.status(204).send(null);
  });

  app.post('/users/:id/password-reset', {
    schema: {
      operationId: 'sendPasswordResetLink',
      tags: ['users'], summary: 'E-mail a user a one-time link to set a new password (admin)',
      description: 'The link works once, for 24 hours; earlier links stop working. The user keeps their password and sessions until '
        + 'they use it. A deactivated user answers 409 TANDEM_USER_INACTIVE. `delivery: failed`: send again. Audited as '
        + '`user.password.resetLink.send`.',
      params: z.object({ id: z.string().max(100) }),
      response: { 202: z.object({ delivery: deliverySchema, expiresAt: z.string() }), ...problems(401, 403, 404, 409) },
    },
    preValidation: adminOnlyHook,
  }, async (request, reply) => {
    const sent = await sendPasswordReset(deps, actorOf(request), request.params.id);
    if (sent.failure !== undefined) request.log.error({ err: sent.failure }, 'password reset e-mail could not be sent');
    return reply.status(202).send({ delivery: sent.delivery, expiresAt: toIso(sent.expiresAt) as string });
  });
};
