// The signed-in user's own account: read it (GET /me), change name and e-mail (PATCH /me), change the password
// (PUT /me/password).
import { emailSchema, nameSchema, orgSchema, passwordSchema, problems, userSchema } from '@tandem/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changePassword } from '../../domain/accounts/change-password.ts';
import { loadMe } from '../../domain/accounts/load-me.ts';
import { PASSWORD_MAX_LENGTH } from '../../domain/accounts/passwords.ts';
import { updateProfile } from '../../domain/accounts/update-profile.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, signedIn } from '../plugins/actor.ts';
import { requireAuth, setSessionCookies } from '../plugins/auth.ts';
import { serializeOrg } from '../serializers/org.ts';
import { serializeUser } from '../serializers/user.ts';

/** A password the caller types to prove it is them: any length the server accepts. */
const currentPasswordSchema = z.string().min(1).max(PASSWORD_MAX_LENGTH);

export const meRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const preValidation = signedIn(deps);
  const tags = ['accounts'];

  app.get('/me', {
    schema: {
      operationId: 'me',
      tags, summary: 'The signed-in user and their organisation (billing details for admins only)',
      response: { 200: z.object({ user: userSchema, org: orgSchema }) },
    },
    preValidation,
  }, async (request) => {
    const ctx = actorOf(request);
    const { user, org } = await loadMe(deps, ctx);
    return { user: serializeUser(user), org: serializeOrg(org, { withBilling: ctx.actor.role === 'admin' }) };
  });

  app.patch('/me', {
    schema: {
      operationId: 'updateMe',
      tags, summary: 'Change your own name or e-mail',
      description: 'A new e-mail needs `currentPassword` (403 TANDEM_ACCOUNT_WRONG_PASSWORD when wrong) and must not be any user\'s '
        + '(409 TANDEM_USER_EMAIL_TAKEN); it revokes the password-reset links sent to the old one. Audited as `user.profile.change`.',
      body: z.object({ name: nameSchema.optional(), email: emailSchema.optional(), currentPassword: currentPasswordSchema.optional() }).strict()
        .refine((b) => b.name !== undefined || b.email !== undefined, { message: 'give at least one of name, email' }),
      response: { 200: z.object({ user: userSchema }), ...problems(400, 401, 403, 409) },
    },
    preValidation,
  }, async (request) => ({ user: serializeUser(await updateProfile(deps, actorOf(request), request.body)) }));

  app.put('/me/password', {
    schema: {
      operationId: 'changePassword',
      tags, summary: 'Change your own password (the current one required)',
      description: 'Revokes every other sign-in session of yours and rotates this one (D46): when the request came with a sign-in '
        + 'session, that session is replaced by a new one, answered as `token` and set as the session cookies, as at sign-in); '
        + 'the old token stops working. With an API token nothing is rotated (`token` and `csrfToken` are null) and API '
        + 'tokens stay. A wrong current password answers 403 TANDEM_ACCOUNT_WRONG_PASSWORD. Audited as `user.password.change`.',
      body: z.object({ currentPassword: currentPasswordSchema, newPassword: passwordSchema }).strict(),
      response: { 200: z.object({ token: z.string().nullable(), csrfToken: z.string().nullable() }), ...problems(400, 401, 403) },
    },
    preValidation,
  }, async (request, reply) => {
    const auth = requireAuth(request);
    const { token } = await changePassword(deps, actorOf(request), request.body, auth.kind === 'session' ? auth.sessionId : null);
    if (token === null) return reply.status(200).send({ token: null, csrfToken: null });
    const csrfToken = setSessionCookies(reply, token, deps.secureCookies ?? false);
    return reply.status(200).send({ token, csrfToken });
  });
};
