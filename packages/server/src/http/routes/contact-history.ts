// A contact's communication history (spec §3, §6.5): read (view), send messages on the owner's behalf (stored
// `queued` and delivered by the job queue, docs/decisions.md D27), log notes and calls (collaborate).
// The three writes honour `Idempotency-Key` (http/idempotency.ts).
import {
  historyBodySchema, historyItemSchema, idParams as contactParams, listQuerySchema, messageChannelSchema, messageSubjectSchema, pageOf, problems,
} from '@tandem/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { logHistoryEntry } from '../../domain/history/log-entry.ts';
import { listHistory } from '../../domain/history/list-history.ts';
import { sendMessage } from '../../domain/history/send-message.ts';
import type { AppDeps } from '../deps.ts';
import { answerOnce, idempotencyHeaders } from '../idempotency.ts';
import { toHistoryDto } from '../serializers/history.ts';
import { actorOf, signedIn } from '../plugins/actor.ts';

export const contactHistoryRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const preValidation = signedIn(deps);
  const tags = ['history'];
  const writeProblems = problems(400, 401, 403, 404, 409);

  app.get('/contacts/:id/history', {
    schema: {
      operationId: 'listHistory',
      tags, summary: 'Messages, notes and calls, newest first (view or more)', params: contactParams,
      querystring: z.object(listQuerySchema), response: { 200: pageOf(historyItemSchema), ...problems(400, 401, 403, 404, 409) },
    },
    preValidation,
  }, async (request) => {
    const page = await listHistory(deps, actorOf(request), request.params.id, request.query.limit, request.query.cursor);
    return { items: page.items.map(toHistoryDto), nextCursor: page.nextCursor };
  });

  app.post('/contacts/:id/messages', {
    schema: {
      operationId: 'sendMessage',
      tags, summary: "Queue a message to the client on the owner's behalf (collaborate or more; audited); 409 when the contact has no address for the channel", params: contactParams,
      description: 'With `templateId` (view on the template): without `body` the template is rendered for this contact and, for e-mail without a `subject`, '
        + 'its subject too; with `body` the body goes as written. Either `body` or `templateId` is required (400).',
      headers: idempotencyHeaders,
      body: z.object({
        body: historyBodySchema.optional().describe('required unless templateId is given'),
        channel: messageChannelSchema.optional().describe('default email'),
        subject: messageSubjectSchema.optional().describe('e-mail only; default the template\'s subject, else "A message from <owner>"'),
        templateId: z.string().max(100).optional().describe('the template the message is written from (recorded on the message)'),
      }).strict().refine((b) => b.body !== undefined || b.templateId !== undefined, { message: 'write a message, or name a template with templateId', path: ['body'] }),
      response: { 201: z.object({ message: historyItemSchema }), ...writeProblems },
    },
    preValidation,
  }, async (request, reply) => {
    const ctx = actorOf(request);
    return answerOnce(deps, ctx, request, reply, 201, async () => ({ message: toHistoryDto(await sendMessage(deps, ctx, request.params.id, request.body)) }));
  });

  app.post('/contacts/:id/notes', {
    schema: {
      operationId: 'addNote',
      tags, summary: 'Log a note (collaborate or more)', params: contactParams, headers: idempotencyHeaders,
      body: z.object({ body: historyBodySchema }).strict(),
      response: { 201: z.object({ note: historyItemSchema }), ...writeProblems },
    },
    preValidation,
  }, async (request, reply) => {
    const ctx = actorOf(request);
    return answerOnce(deps, ctx, request, reply, 201, async () => ({ note: toHistoryDto(await logHistoryEntry(deps, ctx, request.params.id, 'note', request.body.body)) }));
  });

  app.post('/contacts/:id/calls', {
    schema: {
      operationId: 'logCall',
      tags, summary: 'Log a call (collaborate or more)', params: contactParams, headers: idempotencyHeaders,
      body: z.object({ body: historyBodySchema }).strict(),
      response: { 201: z.object({ call: historyItemSchema }), ...writeProblems },
    },
    preValidation,
  }, async (request, reply) => {
    const ctx = actorOf(request);
    return answerOnce(deps, ctx, request, reply, 201, async () => ({ call: toHistoryDto(await logHistoryEntry(deps, ctx, request.params.id, 'call', request.body.body)) }));
  });
};
