// GET /api/v1/me: the signed-in user and their org.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadMe } from '../../domain/accounts/load-me.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, signedIn } from '../plugins/actor.ts';
import { orgSchema, serializeOrg } from '../serializers/org.ts';
import { serializeUser, userSchema } from '../serializers/user.ts';

export const meRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get('/me', {
    schema: {
      tags: ['accounts'], summary: 'The signed-in user and their organisation (billing details for admins only)',
      response: { 200: z.object({ user: userSchema, org: orgSchema }) },
    },
    preValidation: signedIn(deps),
  }, async (request) => {
    const ctx = actorOf(request);
    const { user, org } = await loadMe(deps, ctx);
    return { user: serializeUser(user), org: serializeOrg(org, { withBilling: ctx.actor.role === 'admin' }) };
  });
};
