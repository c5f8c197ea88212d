// Every API answer says `Cache-Control: no-store` unless its route chose its own (docs/decisions.md D48). Answers
// depend on who asks and on access that may change on any node at any moment: a proxy or CDN in front of several
// nodes, or a browser's heuristic cache, must never answer a later request with one. The web app's static files
// (web-app.ts) are not under /api/ and keep their own caching.
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

const plugin: FastifyPluginAsync = async (app) => {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
};

export const noStorePlugin = fp(plugin, { name: 'no-store' });
