// A small keep-alive HTTP client for one-at-a-time calls: each client has its own sockets, so a write on one and
// the check that follows on another are on different connections (G6).
import http from 'node:http';

export type Reply = { status: number; text: string; us: number };

export class Api {
  private readonly agent: http.Agent;
  constructor(readonly base: string, sockets = 1) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  call(method: string, path: string, token?: string, body?: unknown): Promise<Reply> {
    const url = new URL(path, this.base);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (payload !== undefined) headers['content-type'] = 'application/json';
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const req = http.request({ agent: this.agent, host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), us: (performance.now() - started) * 1000 }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.setTimeout(60_000, () => req.destroy(new Error(`timeout: ${method} ${path}`)));
      req.end(payload);
    });
  }

  get(path: string, token?: string): Promise<Reply> {
    return this.call('GET', path, token);
  }

  /** A call that must succeed with one of `ok`; answers the parsed JSON body (null when empty). */
  async must<T = Record<string, unknown>>(method: string, path: string, token: string | undefined, body: unknown, ok: number[] = [200, 201, 204]): Promise<{ json: T; us: number }> {
    const r = await this.call(method, path, token, body);
    if (!ok.includes(r.status)) throw new Error(`${method} ${path} answered ${r.status}: ${r.text.slice(0, 300)}`);
    return { json: (r.text ? JSON.parse(r.text) : null) as T, us: r.us };
  }

  close(): void {
    this.agent.destroy();
  }
}

export async function signIn(api: Api, email: string, password: string): Promise<string> {
  const { json } = await api.must<{ token: string }>('POST', '/api/v1/sessions', undefined, { email, password }, [201]);
  return json.token;
}

/** Polls `path` until it answers 200; returns the milliseconds from `since` (performance.now()). */
export async function waitReady(api: Api, path: string, since: number, timeoutMs: number, alive: () => boolean): Promise<number> {
  for (;;) {
    try {
      const r = await api.get(path);
      if (r.status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    if (!alive()) throw new Error(`the process behind ${api.base} exited before ${path} answered`);
    if (performance.now() - since > timeoutMs) throw new Error(`${api.base}${path} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export type ContactPage = { items: { id: string }[]; nextCursor: string | null };

export function listPath(q: string | null, cursor: string | null, limit = 50): string {
  const params = new URLSearchParams({ limit: String(limit) });
  if (q) params.set('q', q);
  if (cursor) params.set('cursor', cursor);
  return `/api/v1/contacts?${params.toString()}`;
}
