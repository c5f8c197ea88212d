// buildApp(deps): the whole HTTP surface, without listening. Tests use it with `inject`; server.ts listens.
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { finishOpenApi } from './openapi.ts';
import { answerClientError, answerError, answerFrameworkError, answerNotFound, routeTable } from './error-answers.ts';
import { actorPlugin } from './plugins/actor.ts';
import { attemptLimitsPlugin } from './plugins/attempt-limits.ts';
import { authPlugin } from './plugins/auth.ts';
import { textGuardPlugin } from './plugins/text-guard.ts';
import { jsonDepthPlugin } from './plugins/json-depth.ts';
import { closeAfterAnswerPlugin } from './plugins/close-after-answer.ts';
import { metricsPlugin } from './plugins/metrics.ts';
import { noStorePlugin } from './plugins/no-store.ts';
import { requestIdOf, requestIdPlugin } from './plugins/request-id.ts';
import { securityHeadersPlugin } from './plugins/security-headers.ts';
import { loggerOptions } from './log-options.ts';
import { apiDocsRoutes } from './routes/api-docs.ts';
import { healthRoutes } from './routes/health.ts';
import { registerApiRoutes } from './routes/index.ts';
import { webAppPlugin } from './plugins/web-app.ts';
import { DEFAULT_PUBLIC_URL, type AppDeps, type AppInput, type TrustProxy } from './deps.ts';
import { logMailer } from '../mail/log-mailer.ts';
import { syncPorts } from '../domain/sync/connectors.ts';

const API_DESCRIPTION = 'Self-hostable team CRM with exact, explainable sharing.\n\n'
  + 'Every error is an RFC 9457 problem (application/problem+json) with a stable `code`. Text anywhere in a request '
  + '(body, query, path) may not contain the NUL character (U+0000) or an unpaired UTF-16 surrogate: such a request '
  + 'answers 400 `TANDEM_INPUT_INVALID` naming the field.';

/** A hop count becomes proxy-addr's "the first n hops" function (Fastify's types take no number). */
function fastifyTrustProxy(trust: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

export async function buildApp(input: AppInput): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(input.logger), genReqId: requestIdOf, requestIdHeader: false, trustProxy: fastifyTrustProxy(input.trustProxy ?? false), frameworkErrors: answerFrameworkError, clientErrorHandler: answerClientError,
  }).withTypeProvider<ZodTypeProvider>();
  const deps: AppDeps = {
    ...input, mailer: input.mailer ?? logMailer(app.log), publicUrl: input.publicUrl ?? DEFAULT_PUBLIC_URL,
    // Cookies are Secure whenever people reach the app over HTTPS (D44); a browser would not send them back over HTTP.
    secureCookies: input.secureCookies ?? (input.publicUrl ?? DEFAULT_PUBLIC_URL).startsWith('https://'), inboundDomain: input.inboundDomain ?? 'localhost',
    sync: input.sync ?? syncPorts(),
  };
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(answerError);
  app.setNotFoundHandler(answerNotFound(routeTable(app)));
  await app.register(textGuardPlugin);
  await app.register(jsonDepthPlugin);
  await app.register(closeAfterAnswerPlugin);
  await app.register(requestIdPlugin);
  await app.register(noStorePlugin);
  await app.register(securityHeadersPlugin, { publicUrl: deps.publicUrl });
  await app.register(metricsPlugin, { db: deps.db, token: deps.metrics?.token, poolStats: deps.metrics?.poolStats });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Tandem API', version: '1.0.0', description: API_DESCRIPTION },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: (document) => {
      if (!('openapiObject' in document)) return document.swaggerObject;
      finishOpenApi(document.openapiObject);
      return document.openapiObject;
    },
  });
  await app.register(attemptLimitsPlugin, { deps });
  await app.register(authPlugin, { deps });
  await app.register(actorPlugin);
  await app.register(healthRoutes, { prefix: '/api/v1' });
  await app.register(async (api) => registerApiRoutes(api, deps), { prefix: '/api/v1' });
  await app.register(apiDocsRoutes);
  if (deps.webDir) await app.register(webAppPlugin, { root: deps.webDir });
  return app;
}
