// The fetch client: cookie session, CSRF double-submit header on state-changing requests, RFC 9457 problem
// details turned into an ApiError with a message a person can read.
import { ENDPOINTS, fillPath, type EndpointName, type PathParams } from './endpoints.ts';
import type { ApiContract } from './contract.ts';

export const CSRF_COOKIE = 'tandem_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** One invalid field of a 400 TANDEM_INPUT_INVALID: `path` names it as the body does ("name", "emails.0"). */
export type FieldIssue = { path: string; message: string };

export type Problem = { type?: string; title?: string; status: number; detail?: string; code?: string; issues?: FieldIssue[] };

/** The header that makes a create or send act once however often it is repeated (docs/decisions.md D21). */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  /** The fields a validation error names, each with its message (empty for other errors). */
  readonly issues: FieldIssue[];

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? `Request failed (${problem.status})`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code ?? 'UNKNOWN';
    this.title = problem.title ?? '';
    this.detail = problem.detail ?? '';
    this.issues = Array.isArray(problem.issues) ? problem.issues.filter((i) => typeof i?.path === 'string' && typeof i?.message === 'string') : [];
  }
}

export class NetworkError extends Error {
  constructor() {
    super('Tandem could not reach the server. Check your connection and try again.');
    this.name = 'NetworkError';
  }
}

export function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

type QueryValue = string | number | boolean | null | undefined;

type CallOptions<N extends EndpointName> = (keyof PathParams<(typeof ENDPOINTS)[N]['path']> extends never
  ? { params?: undefined }
  : { params: PathParams<(typeof ENDPOINTS)[N]['path']> }) &
  (ApiContract[N] extends { body: infer B } ? { body: B } : { body?: undefined }) &
  (ApiContract[N] extends { query: infer Q } ? { query?: Q } : { query?: undefined }) & { signal?: AbortSignal; idempotencyKey?: string };

export type ResponseOf<N extends EndpointName> = ApiContract[N]['response'];

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function toQueryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export async function problemOf(res: Response): Promise<Problem> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await res.json()) as Partial<Problem>;
      return { ...body, status: res.status };
    } catch {
      // fall through to a generic problem
    }
  }
  return { status: res.status, title: res.statusText };
}

type NeedsOptions<N extends EndpointName> = keyof PathParams<(typeof ENDPOINTS)[N]['path']> extends never
  ? ApiContract[N] extends { body: unknown } ? true : false
  : true;

/** Calls one endpoint of the table. Typed by name: path params, body, query and response come from ApiContract. */
export async function call<N extends EndpointName>(name: N, ...[options]: NeedsOptions<N> extends true ? [CallOptions<N>] : [CallOptions<N>?]): Promise<ResponseOf<N>> {
  const endpoint = ENDPOINTS[name];
  const opts = (options ?? {}) as { params?: Record<string, string>; body?: unknown; query?: Record<string, QueryValue>; signal?: AbortSignal; idempotencyKey?: string };
  const url = fillPath(endpoint.path, opts.params ?? {}) + toQueryString(opts.query);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.idempotencyKey) headers[IDEMPOTENCY_HEADER] = opts.idempotencyKey;
  if (!SAFE.has(endpoint.method)) {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }
  let res: Response;
  try {
    res = await fetch(url, {
      method: endpoint.method,
      headers,
      credentials: 'same-origin',
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      signal: opts.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError();
  }
  if (!res.ok) throw new ApiError(await problemOf(res));
  if (res.status === 204) return undefined as ResponseOf<N>;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as ResponseOf<N>;
}
