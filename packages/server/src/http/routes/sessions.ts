// Sign in (POST /sessions) and sign out (DELETE /sessions/current).
import { problems, userSchema } from '@tandem/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signIn } from '../../domain/accounts/sign-in.ts';
import { signOut } from '../../domain/accounts/sign-out.ts';
import { PASSWORD_MAX_LENGTH } from '../../domain/accounts/passwords.ts';
import type { AppDeps } from '../deps.ts';
import { attemptLimitsOf, limitAttempts, withRetryAfter } from '../plugins/attempt-limits.ts';
import { CSRF_COOKIE, requireAuth, SESSION_COOKIE, setSessionCookies } from '../plugins/auth.ts';
import { serializeUser } from '../serializers/user.ts';

export const sessionsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const signInDeps = { db: deps.db, signInLock: attemptLimitsOf(deps).signInLock };

  app.post('/sessions', {
    config: { csrfExempt: true },
    schema: {
      operationId: 'signIn',
      tags: ['accounts'], summary: 'Sign in with e-mail and password', security: [],
      description: 'Answers the session token and sets the httpOnly `tandem_session` cookie and the readable `tandem_csrf` cookie; '
        + 'cookie requests that change state must send the CSRF value in the `x-csrf-token` header. Rate limited per client address and '
        + 'per e-mail (429 TANDEM_RATE_LIMITED with `Retry-After`); 10 wrong passwords for one e-mail within 15 minutes pause its '
        + 'sign-in for 15 minutes (429 TANDEM_AUTH_LOCKED with `Retry-After`), unknown e-mails alike (docs/decisions.md D46).',
      body: z.object({ email: z.string().min(1).max(254), password: z.string().min(1).max(PASSWORD_MAX_LENGTH) }),
      response: { 201: z.object({ token: z.string(), user: userSchema, csrfToken: z.string() }), ...problems(400, 401, 429) },
    },
    preHandler: limitAttempts(app, deps, 'signIn', 'email'),
  }, async (request, reply) => {
    const { token, user } = await signIn(signInDeps, { now: deps.clock.now() }, request.body).catch((error: unknown) => {
      throw withRetryAfter(reply, error);
    });
    const csrfToken = setSessionCookies(reply, token, deps.secureCookies ?? false);
    return reply.status(201).send({ token, user: serializeUser(user), csrfToken });
  });

  app.delete('/sessions/current', {
    schema: {
      operationId: 'signOut',
      tags: ['accounts'], summary: 'Sign out: revoke the credential of this request and clear the cookies',
      response: { 204: z.null().describe('Signed out') },
    },
    preValidation: async (request) => { requireAuth(request); },
  }, async (request, reply) => {
    await signOut(deps, { now: deps.clock.now() }, requireAuth(request));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });
};
