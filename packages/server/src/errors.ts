// The server's side of the error catalog: AppError, thrown by use cases and hooks, and its problem-details body.
// The catalog itself (codes, categories, titles, statuses) is @tandem/api's src/errors.ts, shared with the web.
import { ERROR_CATALOG, statusOf, type ErrorCode, type ProblemDetails } from '@tandem/api/errors';

export { ERROR_CATALOG, statusOf, type ErrorCategory, type ErrorCode, type ProblemDetails } from '@tandem/api/errors';

/** An error meant for the caller. `detail` is public; anything internal goes to the log, never the wire. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly detail: string;
  readonly extra: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, detail?: string, extra?: Record<string, unknown>) {
    const entry = ERROR_CATALOG[code];
    super(detail ?? entry.title);
    this.code = code;
    this.status = statusOf(entry.category);
    this.detail = detail ?? entry.title;
    this.extra = extra;
  }
}

export function toProblem(error: AppError): ProblemDetails {
  return {
    type: `https://tandem.dev/errors/${error.code}`,
    title: ERROR_CATALOG[error.code].title,
    status: error.status,
    detail: error.detail,
    code: error.code,
    ...error.extra,
  };
}
