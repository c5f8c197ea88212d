// A Google People API v1 + OAuth token endpoint stand-in: a real node:http server on 127.0.0.1 (random port) that
// answers what the Google Contacts connector calls, checks EVERY request against the published shape, and can fail.
//
//   const g = await startGooglePeopleStandIn();              // { clientId, clientSecret, refreshToken, account } optional
//   const connector = googleContactsConnector({ peopleBaseUrl: g.peopleUrl, tokenUrl: g.tokenUrl, retry: FAST_RETRY });
//   await connector.connect(g.credentials);
//   g.failNext(2, 500);                                      // the next 2 People API requests answer 500
//   g.failNext(1, 500, { afterProcessing: true });           // ... the request is DONE, then answers 500 (lost answer)
//   g.failNext(1, 429, { retryAfter: '1' });
//   g.onBatch(() => { ... });                                // after each accepted batch create/update; awaited
//   g.deletePerson(resourceName); g.editPerson(resourceName) // what a user does at Google (gone; new etag)
//   g.expireTokens();                                        // every issued access token stops working (401)
//   expect(g.violations).toEqual([]);  g.people (Map resourceName -> person);  g.requests;  await g.close();
//
// Routes: POST /token (form; grant_type=refresh_token with client_id, client_secret, refresh_token in the body;
// wrong client -> 401 invalid_client, wrong refresh token -> 400 invalid_grant), and under /v1 with a Bearer token:
// GET people/me, POST people:batchCreateContacts, POST people:batchUpdateContacts (stale etag -> 400
// FAILED_PRECONDITION; unknown or deleted resourceName -> 404 NOT_FOUND; both fail the whole batch, as the reference
// says a batch returns its errors instead of results), GET people:batchGet, GET people/me/connections (paged, page
// size as asked, default 100). Errors use Google's JSON error ({error: {code, message, status}}).
// Not modelled: field formats (an e-mail is any string), sources/readMask effects beyond metadata and clientData,
// sync tokens, contact groups, propagation delays of the lists.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

export const GOOGLE_STAND_IN_CREDENTIALS = { clientId: 'tandem-test.apps.googleusercontent.com', clientSecret: 'GOCSPX-stand-in-secret', refreshToken: '1//stand-in-refresh-token' };

/** Person fields a read mask or personFields may name (the reference's list). */
const READ_FIELDS = ['addresses', 'ageRanges', 'biographies', 'birthdays', 'calendarUrls', 'clientData', 'coverPhotos', 'emailAddresses', 'events',
  'externalIds', 'genders', 'imClients', 'interests', 'locales', 'locations', 'memberships', 'metadata', 'miscKeywords', 'names', 'nicknames',
  'occupations', 'organizations', 'phoneNumbers', 'photos', 'relations', 'sipAddresses', 'skills', 'urls', 'userDefined'] as const;
/** Fields an updateMask may name (batchUpdateContacts). */
const UPDATE_FIELDS = ['addresses', 'biographies', 'birthdays', 'calendarUrls', 'clientData', 'emailAddresses', 'events', 'externalIds', 'genders',
  'imClients', 'interests', 'locales', 'locations', 'memberships', 'miscKeywords', 'names', 'nicknames', 'occupations', 'organizations',
  'phoneNumbers', 'relations', 'sipAddresses', 'urls', 'userDefined'] as const;
const mask = (allowed: readonly string[]) => z.string().min(1).refine(
  (value) => value.split(',').every((field) => allowed.includes(field.trim())), { message: 'names a field the reference does not list' });

const typed = { type: z.string().optional() };
/** The Person fields the connector may write (Person resource: names, emailAddresses, phoneNumbers, organizations, addresses, biographies, clientData). */
const personFields = {
  names: z.array(z.object({ givenName: z.string().optional(), familyName: z.string().optional(), middleName: z.string().optional(),
    unstructuredName: z.string().optional(), honorificPrefix: z.string().optional(), honorificSuffix: z.string().optional() }).strict()).max(1, 'names is a singleton').optional(),
  emailAddresses: z.array(z.object({ value: z.string().min(1), displayName: z.string().optional(), ...typed }).strict()).optional(),
  phoneNumbers: z.array(z.object({ value: z.string().min(1), ...typed }).strict()).optional(),
  organizations: z.array(z.object({ name: z.string().optional(), title: z.string().optional(), department: z.string().optional(), ...typed }).strict()).optional(),
  addresses: z.array(z.object({ formattedValue: z.string().optional(), streetAddress: z.string().optional(), city: z.string().optional(),
    region: z.string().optional(), postalCode: z.string().optional(), country: z.string().optional(), countryCode: z.string().optional(), ...typed }).strict()).optional(),
  biographies: z.array(z.object({ value: z.string(), contentType: z.enum(['TEXT_PLAIN', 'TEXT_HTML']).optional() }).strict()).max(1).optional(),
  clientData: z.array(z.object({ key: z.string().min(1), value: z.string() }).strict()).optional(),
};
const sources = z.array(z.enum(['READ_SOURCE_TYPE_PROFILE', 'READ_SOURCE_TYPE_CONTACT', 'READ_SOURCE_TYPE_DOMAIN_CONTACT'])).optional();
export const batchCreateBody = z.object({
  contacts: z.array(z.object({ contactPerson: z.object(personFields).strict() }).strict()).min(1).max(200),
  readMask: mask(READ_FIELDS),
  sources,
}).strict();
export const batchUpdateBody = z.object({
  contacts: z.record(z.string().regex(/^people\/c\d+$/u, 'a resourceName is people/c<digits>'), z.object({ ...personFields, etag: z.string().min(1) }).strict())
    .refine((contacts) => Object.keys(contacts).length >= 1 && Object.keys(contacts).length <= 200, { message: '1 to 200 contacts' }),
  updateMask: mask(UPDATE_FIELDS),
  readMask: mask(READ_FIELDS),
  sources,
}).strict();
const tokenForm = z.object({ grant_type: z.literal('refresh_token'), refresh_token: z.string().min(1), client_id: z.string().min(1),
  client_secret: z.string().min(1), scope: z.string().optional() }).strict();

type PersonData = { [K in keyof typeof personFields]?: z.infer<NonNullable<(typeof personFields)[K]>> };
export type StandInPerson = PersonData & { resourceName: string; etag: string; deleted: boolean };
export type LoggedRequest = { method: string; path: string; query: string; status: number; at: number; ms: number; body: unknown };
type Fault = { status: number; retryAfter?: string; afterProcessing?: boolean };

export type GooglePeopleStandIn = {
  /** http://127.0.0.1:<port>/v1 */
  readonly peopleUrl: string;
  /** http://127.0.0.1:<port>/token */
  readonly tokenUrl: string;
  readonly credentials: { clientId: string; clientSecret: string; refreshToken: string };
  readonly violations: string[];
  readonly requests: LoggedRequest[];
  /** Every person, deleted ones too (deleted: true). */
  readonly people: Map<string, StandInPerson>;
  /** The people not deleted. */
  living(): StandInPerson[];
  /** The next `count` People API requests fail (the token endpoint is never failed). afterProcessing: done, then 5xx. */
  failNext(count: number, status: number, options?: { retryAfter?: string; afterProcessing?: boolean }): void;
  onBatch(callback: (() => void | Promise<void>) | null): void;
  deletePerson(resourceName: string): void;
  /** A change made at Google: the etag changes (a stale one is then refused). */
  editPerson(resourceName: string): void;
  expireTokens(): void;
  /** Google refuses (400 INVALID_ARGUMENT, the whole batch, no violation) any contact to create or update matching this. */
  refuseWhere(predicate: ((person: PersonData) => boolean) | null): void;
  close(): Promise<void>;
};

const ERROR_STATUS: Record<number, string> = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 404: 'NOT_FOUND', 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE' };

function googleError(res: ServerResponse, code: number, message: string, status = ERROR_STATUS[code] ?? 'UNKNOWN'): void {
  res.writeHead(code, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify({ error: { code, message, status } }));
}
function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify(body));
}
async function readRaw(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startGooglePeopleStandIn(options: Partial<typeof GOOGLE_STAND_IN_CREDENTIALS> & { account?: string; tokenLifetimeS?: number } = {}): Promise<GooglePeopleStandIn> {
  const credentials = { ...GOOGLE_STAND_IN_CREDENTIALS, ...options };
  const account = options.account ?? 'ben@example.test';
  const violations: string[] = [];
  const requests: LoggedRequest[] = [];
  const people = new Map<string, StandInPerson>();
  const tokens = new Map<string, number>(); // access token -> expiry (ms)
  const faults: Fault[] = [];
  let batchHook: (() => void | Promise<void>) | null = null;
  let refused: ((person: PersonData) => boolean) | null = null;
  let nextId = 1000;
  const newEtag = () => `%Eg${randomBytes(9).toString('base64url')}`;

  function violation(what: string, issues: string): void { violations.push(`${what}: ${issues}`); }
  function checked<T>(res: ServerResponse, what: string, raw: string, schema: z.ZodType<T>): T | null {
    let parsed: unknown;
    try { parsed = JSON.parse(raw); } catch {
      violation(what, 'the body is not JSON');
      googleError(res, 400, 'Invalid JSON payload received.');
      return null;
    }
    const outcome = schema.safeParse(parsed);
    if (outcome.success) return outcome.data;
    const issues = outcome.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ');
    violation(what, issues);
    googleError(res, 400, `Invalid value: ${issues}`);
    return null;
  }

  function view(person: StandInPerson, readMask: string): Record<string, unknown> {
    const fields = readMask.split(',').map((field) => field.trim());
    const out: Record<string, unknown> = { resourceName: person.resourceName, etag: person.etag };
    if (fields.includes('metadata')) out.metadata = { sources: [{ type: 'CONTACT', id: person.resourceName.slice(8), etag: person.etag }], ...(person.deleted ? { deleted: true } : {}) };
    for (const field of fields) {
      if (field !== 'metadata' && field in personFields && person[field as keyof PersonData] !== undefined) out[field] = person[field as keyof PersonData];
    }
    return out;
  }

  function personFieldsOf(res: ServerResponse, what: string, query: URLSearchParams): string | null {
    const value = query.get('personFields');
    if (value === null || !mask(READ_FIELDS).safeParse(value).success) {
      violation(what, `personFields is required and must list Person fields (got ${String(value)})`);
      googleError(res, 400, 'personFields mask is required.');
      return null;
    }
    return value;
  }

  async function route(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams, raw: string, fault: Fault | undefined): Promise<void> {
    const what = `${req.method} ${path}`;
    if (req.method === 'GET' && path === '/v1/people/me') {
      if (personFieldsOf(res, what, query) === null) return;
      return json(res, 200, { resourceName: 'people/100000000000000000001', etag: '%EgMBAgM', names: [{ displayName: 'Ben Example' }], emailAddresses: [{ value: account }] });
    }
    if (req.method === 'GET' && path === '/v1/people/me/connections') {
      const fields = personFieldsOf(res, what, query);
      if (fields === null) return;
      const pageSize = Number(query.get('pageSize') ?? '100');
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) { violation(what, `pageSize ${pageSize} is not 1..1000`); return googleError(res, 400, 'Invalid pageSize.'); }
      const all = [...people.values()].filter((person) => !person.deleted);
      const offset = Number(query.get('pageToken') ?? '0');
      const page = all.slice(offset, offset + pageSize);
      const next = offset + pageSize < all.length ? String(offset + pageSize) : undefined;
      return json(res, 200, { connections: page.map((person) => view(person, fields)), ...(next ? { nextPageToken: next } : {}), totalPeople: all.length, totalItems: all.length });
    }
    if (req.method === 'GET' && path === '/v1/people:batchGet') {
      const fields = personFieldsOf(res, what, query);
      if (fields === null) return;
      const names = query.getAll('resourceNames');
      if (names.length < 1 || names.length > 200) { violation(what, `${names.length} resourceNames (1..200)`); return googleError(res, 400, 'Invalid resourceNames.'); }
      return json(res, 200, {
        responses: names.map((name) => {
          const person = people.get(name);
          return person === undefined || person.deleted
            ? { httpStatusCode: 404, requestedResourceName: name, status: { code: 5, message: 'Requested entity was not found.' } }
            : { httpStatusCode: 200, requestedResourceName: name, person: view(person, fields), status: {} };
        }),
      });
    }
    if (req.method === 'POST' && path === '/v1/people:batchCreateContacts') {
      const body = checked(res, what, raw, batchCreateBody);
      if (body === null) return;
      if (refused !== null && body.contacts.some(({ contactPerson }) => refused!(contactPerson))) return googleError(res, 400, 'Invalid contact.');
      const created = body.contacts.map(({ contactPerson }) => {
        const person: StandInPerson = { ...contactPerson, resourceName: `people/c${nextId++}`, etag: newEtag(), deleted: false };
        people.set(person.resourceName, person);
        return { httpStatusCode: 200, person: view(person, body.readMask), status: {} };
      });
      if (batchHook !== null) await batchHook();
      if (fault?.afterProcessing) return googleError(res, fault.status, 'Injected by the stand-in after processing.');
      return json(res, 200, { createdPeople: created });
    }
    if (req.method === 'POST' && path === '/v1/people:batchUpdateContacts') {
      const body = checked(res, what, raw, batchUpdateBody);
      if (body === null) return;
      // All or nothing: any refused contact fails the request before anything changes.
      for (const [name, update] of Object.entries(body.contacts)) {
        if (refused !== null && refused(update)) return googleError(res, 400, 'Invalid contact.');
        const person = people.get(name);
        if (person === undefined || person.deleted) return googleError(res, 404, 'Requested entity was not found.', 'NOT_FOUND');
        if (person.etag !== update.etag) return googleError(res, 400, 'Request person.etag is different than the current person.etag. Clear local cache and get the latest person.', 'FAILED_PRECONDITION');
      }
      const fields = body.updateMask.split(',').map((field) => field.trim()) as (keyof PersonData)[];
      const updateResult: Record<string, unknown> = {};
      for (const [name, update] of Object.entries(body.contacts)) {
        const person = people.get(name)!;
        const next: StandInPerson = { ...person, etag: newEtag() };
        for (const field of fields) {
          const value = update[field];
          if (value === undefined || (value as unknown[]).length === 0) delete next[field];
          else (next as Record<string, unknown>)[field] = value;
        }
        people.set(name, next);
        updateResult[name] = { httpStatusCode: 200, person: view(next, body.readMask), status: {} };
      }
      if (batchHook !== null) await batchHook();
      if (fault?.afterProcessing) return googleError(res, fault.status, 'Injected by the stand-in after processing.');
      return json(res, 200, { updateResult });
    }
    violation(what, 'not a route the connector should call');
    return googleError(res, 404, 'Not Found');
  }

  function token(res: ServerResponse, raw: string, contentType: string): void {
    if (!contentType.startsWith('application/x-www-form-urlencoded')) {
      violation('POST /token', `content-type ${contentType} (RFC 6749 §6: application/x-www-form-urlencoded)`);
      return json(res, 400, { error: 'invalid_request' });
    }
    const form = tokenForm.safeParse(Object.fromEntries(new URLSearchParams(raw)));
    if (!form.success) {
      violation('POST /token', form.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
      return json(res, 400, { error: 'invalid_request', error_description: 'Bad Request' });
    }
    if (form.data.client_id !== credentials.clientId || form.data.client_secret !== credentials.clientSecret) {
      return json(res, 401, { error: 'invalid_client', error_description: 'Unauthorized' });
    }
    if (form.data.refresh_token !== credentials.refreshToken) return json(res, 400, { error: 'invalid_grant', error_description: 'Bad Request' });
    const accessToken = `ya29.${randomBytes(18).toString('base64url')}`;
    const lifetime = options.tokenLifetimeS ?? 3599;
    tokens.set(accessToken, Date.now() + lifetime * 1000);
    return json(res, 200, { access_token: accessToken, expires_in: lifetime, token_type: 'Bearer', scope: 'https://www.googleapis.com/auth/contacts' });
  }

  const server = createServer((req, res) => {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'http://stand-in');
    void (async () => {
      const raw = await readRaw(req);
      let loggedBody: unknown = raw === '' ? null : raw;
      try { if (raw !== '') loggedBody = JSON.parse(raw); } catch { /* a form or text: logged as is */ }
      res.on('finish', () => requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.search, status: res.statusCode, at: started, ms: Date.now() - started, body: loggedBody }));
      if (req.method === 'POST' && url.pathname === '/token') return token(res, raw, req.headers['content-type'] ?? '');
      const bearer = /^Bearer (\S+)$/u.exec(req.headers.authorization ?? '')?.[1];
      const expiry = bearer === undefined ? undefined : tokens.get(bearer);
      if (expiry === undefined || expiry <= Date.now()) return googleError(res, 401, 'Request had invalid authentication credentials.');
      const fault = faults.shift();
      if (fault !== undefined && !fault.afterProcessing) {
        if (fault.retryAfter !== undefined) res.setHeader('retry-after', fault.retryAfter);
        return googleError(res, fault.status, 'Injected by the stand-in.');
      }
      await route(req, res, url.pathname, url.searchParams, raw, fault);
    })().catch((error: unknown) => {
      violations.push(`stand-in crashed on ${req.method} ${url.pathname}: ${String(error)}`);
      if (!res.headersSent) googleError(res, 500, 'stand-in crash');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    peopleUrl: `${base}/v1`,
    tokenUrl: `${base}/token`,
    credentials: { clientId: credentials.clientId, clientSecret: credentials.clientSecret, refreshToken: credentials.refreshToken },
    violations, requests, people,
    living: () => [...people.values()].filter((person) => !person.deleted),
    failNext(count, status, faultOptions = {}) {
      for (let i = 0; i < count; i += 1) faults.push({ status, ...faultOptions });
    },
    onBatch(callback) { batchHook = callback; },
    deletePerson(resourceName) {
      const person = people.get(resourceName);
      if (person !== undefined) people.set(resourceName, { ...person, deleted: true, etag: newEtag() });
    },
    editPerson(resourceName) {
      const person = people.get(resourceName);
      if (person !== undefined) people.set(resourceName, { ...person, etag: newEtag() });
    },
    expireTokens() { tokens.clear(); },
    refuseWhere(predicate) { refused = predicate; },
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    }),
  };
}
