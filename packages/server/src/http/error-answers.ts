// Every way a request can fail answers an RFC 9457 problem (application/problem+json) with a code from
// ERROR_CATALOG, whether our code refused it or Fastify (or Node's HTTP parser) did before any route ran:
//   - answerError: Fastify's error handler (AppError, validation, body parsing, the database out of reach: 503,
//     anything thrown);
//   - answerFrameworkError: Fastify's `frameworkErrors` (a URL it cannot decode, a path parameter too long);
//   - answerNotFound: unknown routes (404) and known paths asked with another method (405 with `Allow`);
//   - answerClientError: Node's `clientError` (a request it cannot parse, oversized headers, a timeout), written
//     straight to the socket because there is no request object yet.
// Only the TANDEM_INTERNAL answer hides what happened; the error goes to the log.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, toProblem, type ErrorCode } from '../errors.ts';
import { isDatabaseUnavailable } from '../storage/database-unavailable.ts';

export const PROBLEM_TYPE = 'application/problem+json';
/** Retry-After of a 503 while the database is away: a PostgreSQL restart measured 1-3 s (docs/reliability.md). */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/** Fastify's own error codes, each with ours. Anything else Fastify answers with a 4xx is TANDEM_INPUT_INVALID. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_BAD_URL: 'TANDEM_REQUEST_MALFORMED_URL',
  FST_ERR_MAX_PARAM_LENGTH: 'TANDEM_REQUEST_URL_TOO_LONG',
  FST_ERR_CTP_INVALID_JSON_BODY: 'TANDEM_REQUEST_MALFORMED_BODY',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'TANDEM_REQUEST_MALFORMED_BODY',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'TANDEM_REQUEST_MALFORMED_BODY',
  FST_ERR_CTP_BODY_TOO_LARGE: 'TANDEM_REQUEST_BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'TANDEM_REQUEST_UNSUPPORTED_MEDIA_TYPE',
};

/** Details that say what to do; Fastify's own messages echo the input or name its internals. */
const DETAILS: Partial<Record<ErrorCode, string>> = {
  TANDEM_REQUEST_MALFORMED_URL: 'The URL cannot be decoded: every % must be followed by two hexadecimal digits.',
  TANDEM_REQUEST_URL_TOO_LONG: 'A path parameter is longer than 100 characters.',
  TANDEM_REQUEST_BODY_TOO_LARGE: 'The request body is larger than 1 MiB.',
  TANDEM_REQUEST_UNSUPPORTED_MEDIA_TYPE: 'This endpoint reads application/json bodies only.',
};

function send(reply: FastifyReply, error: AppError): FastifyReply {
  return reply.status(error.status).type(PROBLEM_TYPE).send(toProblem(error));
}

function fastifyProblem(error: FastifyError): AppError | null {
  const code = typeof error.code === 'string' ? FASTIFY_CODES[error.code] : undefined;
  if (code) return new AppError(code, DETAILS[code] ?? error.message);
  const status = error.statusCode;
  if (status && status >= 400 && status < 500) return new AppError('TANDEM_INPUT_INVALID', error.message);
  return null;
}

export function answerError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof AppError) return send(reply, error);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({ path: v.instancePath.replace(/^\//, '').replace(/\//g, '.'), message: v.message ?? 'invalid' }));
    const detail = issues.map((i) => `${i.path ? `${i.path}: ` : ''}${i.message}`).join('; ');
    return send(reply, new AppError('TANDEM_INPUT_INVALID', detail, { issues }));
  }
  const known = fastifyProblem(error as FastifyError);
  if (known) return send(reply, known);
  if (isDatabaseUnavailable(error)) {
    // PostgreSQL restarting or out of reach: not a bug, and the pool reconnects by itself (D47).
    request.log.warn({ err: error }, 'database unavailable');
    reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    return send(reply, new AppError('TANDEM_DATABASE_UNAVAILABLE'));
  }
  request.log.error({ err: error }, 'unhandled error');
  return send(reply, new AppError('TANDEM_INTERNAL'));
}

export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-request-id', request.id); // no hook runs before this answer (plugins/request-id.ts)
  void send(reply, fastifyProblem(error) ?? new AppError('TANDEM_INTERNAL'));
}

/** The methods each registered path answers, to tell a wrong method (405) from an unknown path (404). */
export type RouteTable = { allowedMethods: (path: string) => string[] };

function patternOf(url: string): RegExp {
  const segments = url.split('/').map((segment) => {
    if (segment === '*') return '.*';
    if (segment.startsWith(':')) return '[^/]+';
    return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return new RegExp(`^${segments.join('/')}$`);
}

/** Collects every route as it is added; call before registering any. The web app's catch-all `/*` is left out. */
export function routeTable(app: FastifyInstance): RouteTable {
  const routes: { pattern: RegExp; methods: string[] }[] = [];
  app.addHook('onRoute', (route) => {
    if (route.url === '/*') return;
    routes.push({ pattern: patternOf(route.url), methods: [route.method].flat().map(String) });
  });
  return {
    allowedMethods(path) {
      const methods = new Set(routes.filter((r) => r.pattern.test(path)).flatMap((r) => r.methods));
      if (methods.has('GET')) methods.add('HEAD');
      return [...methods].sort();
    },
  };
}

export function answerNotFound(routes: RouteTable) {
  return (request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = routes.allowedMethods(path);
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      reply.header('allow', allowed.join(', '));
      return send(reply, new AppError('TANDEM_REQUEST_METHOD_NOT_ALLOWED', `${path} answers ${allowed.join(', ')}, not ${request.method}.`));
    }
    return send(reply, new AppError('TANDEM_NOT_FOUND', `No route ${request.method} ${path}`));
  };
}

/** Node could not parse the request: answer a problem on the raw socket (as Fastify's default does with its JSON), then close. */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code: ErrorCode = error.code === 'HPE_HEADER_OVERFLOW' ? 'TANDEM_REQUEST_HEADERS_TOO_LARGE'
    : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'TANDEM_REQUEST_TIMEOUT' : 'TANDEM_REQUEST_MALFORMED';
  const problem = toProblem(new AppError(code));
  const body = JSON.stringify(problem);
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? 'Bad Request'}\r\nContent-Type: ${PROBLEM_TYPE}\r\n`
      + `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
}
