// Record shares of a contact (spec §6.1): list, share, change, revoke.
import { idParams as contactParams, newShareSchema, problems, sharePatchSchema, shareSchema } from '@tandem/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createShare } from '../../domain/shares/create-share.ts';
import { listShares } from '../../domain/shares/list-shares.ts';
import { revokeShare } from '../../domain/shares/revoke-share.ts';
import { updateShare } from '../../domain/shares/update-share.ts';
import type { AppDeps } from '../deps.ts';
import { toShareDto } from '../serializers/share.ts';
import { actorOf, signedIn } from '../plugins/actor.ts';

const shareParams = contactParams.extend({ shareId: z.string().max(100) });
const shareAnswer = z.object({ share: shareSchema });

export const contactSharesRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const preValidation = signedIn(deps);
  const tags = ['shares'];

  app.get('/contacts/:id/shares', {
    schema: {
      operationId: 'listShares',
      tags, summary: "A contact's record shares, active or not (edit or more, or admin)", params: contactParams,
      response: { 200: z.object({ items: z.array(shareSchema), nextCursor: z.null() }), ...problems(401, 403, 404, 409) },
    },
    preValidation,
  }, async (request) => {
    const ctx = actorOf(request);
    const shares = await listShares(deps, ctx, request.params.id);
    return { items: shares.map((s) => toShareDto(s, ctx.now)), nextCursor: null };
  });

  app.post('/contacts/:id/shares', {
    schema: {
      operationId: 'createShare',
      tags, summary: 'Share a contact with a user or team, never above your own level', params: contactParams, body: newShareSchema,
      response: { 201: shareAnswer, ...problems(400, 401, 403, 404, 409) },
    },
    preValidation,
  }, async (request, reply) => {
    const ctx = actorOf(request);
    const share = await createShare(deps, ctx, request.params.id, request.body);
    return reply.status(201).send({ share: toShareDto(share, ctx.now) });
  });

  app.patch('/contacts/:id/shares/:shareId', {
    schema: {
      operationId: 'updateShare',
      tags, summary: "Change a share's level or window (same rule as sharing)", params: shareParams, body: sharePatchSchema,
      response: { 200: shareAnswer, ...problems(400, 401, 403, 404, 409) },
    },
    preValidation,
  }, async (request) => {
    const ctx = actorOf(request);
    const share = await updateShare(deps, ctx, request.params.id, request.params.shareId, request.body);
    return { share: toShareDto(share, ctx.now) };
  });

  app.delete('/contacts/:id/shares/:shareId', {
    schema: { operationId: 'deleteShare', tags, summary: 'Revoke a share', params: shareParams, response: { 204: z.null().describe('Revoked'), ...problems(401, 403, 404, 409) } },
    preValidation,
  }, async (request, reply) => {
    await revokeShare(deps, actorOf(request), request.params.id, request.params.shareId);
    return reply.status(204).send(null);
  });
};
