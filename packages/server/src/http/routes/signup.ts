// POST /api/v1/signup: a new org and its first admin, signed in at once (token in the body, and the same session
// in cookies so the web app can go straight in).
import { emailSchema, nameSchema, orgSchema, passwordSchema, problems, userSchema } from '@tandem/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signUp } from '../../domain/accounts/sign-up.ts';
import type { AppDeps } from '../deps.ts';
import { limitAttempts } from '../plugins/attempt-limits.ts';
import { setSessionCookies } from '../plugins/auth.ts';
import { serializeOrg } from '../serializers/org.ts';
import { serializeUser } from '../serializers/user.ts';

export const signupRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.post('/signup', {
    config: { csrfExempt: true },
    schema: {
      operationId: 'signup',
      tags: ['accounts'], summary: 'Create an organisation and its first admin', security: [],
      description: 'Rate limited per client address and per e-mail (429 TANDEM_RATE_LIMITED with `Retry-After`; docs/decisions.md D46).',
      body: z.object({ orgName: nameSchema, name: nameSchema, email: emailSchema, password: passwordSchema }),
      response: { 201: z.object({ org: orgSchema, user: userSchema, token: z.string(), csrfToken: z.string() }), ...problems(429) },
    },
    preHandler: limitAttempts(app, deps, 'signUp', 'email'),
  }, async (request, reply) => {
    const { org, user, token } = await signUp(deps, { now: deps.clock.now() }, request.body);
    const csrfToken = setSessionCookies(reply, token, deps.secureCookies ?? false);
    return reply.status(201).send({ org: serializeOrg(org, { withBilling: true }), user: serializeUser(user), token, csrfToken });
  });
};
