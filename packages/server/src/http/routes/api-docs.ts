// The generated OpenAPI 3.1 document and a readable page for it.
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyPluginAsync } from 'fastify';
import { API_DOCS_CSP } from '../plugins/security-headers.ts';

export const apiDocsRoutes: FastifyPluginAsync = async (app) => {
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list', deepLinking: true, validatorUrl: null }, staticCSP: API_DOCS_CSP,
  });
};
