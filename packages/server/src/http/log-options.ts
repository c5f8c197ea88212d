// Pino options for the app's logger (docs/decisions.md D43): whatever level and destination the caller chose, plus
// what keeps secrets out of the log. Fastify's request serializer logs the method and URL only, never headers or
// bodies; the redact paths catch the headers and fields that carry secrets if any code logs a request, a reply or
// a body anyway, and the URL of a calendar feed (its file name is the feed's secret) is masked.
import type { FastifyServerOptions } from 'fastify';

export const REDACTED_PATHS = [
  'req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]', 'headers.authorization', 'headers.cookie', 'headers["set-cookie"]',
  '*.password', '*.currentPassword', '*.newPassword', '*.token', '*.csrfToken', '*.apiKey', '*.refreshToken', '*.secret',
  'password', 'token', 'csrfToken',
];

/** A URL as logged: the calendar feed's secret file name and any `token=` query value masked. */
export function loggableUrl(url: string): string {
  return url.replace(/(\/calendar-feeds\/)[^/?#]+/, '$1[redacted]').replace(/([?&](?:token|key|secret)=)[^&#]*/gi, '$1[redacted]');
}

type LoggableRequest = { method: string; url: string; host?: string; ip?: string; socket?: { remotePort?: number } };

/** `false` stays off (tests); `true` or pino options get the redaction and the URL serializer. */
export function loggerOptions(logger: boolean | object | undefined): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const given = logger === true ? {} : logger as Record<string, unknown>;
  return {
    ...given,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req: (request: LoggableRequest) => ({
        method: request.method, url: loggableUrl(request.url), host: request.host, remoteAddress: request.ip, remotePort: request.socket?.remotePort,
      }),
      ...(given.serializers as object | undefined),
    },
  };
}
