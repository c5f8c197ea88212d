// The one typed client of the API tests: a method per endpoint, grouped by resource, always in the same order —
// the path ids, then the body (where the endpoint takes one), then `{ as, query, headers }` (omit `as` for an
// anonymous call). Every method answers `Answer<…>` typed by the route's success statuses (api-types.ts); read a
// body with `expectStatus(answer, 201)`, a refusal with `outcome(answer)`.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { expect } from 'vitest';
import type {
  AccessHoldersDto, Answer, ApiTokenDto, AuditEntryDto, AuditCheckpointDto, AuditVerdictDto, BucketDto, BucketShareDto, ContactDto, ContactPageDto, Delivery, ExplanationDto, GrantDto,
  HistoryItemDto, InvitationDto, InvitationLinkDto, List, NoContent, OpenApiDocument, OrgDto, OrgSettingsDto, Page, Responses, ShareDto,
  SignInDto, SignUpDto, SomeAnswer, TeamDto, UserDto,
} from './api-types.ts';

/** Who calls: a bearer token (session or API token), or anything carrying one (a world's user). */
export type As = string | { token: string } | undefined;
export type Query = Record<string, string | number | boolean | null | undefined>;
export type Options = { as?: As; query?: Query; headers?: Record<string, string> };
/** A request body. Left loose on purpose: tests send invalid bodies too. */
export type Body = object;
export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

const V1 = '/api/v1';

/** One request through `inject`. JSON and problem bodies are parsed; anything else is the text. */
async function send<R extends Responses>(app: FastifyInstance, method: Method, url: string, o: Options & { body?: unknown } = {}): Promise<Answer<R>> {
  const token = typeof o.as === 'string' ? o.as : o.as?.token;
  const query = Object.fromEntries(Object.entries(o.query ?? {}).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
  const request: InjectOptions = {
    method,
    url,
    query,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...o.headers },
    ...(o.body !== undefined ? { payload: o.body as InjectOptions['payload'] } : {}),
  };
  const res = await app.inject(request);
  const text = res.body;
  const body: unknown = text && /json/.test(String(res.headers['content-type'] ?? '')) ? JSON.parse(text) : text;
  return { status: res.statusCode, body, headers: res.headers } as Answer<R>;
}

type Ok<T> = { 200: T };
type Created<T> = { 201: T };

/** The client over an app, or over a getter for one (so it can be made before the app exists). */
export function apiClient(appOrGetter: FastifyInstance | (() => FastifyInstance)) {
  const app = typeof appOrGetter === 'function' ? (appOrGetter as () => FastifyInstance) : () => appOrGetter;
  const get = <R extends Responses>(url: string, o?: Options) => send<R>(app(), 'GET', url, o);
  const post = <R extends Responses>(url: string, body: Body, o?: Options) => send<R>(app(), 'POST', url, { ...o, body });
  const patch = <R extends Responses>(url: string, body: Body, o?: Options) => send<R>(app(), 'PATCH', url, { ...o, body });
  const put = <R extends Responses>(url: string, body: Body, o?: Options) => send<R>(app(), 'PUT', url, { ...o, body });
  const del = (url: string, o?: Options) => send<NoContent>(app(), 'DELETE', url, o);
  /** POST without a body: the lifecycle verbs send `{}`, as a browser's fetch with a JSON content type would. */
  const act = <R extends Responses>(url: string, o?: Options) => post<R>(url, {}, o);
  const contact = (id: string) => `${V1}/contacts/${id}`;
  const bucket = (id: string) => `${V1}/buckets/${id}`;
  const team = (id: string) => `${V1}/teams/${id}`;

  return {
    /** Any request, for routes without a method here. Type the success bodies you read: `call<{ 200: X }>(…)`. */
    call: <R extends Responses = Ok<unknown>>(method: Method, url: string, o: Options & { body?: unknown } = {}) => send<R>(app(), method, url, o),
    health: (o?: Options) => get<Ok<{ status: 'ok' }>>(`${V1}/health`, o),
    openapi: (o?: Options) => get<Ok<OpenApiDocument>>('/api/openapi.json', o),

    signup: (body: Body, o?: Options) => post<Created<SignUpDto>>(`${V1}/signup`, body, o),
    me: (o?: Options) => get<Ok<{ user: UserDto; org: OrgDto }>>(`${V1}/me`, o),
    /** The caller's own account. */
    profile: {
      /** PATCH /me: `{ name?, email?, currentPassword? }`. */
      update: (body: Body, o?: Options) => patch<Ok<{ user: UserDto }>>(`${V1}/me`, body, o),
      /** PUT /me/password: `{ currentPassword, newPassword }`. */
      changePassword: (body: Body, o?: Options) => put<Ok<{ token: string | null; csrfToken: string | null }>>(`${V1}/me/password`, body, o),
    },
    passwordResets: {
      /** POST /password-resets (anyone): `{ email }`. */
      request: (body: Body, o?: Options) => post<{ 202: { delivery: 'sent' | 'logged' } }>(`${V1}/password-resets`, body, o),
      /** POST /password-resets/complete (anyone with a link): `{ token, password }`. */
      complete: (body: Body, o?: Options) => post<Ok<SignInDto>>(`${V1}/password-resets/complete`, body, o),
    },
    invitations: {
      create: (body: Body, o?: Options) => post<Created<{ invitation: InvitationDto; delivery: Delivery }>>(`${V1}/invitations`, body, o),
      list: (o?: Options) => get<Ok<Page<InvitationDto> & { mailDelivery: 'sent' | 'logged' }>>(`${V1}/invitations`, o),
      revoke: (id: string, o?: Options) => del(`${V1}/invitations/${id}`, o),
      /** POST /invitations/lookup (anyone with a link): `{ token }`. */
      lookup: (body: Body, o?: Options) => post<Ok<{ invitation: InvitationLinkDto }>>(`${V1}/invitations/lookup`, body, o),
      /** POST /invitations/accept (anyone with a link): `{ token, password, name? }`. */
      accept: (body: Body, o?: Options) => post<Created<SignUpDto>>(`${V1}/invitations/accept`, body, o),
    },
    sessions: {
      signIn: (body: Body, o?: Options) => post<Created<SignInDto>>(`${V1}/sessions`, body, o),
      signOut: (o?: Options) => del(`${V1}/sessions/current`, o),
    },
    users: {
      list: (o?: Options) => get<Ok<Page<UserDto & { lockedUntil?: string | null }>>>(`${V1}/users`, o),
      /** POST /users/:id/unlock (admins): lifts a sign-in lock (D46). */
      unlock: (id: string, o?: Options) => act<Ok<{ user: UserDto & { lockedUntil?: string | null } }>>(`${V1}/users/${id}/unlock`, o),
      create: (body: Body, o?: Options) => post<Created<{ user: UserDto }>>(`${V1}/users`, body, o),
      update: (id: string, body: Body, o?: Options) => patch<Ok<{ user: UserDto }>>(`${V1}/users/${id}`, body, o),
      /** POST /users/:id/reassign-contacts (admins): `{ toUserId }`. */
      reassignContacts: (id: string, body: Body, o?: Options) => post<Ok<{ moved: number }>>(`${V1}/users/${id}/reassign-contacts`, body, o),
      /** PUT /users/:id/password (admins): `{ password }`. */
      setPassword: (id: string, body: Body, o?: Options) => put<NoContent>(`${V1}/users/${id}/password`, body, o),
      /** POST /users/:id/password-reset (admins): e-mails a reset link. */
      sendPasswordReset: (id: string, o?: Options) => act<{ 202: { delivery: Delivery; expiresAt: string } }>(`${V1}/users/${id}/password-reset`, o),
    },
    teams: {
      list: (o?: Options) => get<Ok<List<TeamDto>>>(`${V1}/teams`, o),
      create: (body: Body, o?: Options) => post<Created<{ team: TeamDto }>>(`${V1}/teams`, body, o),
      rename: (id: string, body: Body, o?: Options) => patch<Ok<{ team: TeamDto }>>(team(id), body, o),
      setMembers: (id: string, body: Body, o?: Options) => put<Ok<{ team: TeamDto }>>(`${team(id)}/members`, body, o),
      delete: (id: string, o?: Options) => del(team(id), o),
    },
    org: {
      settings: (o?: Options) => get<Ok<OrgSettingsDto>>(`${V1}/org/settings`, o),
      updateSettings: (body: Body, o?: Options) => patch<Ok<OrgSettingsDto>>(`${V1}/org/settings`, body, o),
      update: (body: Body, o?: Options) => patch<Ok<{ org: OrgDto }>>(`${V1}/org`, body, o),
    },
    grants: {
      create: (ownerId: string, body: Body, o?: Options) => post<Created<{ grant: GrantDto }>>(`${V1}/users/${ownerId}/grants`, body, o),
      /** GET /users/:ownerId/grants. */
      listOf: (ownerId: string, o?: Options) => get<Ok<List<GrantDto>>>(`${V1}/users/${ownerId}/grants`, o),
      list: (o?: Options) => get<Ok<List<GrantDto>>>(`${V1}/grants`, o),
      revoke: (id: string, o?: Options) => del(`${V1}/grants/${id}`, o),
    },
    audit: {
      list: (o?: Options) => get<Ok<Page<AuditEntryDto>>>(`${V1}/audit`, o),
      verify: (o?: Options) => get<Ok<AuditVerdictDto>>(`${V1}/audit/verify`, o),
      checkpoint: (o?: Options) => get<Ok<AuditCheckpointDto>>(`${V1}/audit/checkpoint`, o),
      /** POST /audit/verify (admins): the chain and a checkpoint checked against it (D51). */
      verifyCheckpoint: (checkpoint: Body, o?: Options) => post<Ok<AuditVerdictDto & { checkpoint: string; signedBy: 'server' | 'offline' | null }>>(`${V1}/audit/verify`, checkpoint, o),
    },
    tokens: {
      create: (body: Body, o?: Options) => post<Created<{ apiToken: ApiTokenDto; token: string }>>(`${V1}/tokens`, body, o),
      list: (o?: Options) => get<Ok<List<ApiTokenDto>>>(`${V1}/tokens`, o),
      revoke: (id: string, o?: Options) => del(`${V1}/tokens/${id}`, o),
    },
    contacts: {
      create: (body: Body, o?: Options) => post<Created<{ contact: ContactDto }>>(`${V1}/contacts`, body, o),
      /** GET /contacts: `query: { q, sort, ownerId, tag, bucketId, scope, archived, trash, count, limit, cursor }`. */
      list: (o?: Options) => get<Ok<ContactPageDto>>(`${V1}/contacts`, o),
      get: (id: string, o?: Options) => get<Ok<{ contact: ContactDto }>>(contact(id), o),
      update: (id: string, body: Body, o?: Options) => patch<Ok<{ contact: ContactDto }>>(contact(id), body, o),
      delete: (id: string, o?: Options) => del(contact(id), o),
      archive: (id: string, o?: Options) => act<Ok<{ contact: ContactDto }>>(`${contact(id)}/archive`, o),
      unarchive: (id: string, o?: Options) => act<Ok<{ contact: ContactDto }>>(`${contact(id)}/unarchive`, o),
      restore: (id: string, o?: Options) => act<Ok<{ contact: ContactDto }>>(`${contact(id)}/restore`, o),
      purge: (id: string, o?: Options) => act<NoContent>(`${contact(id)}/purge`, o),
      /** POST /contacts/:id/reassign: `{ ownerId }`. */
      reassign: (id: string, body: Body, o?: Options) => post<Ok<{ contact: ContactDto }>>(`${contact(id)}/reassign`, body, o),
      /** GET /contacts/:id/access; `query: { userId }` asks about someone else. */
      explain: (id: string, o?: Options) => get<Ok<ExplanationDto>>(`${contact(id)}/access`, o),
      /** GET /contacts/:id/access/holders: everyone with access, with their sources. */
      accessHolders: (id: string, o?: Options) => get<Ok<AccessHoldersDto>>(`${contact(id)}/access/holders`, o),
    },
    shares: {
      list: (contactId: string, o?: Options) => get<Ok<List<ShareDto>>>(`${contact(contactId)}/shares`, o),
      create: (contactId: string, body: Body, o?: Options) => post<Created<{ share: ShareDto }>>(`${contact(contactId)}/shares`, body, o),
      update: (contactId: string, shareId: string, body: Body, o?: Options) => patch<Ok<{ share: ShareDto }>>(`${contact(contactId)}/shares/${shareId}`, body, o),
      revoke: (contactId: string, shareId: string, o?: Options) => del(`${contact(contactId)}/shares/${shareId}`, o),
    },
    history: {
      list: (contactId: string, o?: Options) => get<Ok<Page<HistoryItemDto>>>(`${contact(contactId)}/history`, o),
      sendMessage: (contactId: string, body: Body, o?: Options) => post<Created<{ message: HistoryItemDto }>>(`${contact(contactId)}/messages`, body, o),
      logNote: (contactId: string, body: Body, o?: Options) => post<Created<{ note: HistoryItemDto }>>(`${contact(contactId)}/notes`, body, o),
      logCall: (contactId: string, body: Body, o?: Options) => post<Created<{ call: HistoryItemDto }>>(`${contact(contactId)}/calls`, body, o),
    },
    buckets: {
      list: (o?: Options) => get<Ok<Page<BucketDto>>>(`${V1}/buckets`, o),
      create: (body: Body, o?: Options) => post<Created<{ bucket: BucketDto }>>(`${V1}/buckets`, body, o),
      get: (id: string, o?: Options) => get<Ok<{ bucket: BucketDto }>>(bucket(id), o),
      rename: (id: string, body: Body, o?: Options) => patch<Ok<{ bucket: BucketDto }>>(bucket(id), body, o),
      delete: (id: string, o?: Options) => del(bucket(id), o),
      /** POST /buckets/:id/contacts: `{ contactIds }`. */
      addContacts: (id: string, body: Body, o?: Options) => post<Ok<{ bucket: BucketDto }>>(`${bucket(id)}/contacts`, body, o),
      removeContact: (id: string, contactId: string, o?: Options) => del(`${bucket(id)}/contacts/${contactId}`, o),
      listShares: (id: string, o?: Options) => get<Ok<List<BucketShareDto>>>(`${bucket(id)}/shares`, o),
      share: (id: string, body: Body, o?: Options) => post<Created<{ share: BucketShareDto }>>(`${bucket(id)}/shares`, body, o),
      updateShare: (id: string, shareId: string, body: Body, o?: Options) => patch<Ok<{ share: BucketShareDto }>>(`${bucket(id)}/shares/${shareId}`, body, o),
      revokeShare: (id: string, shareId: string, o?: Options) => del(`${bucket(id)}/shares/${shareId}`, o),
    },
  };
}
export type ApiClient = ReturnType<typeof apiClient>;

/** The body of an answer with `status`: the route's type for a success, a Problem for a refusal. */
export type BodyAt<A extends SomeAnswer, S extends number> = number extends A['status'] ? A['body'] : Extract<A, { status: S }>['body'];

/** Fails the test with the answer unless it has `status`; returns the body, typed by the route. */
export function expectStatus<A extends SomeAnswer, S extends A['status']>(answer: A, status: S): BodyAt<A, S> {
  if (answer.status !== status) expect.fail(`expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body as BodyAt<A, S>;
}

function codeOf(body: unknown): string | undefined {
  return typeof body === 'object' && body !== null && 'code' in body && typeof body.code === 'string' ? body.code : undefined;
}

/** Asserts nothing; the status, and for a refusal the problem code, for compact expectations. */
export function outcome(answer: SomeAnswer): { status: number; code?: string } {
  return answer.status >= 400 ? { status: answer.status, code: codeOf(answer.body) } : { status: answer.status };
}

/** The cookies an answer set, as a request `cookie` header, and the CSRF value. */
export function cookiesOf(answer: SomeAnswer): { cookie: string; csrf: string } {
  const raw = answer.headers['set-cookie'];
  const list = (Array.isArray(raw) ? raw : [raw]).filter((c): c is string => typeof c === 'string');
  const pairs = list.map((c) => c.split(';')[0] as string);
  const csrf = pairs.find((p) => p.startsWith('tandem_csrf='))?.slice('tandem_csrf='.length) ?? '';
  return { cookie: pairs.join('; '), csrf };
}

/** A unique e-mail for users made through the API. */
let counter = 0;
export function uniqueEmail(name = 'user'): string {
  counter += 1;
  return `${name}.${process.pid}.${Date.now().toString(36)}.${counter}@example.test`;
}
