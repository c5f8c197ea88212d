// /templates (spec §6.6, api.md "Pipelines, templates and programs"): message templates, private to their owner
// until shared (view: use it, edit: change it); the owner or an admin deletes. Their shares are hand-shared-shares.ts;
// the composer writes from one through POST /contacts/:id/messages `templateId` (contact-history.ts).
import {
  idParams, listQuerySchema, newTemplateSchema, pageOf, problems, templatePatchSchema, templatePreviewRequestSchema,
  templatePreviewSchema, templateSchema,
} from '@tandem/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createTemplate } from '../../domain/templates/create-template.ts';
import { deleteTemplateAs } from '../../domain/templates/delete-template.ts';
import { listTemplates } from '../../domain/templates/list-templates.ts';
import { previewTemplate } from '../../domain/templates/preview-template.ts';
import { loadTemplateOrThrow, namedTemplate } from '../../domain/templates/template-guard.ts';
import { updateTemplateAs } from '../../domain/templates/update-template.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, signedIn } from '../plugins/actor.ts';
import { toTemplateDto } from '../serializers/template.ts';

const templateAnswer = z.object({ template: templateSchema });

export const templatesRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const preValidation = signedIn(deps);
  const tags = ['templates'];

  app.get('/templates', {
    schema: {
      operationId: 'listTemplates', tags, summary: 'Templates the caller owns or has a share of (admins: all), by name',
      querystring: z.object(listQuerySchema), response: { 200: pageOf(templateSchema), ...problems(400, 401) },
    },
    preValidation,
  }, async (request) => {
    const page = await listTemplates(deps, actorOf(request), request.query.limit, request.query.cursor);
    return { items: page.items.map(toTemplateDto), nextCursor: page.nextCursor };
  });

  app.post('/templates', {
    schema: {
      operationId: 'createTemplate', tags, summary: 'Create a template owned by the caller, private until shared',
      description: 'The subject and body may use only the merge fields; anything else in `{{...}}` answers 400 TANDEM_TEMPLATE_INVALID.',
      body: newTemplateSchema, response: { 201: templateAnswer, ...problems(400, 401) },
    },
    preValidation,
  }, async (request, reply) => reply.status(201).send({ template: toTemplateDto(await createTemplate(deps, actorOf(request), request.body)) }));

  app.get('/templates/:id', {
    schema: { operationId: 'getTemplate', tags, summary: 'One template (view on it)', params: idParams, response: { 200: templateAnswer, ...problems(401, 404) } },
    preValidation,
  }, async (request) => {
    const ctx = actorOf(request);
    return { template: toTemplateDto(await namedTemplate(db, ctx.actor.orgId, await loadTemplateOrThrow(db, ctx, request.params.id, 'view'))) };
  });

  app.patch('/templates/:id', {
    schema: {
      operationId: 'updateTemplate', tags, summary: "Change a template's name, subject or body (edit on it: the owner or an edit share)",
      params: idParams, body: templatePatchSchema, response: { 200: templateAnswer, ...problems(400, 401, 403, 404) },
    },
    preValidation,
  }, async (request) => ({ template: toTemplateDto(await updateTemplateAs(deps, actorOf(request), request.params.id, request.body)) }));

  app.delete('/templates/:id', {
    schema: {
      operationId: 'deleteTemplate', tags, summary: 'Delete a template (owner or admin); 409 while a program step sends it',
      params: idParams, response: { 204: z.null().describe('Deleted'), ...problems(401, 403, 404, 409) },
    },
    preValidation,
  }, async (request, reply) => {
    await deleteTemplateAs(deps, actorOf(request), request.params.id);
    return reply.status(204).send(null);
  });

  app.post('/templates/:id/preview', {
    schema: {
      operationId: 'previewTemplate', tags,
      summary: 'The template rendered for a contact the caller may message (view on the template, collaborate on the contact)',
      params: idParams, body: templatePreviewRequestSchema, response: { 200: templatePreviewSchema, ...problems(400, 401, 403, 404, 409) },
    },
    preValidation,
  }, async (request) => previewTemplate(deps, actorOf(request), request.params.id, request.body.contactId));
};
