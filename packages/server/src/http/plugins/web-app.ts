// Serves the built web app; any non-API GET that is not a file answers index.html (client-side routing).
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';

export const webAppPlugin = fp<{ root: string }>(async (app, { root }) => {
  await app.register(fastifyStatic, { root, wildcard: false });
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply.callNotFound();
    }
    return reply.sendFile('index.html');
  });
});
