// A Mailchimp Marketing API v3 stand-in: a real node:http server on 127.0.0.1 (random port) that answers the four
// requests the connector makes, checks EVERY request against the published shape, and can fail on demand.
//
//   const mc = await startMailchimpStandIn();                 // { apiKey, audiences } optional
//   const connector = mailchimpConnector({ baseUrl: mc.url, retry: FAST_RETRY });
//   await connector.connect({ apiKey: mc.apiKey, audienceId: mc.audienceId, newMemberStatus: 'pending' });
//   mc.failNext(2, 500);                                      // the next 2 requests answer 500
//   mc.failNext(1, 429, { retryAfter: '1' });                 // ... or 429 with Retry-After: 1
//   mc.onBatch(() => { ... });                                // after each accepted POST /lists/{id} (may be async)
//   expect(mc.violations).toEqual([]);                        // requests that broke the published shape
//   mc.members                                                // Map '<audience id>/<subscriber hash>' -> member
//   mc.member('ada@client.test')                              // one member of the first (or a given) audience
//   mc.requests                                               // { method, path, status, at, ms, body } in order
//   await mc.close();
//
// Routes (under /3.0): GET /ping, GET /lists/:id, POST /lists/:id (batch subscribe), PATCH /lists/:id/members/:hash.
// Auth: HTTP Basic whose password is `apiKey` (else 401 "API Key Invalid"). Errors are Mailchimp's problem JSON
// ({type, title, status, detail, instance}). Batch semantics as the reference documents them: a new address joins
// with the status sent; an existing one is changed (status too) only with update_existing: true, else it comes back
// in `errors` with error_code ERROR_CONTACT_EXISTS; an address without '@' comes back as an ERROR_GENERIC error.
// Not modelled: merge-field types and required fields, tags, interests, archived or cleaned members' special rules.
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

export const MAILCHIMP_STAND_IN_KEY = '0123456789abcdef0123456789abcdef-us21';
export const MAILCHIMP_STAND_IN_AUDIENCE = { id: 'a1b2c3d4e5', name: 'Customers' };

const STATUSES = ['subscribed', 'unsubscribed', 'cleaned', 'pending', 'transactional'] as const;
const location = z.object({ latitude: z.number(), longitude: z.number() }).strict();
/** The member fields the reference lists for "Batch subscribe or unsubscribe" (members[] items). */
const batchMember = z.object({
  email_address: z.string().min(1),
  email_type: z.enum(['html', 'text']).optional(),
  status: z.enum(STATUSES),
  merge_fields: z.record(z.string(), z.union([z.string(), z.number(), z.record(z.string(), z.string())])).optional(),
  interests: z.record(z.string(), z.boolean()).optional(),
  language: z.string().optional(),
  vip: z.boolean().optional(),
  location: location.optional(),
  ip_signup: z.string().optional(),
  timestamp_signup: z.string().optional(),
  ip_opt: z.string().optional(),
  timestamp_opt: z.string().optional(),
}).strict();
export const batchSubscribeBody = z.object({
  members: z.array(batchMember).min(1).max(500),
  sync_tags: z.boolean().optional(),
  update_existing: z.boolean().optional(),
}).strict();
/** "Update list member" (PATCH): every field optional. */
export const updateMemberBody = batchMember.partial().extend({ marketing_permissions: z.array(z.unknown()).optional() }).strict();

export type StandInMember = { listId: string; email_address: string; status: (typeof STATUSES)[number]; merge_fields: Record<string, unknown> };
export type LoggedRequest = { method: string; path: string; status: number; at: number; ms: number; body: unknown };
type Fault = { status: number; retryAfter?: string };

export type MailchimpStandIn = {
  /** http://127.0.0.1:<port>/3.0: the connector's baseUrl. */
  readonly url: string;
  readonly apiKey: string;
  readonly audienceId: string;
  /** Shape violations, one line each ("POST /3.0/lists/x: members.0.status: ..."): a test expects []. */
  readonly violations: string[];
  readonly requests: LoggedRequest[];
  /** Every audience's members, keyed `<audience id>/<subscriber hash>`: an address may be in several audiences. */
  readonly members: Map<string, StandInMember>;
  /** The member with this e-mail in `audienceId` (default: the first audience), if any. */
  member(email: string, audienceId?: string): StandInMember | undefined;
  /** The next `count` requests (any route, after the auth check) answer `status` (a 429 may carry Retry-After). */
  failNext(count: number, status: number, options?: { retryAfter?: string }): void;
  /** Called after each accepted batch POST, before its answer is sent; awaited. */
  onBatch(callback: (() => void | Promise<void>) | null): void;
  /** Stores a member as if it were already in the audience (e.g. someone who unsubscribed). */
  seedMember(member: Omit<StandInMember, 'listId'> & { listId?: string }): void;
  close(): Promise<void>;
};

function hashOf(email: string): string {
  return createHash('md5').update(email.trim().toLowerCase()).digest('hex');
}

const keyOf = (listId: string, hash: string): string => `${listId}/${hash}`;

function problem(res: ServerResponse, status: number, title: string, detail: string, extra: Record<string, unknown> = {}): void {
  res.writeHead(status, { 'content-type': 'application/problem+json; charset=utf-8' });
  res.end(JSON.stringify({ type: 'https://mailchimp.com/developer/marketing/docs/errors/', title, status, detail, instance: randomUUID(), ...extra }));
}

function json(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readRaw(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startMailchimpStandIn(options: { apiKey?: string; audiences?: { id: string; name: string }[] } = {}): Promise<MailchimpStandIn> {
  const apiKey = options.apiKey ?? MAILCHIMP_STAND_IN_KEY;
  const audiences = new Map((options.audiences ?? [MAILCHIMP_STAND_IN_AUDIENCE]).map((a) => [a.id, a.name]));
  const violations: string[] = [];
  const requests: LoggedRequest[] = [];
  const members = new Map<string, StandInMember>();
  const faults: Fault[] = [];
  let batchHook: (() => void | Promise<void>) | null = null;

  function authorized(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) return false;
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 && decoded.slice(colon + 1) === apiKey;
  }

  /** Parses and checks a body; records a violation and answers 400 when it breaks the shape. */
  function checked<T>(res: ServerResponse, what: string, raw: string, schema: z.ZodType<T>): T | null {
    let parsed: unknown;
    try { parsed = JSON.parse(raw); } catch {
      violations.push(`${what}: the body is not JSON`);
      problem(res, 400, 'Invalid Resource', 'The resource submitted could not be validated.');
      return null;
    }
    const outcome = schema.safeParse(parsed);
    if (outcome.success) return outcome.data;
    const issues = outcome.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
    violations.push(`${what}: ${issues.join('; ')}`);
    problem(res, 400, 'Invalid Resource', 'The resource submitted could not be validated.',
      { errors: outcome.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })) });
    return null;
  }

  async function route(req: IncomingMessage, res: ServerResponse, path: string, raw: string): Promise<void> {
    const method = req.method ?? 'GET';
    const what = `${method} ${path}`;
    if (method === 'GET' && path === '/3.0/ping') return json(res, { health_status: "Everything's Chimpy!" });
    const list = /^\/3\.0\/lists\/([^/]+)$/u.exec(path);
    const member = /^\/3\.0\/lists\/([^/]+)\/members\/([0-9a-f]{32})$/u.exec(path);
    const listId = decodeURIComponent(list?.[1] ?? member?.[1] ?? '');
    if ((list !== null || member !== null) && !audiences.has(listId)) {
      return problem(res, 404, 'Resource Not Found', 'The requested resource could not be found.');
    }
    if (list !== null && method === 'GET') return json(res, { id: listId, name: audiences.get(listId) });
    if (list !== null && method === 'POST') {
      const body = checked(res, what, raw, batchSubscribeBody);
      if (body === null) return;
      const answer = { new_members: [] as unknown[], updated_members: [] as unknown[], errors: [] as unknown[], total_created: 0, total_updated: 0, error_count: 0 };
      const seen = new Set<string>();
      for (const item of body.members) {
        const hash = hashOf(item.email_address);
        if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/u.test(item.email_address.trim())) {
          answer.errors.push({ email_address: item.email_address, error: `${item.email_address} looks fake or invalid, please enter a real email address.`, error_code: 'ERROR_GENERIC' });
          continue;
        }
        if (seen.has(hash)) {
          answer.errors.push({ email_address: item.email_address, error: 'This email address appears more than once in the request.', error_code: 'ERROR_GENERIC' });
          continue;
        }
        seen.add(hash);
        const stored = members.get(keyOf(listId, hash));
        if (stored !== undefined && body.update_existing !== true) {
          answer.errors.push({ email_address: item.email_address, error: `${item.email_address} is already a list member. Use PUT to insert or update list members.`, error_code: 'ERROR_CONTACT_EXISTS' });
          continue;
        }
        const next: StandInMember = {
          listId, email_address: item.email_address, status: item.status,
          merge_fields: { ...stored?.merge_fields, ...item.merge_fields },
        };
        members.set(keyOf(listId, hash), next);
        (stored === undefined ? answer.new_members : answer.updated_members).push({ id: hash, email_address: item.email_address, status: next.status, merge_fields: next.merge_fields, list_id: listId });
      }
      answer.total_created = answer.new_members.length;
      answer.total_updated = answer.updated_members.length;
      answer.error_count = answer.errors.length;
      if (batchHook !== null) await batchHook();
      return json(res, answer);
    }
    if (member !== null && method === 'PATCH') {
      const body = checked(res, what, raw, updateMemberBody);
      if (body === null) return;
      const hash = member[2] ?? '';
      const stored = members.get(keyOf(listId, hash));
      if (stored === undefined) return problem(res, 404, 'Resource Not Found', 'The requested resource could not be found.');
      const next: StandInMember = {
        ...stored, ...(body.email_address === undefined ? {} : { email_address: body.email_address }),
        ...(body.status === undefined ? {} : { status: body.status }),
        merge_fields: { ...stored.merge_fields, ...body.merge_fields },
      };
      members.set(keyOf(listId, hash), next);
      return json(res, { id: hash, ...next, list_id: listId });
    }
    violations.push(`${what}: not a route the connector should call`);
    return problem(res, 404, 'Resource Not Found', 'The requested resource could not be found.');
  }

  const server = createServer((req, res) => {
    const started = Date.now();
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    void (async () => {
      const raw = await readRaw(req);
      let loggedBody: unknown = raw;
      try { loggedBody = raw === '' ? null : JSON.parse(raw); } catch { /* logged as text */ }
      res.on('finish', () => requests.push({ method: req.method ?? 'GET', path, status: res.statusCode, at: started, ms: Date.now() - started, body: loggedBody }));
      if (!authorized(req)) return problem(res, 401, 'API Key Invalid', 'Your API key may be invalid, or you\'ve attempted to access the wrong datacenter.');
      const fault = faults.shift();
      if (fault !== undefined) {
        if (fault.retryAfter !== undefined) res.setHeader('retry-after', fault.retryAfter);
        return problem(res, fault.status, fault.status === 429 ? 'Too Many Requests' : 'Internal Server Error', 'Injected by the stand-in.');
      }
      await route(req, res, path, raw);
    })().catch((error: unknown) => {
      violations.push(`stand-in crashed on ${req.method} ${path}: ${String(error)}`);
      if (!res.headersSent) problem(res, 500, 'Internal Server Error', 'stand-in crash');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/3.0`,
    apiKey,
    audienceId: [...audiences.keys()][0] ?? '',
    violations, requests, members,
    failNext(count, status, faultOptions = {}) {
      for (let i = 0; i < count; i += 1) faults.push({ status, ...faultOptions });
    },
    onBatch(callback) { batchHook = callback; },
    seedMember(seed) {
      const listId = seed.listId ?? [...audiences.keys()][0] ?? '';
      members.set(keyOf(listId, hashOf(seed.email_address)), { ...seed, listId });
    },
    member: (email, audienceId) => members.get(keyOf(audienceId ?? [...audiences.keys()][0] ?? '', hashOf(email))),
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    }),
  };
}
