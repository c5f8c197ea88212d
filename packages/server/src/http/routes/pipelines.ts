// /pipelines and /pipeline-cards (spec §6.6, api.md "Pipelines, templates and programs", D33): pipelines shared by
// hand (their shares are hand-shared-shares.ts), the board, and cards, each decided on its contact.
import {
  boardQuerySchema, boardSchema, listQuerySchema, newPipelineCardSchema, newPipelineSchema, pageOf, pipelineCardPatchSchema,
  pipelineCardSchema, pipelinePatchSchema, pipelineSchema, problems,
} from '@tandem/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createCard } from '../../domain/pipelines/create-card.ts';
import { createPipeline } from '../../domain/pipelines/create-pipeline.ts';
import { deleteCard } from '../../domain/pipelines/delete-card.ts';
import { deletePipeline } from '../../domain/pipelines/delete-pipeline.ts';
import { getBoard } from '../../domain/pipelines/get-board.ts';
import { listPipelines } from '../../domain/pipelines/list-pipelines.ts';
import { loadPipelineOrThrow, pipelineViewOf } from '../../domain/pipelines/pipeline-view.ts';
import { updateCard } from '../../domain/pipelines/update-card.ts';
import { updatePipeline } from '../../domain/pipelines/update-pipeline.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, signedIn } from '../plugins/actor.ts';
import { toBoardDto, toCardDto, toPipelineDto } from '../serializers/pipeline.ts';

const params = z.object({ id: z.string().max(100) });
const pipelineAnswer = z.object({ pipeline: pipelineSchema });
const cardAnswer = z.object({ card: pipelineCardSchema });

export const pipelinesRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const preValidation = signedIn(deps);
  const tags = ['pipelines'];

  app.get('/pipelines', {
    schema: { operationId: 'listPipelines', tags, summary: 'Pipelines the caller owns or has a share of (admins: all)', querystring: z.object(listQuerySchema), response: { 200: pageOf(pipelineSchema), ...problems(400, 401) } },
    preValidation,
  }, async (request) => {
    const page = await listPipelines(deps, actorOf(request), request.query.limit, request.query.cursor);
    return { items: page.items.map(toPipelineDto), nextCursor: page.nextCursor };
  });

  app.post('/pipelines', {
    schema: { operationId: 'createPipeline', tags, summary: 'Create a pipeline owned by the caller, with its stages in order', body: newPipelineSchema, response: { 201: pipelineAnswer, ...problems(400, 401) } },
    preValidation,
  }, async (request, reply) => reply.status(201).send({ pipeline: toPipelineDto(await createPipeline(deps, actorOf(request), request.body)) }));

  app.get('/pipelines/:id', {
    schema: { operationId: 'getPipeline', tags, summary: 'One pipeline with its stages (view on it)', params, response: { 200: pipelineAnswer, ...problems(401, 404) } },
    preValidation,
  }, async (request) => {
    const ctx = actorOf(request);
    return { pipeline: toPipelineDto(await pipelineViewOf(deps.db, ctx, await loadPipelineOrThrow(deps.db, ctx, request.params.id, 'view'))) };
  });

  app.patch('/pipelines/:id', {
    schema: {
      operationId: 'updatePipeline', tags, summary: 'Rename a pipeline or replace its stage list (edit on it)',
      description: '`stages` replaces the list: listed ids are kept (renamed, moved), entries without an id are new stages, stages left out are removed; removing a stage that holds any card answers 409 TANDEM_PIPELINE_STAGE_NOT_EMPTY.',
      params, body: pipelinePatchSchema, response: { 200: pipelineAnswer, ...problems(400, 401, 403, 404, 409) },
    },
    preValidation,
  }, async (request) => ({ pipeline: toPipelineDto(await updatePipeline(deps, actorOf(request), request.params.id, request.body)) }));

  app.delete('/pipelines/:id', {
    schema: { operationId: 'deletePipeline', tags, summary: 'Delete a pipeline with its stages, cards and shares (owner or admin)', params, response: { 204: z.null().describe('Deleted'), ...problems(401, 403, 404) } },
    preValidation,
  }, async (request, reply) => {
    await deletePipeline(deps, actorOf(request), request.params.id);
    return reply.status(204).send(null);
  });

  app.get('/pipelines/:id/board', {
    schema: {
      operationId: 'getBoard', tags, summary: 'The board: per stage the cards whose contact the caller sees, and a count of the others (view on the pipeline)',
      description: 'Cards of contacts the caller sees at `profile` or more and that are not in the trash, up to `limit` per stage; `visibleCount` and `totalValue` cover every visible card; `hiddenCount` counts the others, with nothing else about them.',
      params, querystring: boardQuerySchema, response: { 200: boardSchema, ...problems(400, 401, 404) },
    },
    preValidation,
  }, async (request) => toBoardDto(await getBoard(deps, actorOf(request), request.params.id, request.query.limit)));

  app.post('/pipelines/:id/cards', {
    schema: {
      operationId: 'createCard', tags, summary: 'Put a contact on a stage (view on the pipeline, edit on the contact)',
      params, body: newPipelineCardSchema, response: { 201: cardAnswer, ...problems(400, 401, 403, 404, 409) },
    },
    preValidation,
  }, async (request, reply) => reply.status(201).send({ card: toCardDto(await createCard(deps, actorOf(request), request.params.id, request.body)) }));

  app.patch('/pipeline-cards/:id', {
    schema: {
      operationId: 'updateCard', tags, summary: 'Move a card (collaborate on its contact) or change it (edit on its contact)',
      description: 'A patch of `stageId` and/or `position` alone is a move and needs collaborate on the card\'s contact; any other field needs edit. A card answers 404 exactly as its contact (or its pipeline) does when the caller cannot see it.',
      params, body: pipelineCardPatchSchema, response: { 200: cardAnswer, ...problems(400, 401, 403, 404, 409) },
    },
    preValidation,
  }, async (request) => ({ card: toCardDto(await updateCard(deps, actorOf(request), request.params.id, request.body)) }));

  app.delete('/pipeline-cards/:id', {
    schema: { operationId: 'deleteCard', tags, summary: 'Delete a card (edit on its contact)', params, response: { 204: z.null().describe('Deleted'), ...problems(401, 403, 404, 409) } },
    preValidation,
  }, async (request, reply) => {
    await deleteCard(deps, actorOf(request), request.params.id);
    return reply.status(204).send(null);
  });
};
