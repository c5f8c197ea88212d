// buildApp(deps): the whole HTTP surface, without listening. Tests use it with `inject`; server.ts listens.
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError, toProblem } from '../errors.ts';
import { actorPlugin } from './plugins/actor.ts';
import { authPlugin } from './plugins/auth.ts';
import { apiDocsRoutes } from './routes/api-docs.ts';
import { healthRoutes } from './routes/health.ts';
import { registerApiRoutes } from './routes/index.ts';
import { webAppPlugin } from './plugins/web-app.ts';
import type { AppDeps } from './deps.ts';



export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: deps.logger ?? false, trustProxy: true }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof AppError) return reply.status(error.status).type('application/problem+json').send(toProblem(error));
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({ path: v.instancePath.replace(/^\//, '').replace(/\//g, '.'), message: v.message ?? 'invalid' }));
      const detail = issues.map((i) => `${i.path ? `${i.path}: ` : ''}${i.message}`).join('; ');
      return reply.status(400).type('application/problem+json').send(toProblem(new AppError('TANDEM_INPUT_INVALID', detail, { issues })));
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      return reply.status(400).type('application/problem+json').send(toProblem(new AppError('TANDEM_INPUT_INVALID', (error as Error).message)));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).type('application/problem+json').send(toProblem(new AppError('TANDEM_INTERNAL')));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).type('application/problem+json').send(toProblem(new AppError('TANDEM_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`)));
  });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Tandem API', version: '1.0.0', description: 'Self-hostable team CRM with exact, explainable sharing.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(authPlugin, { deps });
  await app.register(actorPlugin);
  await app.register(healthRoutes, { prefix: '/api/v1' });
  await app.register(async (api) => registerApiRoutes(api, deps), { prefix: '/api/v1' });
  await app.register(apiDocsRoutes);
  if (deps.webDir) await app.register(webAppPlugin, { root: deps.webDir });
  return app;
}
