// "Forgot password" (POST /password-resets) and using the e-mailed link (POST /password-resets/complete). Both are
// public: no credential, no CSRF header (like sign-in).
import { linkTokenSchema, passwordSchema, problems, userSchema } from '@tandem/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestPasswordReset } from '../../domain/accounts/request-password-reset.ts';
import { resetPassword } from '../../domain/accounts/reset-password.ts';
import type { AppDeps } from '../deps.ts';
import { limitAttempts } from '../plugins/attempt-limits.ts';
import { setSessionCookies } from '../plugins/auth.ts';
import { serializeUser } from '../serializers/user.ts';

export const passwordResetsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const tags = ['accounts'];

  app.post('/password-resets', {
    config: { csrfExempt: true },
    schema: {
      operationId: 'requestPasswordReset',
      tags, summary: 'Forgot password: e-mail a one-time link to set a new one', security: [],
      description: 'Answers 202 the same whether or not the e-mail belongs to an active user; when it does, a link that works once '
        + 'for 1 hour is e-mailed (at most one per user per minute; earlier links stop working). `delivery` is how this server '
        + 'sends mail (`sent`, or `logged` in demo mode without SMTP), not whether a mail went out. Rate limited per client '
        + 'address and per e-mail, known or not (429 TANDEM_RATE_LIMITED with `Retry-After`; docs/decisions.md D46).',
      body: z.object({ email: z.string().trim().min(1).max(254) }).strict(),
      response: { 202: z.object({ delivery: z.enum(['sent', 'logged']) }), ...problems(400, 429) },
    },
    preHandler: limitAttempts(app, deps, 'passwordResetRequest', 'email'),
  }, async (request, reply) => {
    const answer = await requestPasswordReset(deps, { now: deps.clock.now() }, request.body);
    // The mail goes out after the answer, so its time tells nothing either; a failure is only logged.
    void answer.sending?.then((sent) => {
      if (sent.failure !== undefined) request.log.error({ err: sent.failure }, 'password reset e-mail could not be sent');
    });
    return reply.status(202).send({ delivery: answer.delivery });
  });

  app.post('/password-resets/complete', {
    config: { csrfExempt: true },
    schema: {
      operationId: 'completePasswordReset',
      tags, summary: 'Set a new password with a reset link, and sign in', security: [],
      description: 'A link works once, until it expires, while it is the newest of its user and the user is active; any other link '
        + 'answers 404 TANDEM_PASSWORD_RESET_NOT_FOUND. Revokes every sign-in session of the user (API tokens stay); answers a new '
        + 'session and sets the session cookies, as sign-in does. Audited as `user.password.reset`. Rate limited per client address '
        + 'and per link (429 TANDEM_RATE_LIMITED with `Retry-After`; D46).',
      body: z.object({ token: linkTokenSchema, password: passwordSchema }).strict(),
      response: { 200: z.object({ token: z.string(), user: userSchema, csrfToken: z.string() }), ...problems(400, 404, 429) },
    },
    preHandler: limitAttempts(app, deps, 'passwordResetComplete', 'token'),
  }, async (request, reply) => {
    const { token, user } = await resetPassword(deps, { now: deps.clock.now() }, request.body);
    const csrfToken = setSessionCookies(reply, token, deps.secureCookies ?? false);
    return reply.status(200).send({ token, user: serializeUser(user), csrfToken });
  });
};
