// The shares of templates, pipelines and programs (spec §6.6, api.md): one set of four routes per resource, the
// same use cases (domain/hand-shared/share-hand-shared.ts), as bucket shares with levels `view` or `edit`.
import {
  handSharedShareSchema, handSharedSharePatchSchema, newHandSharedShareSchema, problems,
} from '@tandem/api';
import type { HandShared } from '@tandem/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createShare, listShares, revokeShare, updateShare } from '../../domain/hand-shared/share-hand-shared.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, signedIn } from '../plugins/actor.ts';
import { toHandSharedShareDto } from '../serializers/hand-shared.ts';

const PATHS: Record<HandShared, { path: string; noun: string; Noun: string }> = {
  template: { path: 'templates', noun: 'template', Noun: 'Template' },
  pipeline: { path: 'pipelines', noun: 'pipeline', Noun: 'Pipeline' },
  program: { path: 'programs', noun: 'program', Noun: 'Program' },
};

const params = z.object({ id: z.string().max(100) });
const shareParams = params.extend({ shareId: z.string().max(100) });

export const handSharedSharesRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const preValidation = signedIn(deps);
  for (const resource of Object.keys(PATHS) as HandShared[]) {
    const { path, noun, Noun } = PATHS[resource];
    const tags = [path];

    app.get(`/${path}/:id/shares`, {
      schema: { operationId: `list${Noun}Shares`, tags, summary: `A ${noun}'s shares (owner or admin)`, params, response: { 200: z.object({ items: z.array(handSharedShareSchema), nextCursor: z.null() }), ...problems(401, 403, 404) } },
      preValidation,
    }, async (request) => {
      const ctx = actorOf(request);
      const shares = await listShares(deps, ctx, resource, request.params.id);
      return { items: shares.map((s) => toHandSharedShareDto(s, ctx.now)), nextCursor: null };
    });

    app.post(`/${path}/:id/shares`, {
      schema: {
        operationId: `create${Noun}Share`, tags, summary: `Share a ${noun} with a user or team at view (use it) or edit (change it); owner or admin`,
        params, body: newHandSharedShareSchema, response: { 201: z.object({ share: handSharedShareSchema }), ...problems(400, 401, 403, 404) },
      },
      preValidation,
    }, async (request, reply) => {
      const ctx = actorOf(request);
      const share = await createShare(deps, ctx, resource, request.params.id, request.body);
      return reply.status(201).send({ share: toHandSharedShareDto(share, ctx.now) });
    });

    app.patch(`/${path}/:id/shares/:shareId`, {
      schema: {
        operationId: `update${Noun}Share`, tags, summary: `Change a ${noun} share's level or window (owner or admin)`,
        description: 'Any of `level`, `startsAt`, `expiresAt`; null opens a bound. A change that changes nothing is not logged.',
        params: shareParams, body: handSharedSharePatchSchema, response: { 200: z.object({ share: handSharedShareSchema }), ...problems(400, 401, 403, 404) },
      },
      preValidation,
    }, async (request) => {
      const ctx = actorOf(request);
      return { share: toHandSharedShareDto(await updateShare(deps, ctx, resource, request.params.id, request.params.shareId, request.body), ctx.now) };
    });

    app.delete(`/${path}/:id/shares/:shareId`, {
      schema: { operationId: `delete${Noun}Share`, tags, summary: `Revoke a ${noun} share (owner or admin)`, params: shareParams, response: { 204: z.null().describe('Revoked'), ...problems(401, 403, 404) } },
      preValidation,
    }, async (request, reply) => {
      await revokeShare(deps, actorOf(request), resource, request.params.id, request.params.shareId);
      return reply.status(204).send(null);
    });
  }
};
