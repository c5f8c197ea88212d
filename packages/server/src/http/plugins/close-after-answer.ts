// Part of graceful shutdown (docs/decisions.md D43). `app.close()` stops the listener and closes the connections
// that are idle at that moment, then waits for the others. A request in flight on a keep-alive connection would
// leave that connection open (idle, but after the close) until the client or the 72 s keep-alive timeout ends it,
// and the shutdown would wait for it. From the moment closing starts, every answer says `Connection: close`, so Node
// ends each connection as soon as its answer is written.
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

const plugin: FastifyPluginAsync = async (app) => {
  let closing = false;
  app.addHook('preClose', async () => { closing = true; });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing && !reply.raw.headersSent) reply.header('connection', 'close');
    return payload;
  });
};

export const closeAfterAnswerPlugin = fp(plugin, { name: 'close-after-answer' });
