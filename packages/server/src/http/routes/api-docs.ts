// The generated OpenAPI 3.1 document and a readable page for it.
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyPluginAsync } from 'fastify';
import { API_DOCS_CSP } from '../plugins/security-headers.ts';

export const apiDocsRoutes: FastifyPluginAsync = async (app) => {
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // Tags start folded: with every one of the 132 operations listed open, Swagger UI 5 stopped rendering after the
  // second tag (checked in Chromium: 2 of 19 tags; folded, all 19 and each opens on a click or a #/tag link).
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'none', deepLinking: true, validatorUrl: null }, staticCSP: API_DOCS_CSP,
  });
};
