// Request ids (issue 14 item 5, docs/decisions.md D43): the caller's `X-Request-Id` when it is a sane token (1-128
// characters from a safe set: letters, digits and . _ : @ / + = -), else a fresh UUID; never Fastify's per-process
// counter, which repeats across restarts and nodes. Fastify puts it on every log line of the request (`reqId`); this
// plugin returns it in the `X-Request-Id` answer header, problem answers included.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

const SANE_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** Fastify's `genReqId` (with `requestIdHeader: false`, so an unchecked header never becomes the id). */
export function requestIdOf(raw: IncomingMessage): string {
  const given = raw.headers['x-request-id'];
  return typeof given === 'string' && SANE_ID.test(given) ? given : randomUUID();
}

const plugin: FastifyPluginAsync = async (app) => {
  // onRequest covers routes, 404s and errors thrown later; onSend covers the answers Fastify gives before its hooks
  // run (a URL it cannot decode).
  app.addHook('onRequest', async (request, reply) => { reply.header('x-request-id', request.id); });
  app.addHook('onSend', async (request, reply, payload) => {
    if (!reply.hasHeader('x-request-id')) reply.header('x-request-id', request.id);
    return payload;
  });
};

export const requestIdPlugin = fp(plugin, { name: 'request-id' });
