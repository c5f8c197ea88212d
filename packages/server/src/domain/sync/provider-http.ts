// One small JSON-over-fetch client for the sync providers (mailchimp-connector.ts, google-contacts-connector.ts):
// a timeout per attempt, retries with exponential backoff and full jitter on 429, 5xx and network errors (honouring
// Retry-After), 401/403 -> CredentialsRejected, still failing after the retries -> ProviderUnavailable. Every other
// answer (2xx, 400, 404, 409...) goes back to the connector, which knows what it means for its provider.
// Messages name the provider, the method, the path and the status: never a URL query, a header or a body, so a
// credential cannot reach an error message or a log. Docs: docs/decisions.md D40.
import { CredentialsRejected, ProviderUnavailable } from './connector.ts';

export type RetryPolicy = {
  /** Tries in all (1: no retry). */
  attempts: number;
  /** The first backoff; each retry doubles it (full jitter: a random wait in [0, base * 2^n]). */
  baseDelayMs: number;
  /** No wait is longer; a Retry-After above this ends the retries at once (ProviderUnavailable with retryAfterMs). */
  maxDelayMs: number;
  /** Per attempt (AbortSignal.timeout). */
  timeoutMs?: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 30_000, timeoutMs: 30_000 };

export type ProviderRequest = {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  url: string;
  headers?: Record<string, string>;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as application/x-www-form-urlencoded (OAuth token endpoints). */
  form?: Record<string, string>;
  /**
   * false for a request that must not be replayed blindly (Google's batchCreateContacts: a 500 or a lost answer may
   * hide a success, and a replay would create the people twice). Then only a 429 (refused, so not done) is retried;
   * a 5xx or a network error throws ProviderUnavailable with `ambiguous: true` and the connector decides.
   */
  replayable?: boolean;
};

export type ProviderResponse = { status: number; body: unknown; headers: Headers };

/** Thrown instead of ProviderUnavailable when a non-replayable request may or may not have been done. */
export class AmbiguousFailure extends ProviderUnavailable {
  readonly ambiguous = true;
}

export type ProviderHttp = { send(request: ProviderRequest): Promise<ProviderResponse> };

export type ProviderHttpOptions = {
  /** Named in messages: "Mailchimp", "Google". */
  provider: string;
  retry?: RetryPolicy;
  fetch?: typeof fetch;
  /** Waits between attempts (tests may record them). */
  sleep?: (ms: number) => Promise<void>;
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The path alone, for messages: no host (the data centre is harmless, but a query may hold a token). */
function pathOf(url: string): string {
  try { return new URL(url).pathname; } catch { return '(bad url)'; }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  try { return JSON.parse(text) as unknown; } catch { return text; }
}

export function providerHttp(options: ProviderHttpOptions): ProviderHttp {
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  const doFetch = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? defaultSleep;
  const { provider } = options;

  function backoff(retry: number): number {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
    return Math.floor(Math.random() * ceiling);
  }

  async function send(request: ProviderRequest): Promise<ProviderResponse> {
    const what = `${provider} ${request.method} ${pathOf(request.url)}`;
    const replayable = request.replayable ?? true;
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    let body: string | undefined;
    if (request.json !== undefined) { body = JSON.stringify(request.json); headers['content-type'] = 'application/json'; }
    if (request.form !== undefined) { body = new URLSearchParams(request.form).toString(); headers['content-type'] = 'application/x-www-form-urlencoded'; }

    let lastProblem = '';
    let lastRetryAfter: number | undefined;
    for (let attempt = 0; attempt < policy.attempts; attempt += 1) {
      if (attempt > 0) await sleep(lastRetryAfter ?? backoff(attempt - 1));
      let response: Response;
      try {
        response = await doFetch(request.url, {
          method: request.method, headers, body,
          signal: AbortSignal.timeout(policy.timeoutMs ?? DEFAULT_RETRY_POLICY.timeoutMs ?? 30_000),
        });
      } catch (error) {
        // The error's own message may quote the URL; keep only its kind.
        const kind = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError') ? 'timed out' : 'could not be reached';
        lastProblem = `${what} ${kind}`;
        lastRetryAfter = undefined;
        if (!replayable) throw new AmbiguousFailure(`${lastProblem}; it may or may not have been done`);
        continue;
      }
      if (response.status === 401 || response.status === 403) {
        await response.body?.cancel();
        throw new CredentialsRejected(`${provider} refused the credentials (HTTP ${response.status})`);
      }
      if (response.status === 429 || response.status >= 500) {
        await response.body?.cancel();
        lastProblem = `${what} answered HTTP ${response.status}`;
        lastRetryAfter = retryAfterMs(response.headers.get('retry-after'));
        if (response.status >= 500 && !replayable) throw new AmbiguousFailure(`${lastProblem}; it may or may not have been done`, lastRetryAfter);
        if (lastRetryAfter !== undefined && lastRetryAfter > policy.maxDelayMs) {
          throw new ProviderUnavailable(`${lastProblem} and asked to wait ${Math.ceil(lastRetryAfter / 1000)} s`, lastRetryAfter);
        }
        continue;
      }
      return { status: response.status, body: await readBody(response), headers: response.headers };
    }
    throw new ProviderUnavailable(`${lastProblem} (${policy.attempts} attempts)`, lastRetryAfter);
  }

  return { send };
}

/** An answer the connector cannot map (a 400 to a request it built): a bug or an API change, not a passing fault. */
export class UnexpectedProviderAnswer extends Error {}

/** The error for such an answer: status and the provider's short title or status word, never the body. */
export function unexpectedAnswer(provider: string, what: string, response: ProviderResponse): UnexpectedProviderAnswer {
  const body = response.body as { title?: unknown; error?: { status?: unknown } } | null;
  const title = typeof body?.title === 'string' ? `: ${body.title.slice(0, 100)}` : typeof body?.error?.status === 'string' ? `: ${body.error.status}` : '';
  return new UnexpectedProviderAnswer(`${provider} ${what} answered HTTP ${response.status}${title}`);
}
