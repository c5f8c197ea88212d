// Inbound replies (spec §6.5, api.md "Messages"; docs/decisions.md D28):
//   POST /inbound/:orgId/:channel  public, signed with the org's inbound secret over the raw body
//   GET  /inbound/unmatched        admins: replies that matched no contact (404 for anyone else)
// The webhook keeps the body's raw bytes (its own JSON parser, in this plugin's encapsulated context only), lets the
// schema and the text guard refuse a malformed request (400: that says nothing about the org), then checks the
// signature over the raw bytes (401) and hands the validated reply to the domain.
import {
  INBOUND_BODY_LIMIT, INBOUND_SIGNATURE_HEADER, inboundOutcomeSchema, inboundReplySchema, listQuerySchema, messageChannelSchema, problems,
  unmatchedReplyPageSchema,
} from '@tandem/api';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { InboundDeps } from '../../domain/inbound/inbound-deps.ts';
import { listUnmatchedReplies } from '../../domain/inbound/list-unmatched.ts';
import { receiveSignedReply, verifyDelivery } from '../../domain/inbound/receive-signed-reply.ts';
import { ownerIdFromReplyAddress } from '../../mail/reply-address.ts';
import { AppError } from '../../errors.ts';
import type { AppDeps } from '../deps.ts';
import { answerError } from '../error-answers.ts';
import { actorOf, signedIn } from '../plugins/actor.ts';
import { toUnmatchedDto } from '../serializers/inbound.ts';

const tags = ['history'];

/** The domain's inbound ports from the app's: reply addresses are read at the configured inbound domain. */
export function inboundDepsOf(deps: Pick<AppDeps, 'db' | 'inboundDomain'>): InboundDeps {
  return { db: deps.db, replyOwnerOf: (address) => ownerIdFromReplyAddress(address, deps.inboundDomain) };
}

const SIGNATURE_DOC = 'Signed with the org\'s inbound secret (GET /org/settings, `inboundSecret`, admins): header '
  + '`Tandem-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`, the key being the secret\'s text '
  + '(UTF-8) and the message the timestamp, a full stop and the request body byte for byte. A timestamp more than 5 minutes '
  + 'from the server\'s clock, a wrong or missing signature and an unknown org all answer the same 401 '
  + 'TANDEM_INBOUND_SIGNATURE_INVALID. The same signed delivery twice answers 409 TANDEM_INBOUND_REPLAYED and adds nothing; a '
  + 'retry signs again, and the same `messageId` twice appends once (answer `duplicate`). The reply is appended to the history '
  + 'of the owner\'s contact with the client\'s address (e-mail: `to` is a reply address or an owner\'s e-mail; SMS: `to` is an '
  + 'owner\'s SMS line), or kept for admins (`unmatched`). Body: application/json, at most 256 KB.';

/** Each request's body as its bytes arrived, from the parser to the handler. */
const rawBodies = new WeakMap<FastifyRequest, Buffer>();

const webhook: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const inbound = inboundDepsOf(deps);
  // The app's answer names its own 1 MiB limit; this route's is smaller.
  app.setErrorHandler((error: Error, request, reply) => answerError(
    (error as { code?: unknown }).code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? new AppError('TANDEM_REQUEST_BODY_TOO_LARGE', 'The request body is larger than 256 KB.') : error,
    request, reply,
  ));
  // This context only: the JSON body is parsed here, and its bytes are kept for the signature.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: INBOUND_BODY_LIMIT }, (request, body, done) => {
    const raw = body as Buffer;
    rawBodies.set(request, raw);
    try {
      done(null, JSON.parse(raw.toString('utf8')));
    } catch {
      done(Object.assign(new Error('The body is not JSON'), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' }), undefined);
    }
  });

  app.post('/inbound/:orgId/:channel', {
    bodyLimit: INBOUND_BODY_LIMIT,
    // No session: the signature is the credential. A cookie a relay happens to send is no reason for a CSRF refusal.
    config: { csrfExempt: true },
    schema: {
      operationId: 'receiveInboundReply',
      tags, summary: 'Receive a client\'s reply (signed webhook)', description: SIGNATURE_DOC, security: [],
      params: z.object({ orgId: z.string().max(100), channel: messageChannelSchema }),
      headers: z.looseObject({
        [INBOUND_SIGNATURE_HEADER]: z.string().max(2000).optional().describe('t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>'),
      }),
      body: inboundReplySchema,
      response: { 200: inboundOutcomeSchema, ...problems(400, 401, 409) },
    },
  }, async (request) => {
    const moment = { now: deps.clock.now() };
    const { orgId, channel } = request.params;
    const signature = request.headers[INBOUND_SIGNATURE_HEADER];
    const digest = await verifyDelivery(inbound, moment, {
      orgId, signature: typeof signature === 'string' ? signature : undefined, rawBody: rawBodies.get(request) ?? Buffer.alloc(0),
    });
    return { outcome: await receiveSignedReply(inbound, moment, orgId, digest, { ...request.body, channel }) };
  });
};

export const inboundRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  await app.register(webhook, { deps });

  app.get('/inbound/unmatched', {
    schema: {
      operationId: 'listUnmatchedReplies',
      tags, summary: 'Replies that matched no contact, newest first (admins; 404 for members)',
      querystring: z.object(listQuerySchema), response: { 200: unmatchedReplyPageSchema, ...problems(400, 401, 404) },
    },
    preValidation: signedIn(deps),
  }, async (request) => {
    const page = await listUnmatchedReplies(deps, actorOf(request), request.query.limit, request.query.cursor);
    return { items: page.items.map(toUnmatchedDto), nextCursor: page.nextCursor };
  });
};
