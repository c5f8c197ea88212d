// The last pass over the generated OpenAPI document (@fastify/swagger's `transformObject`), so that it lints clean
// with Redocly (redocly.yaml, scripts/lint-openapi.mjs, a step of `npm test`):
//   - `servers`: this server, relative (paths start with /api/v1);
//   - `tags`: every tag an operation uses, declared once with its description;
//   - every operation has an `operationId` (routes set their own, named as the web client's ENDPOINTS table names
//     them; one a route leaves out is made from its method and path);
//   - every refusal (4xx, 5xx) is an RFC 9457 problem, answered as `application/problem+json`: the routes' declared
//     problems change media type, and every operation also declares 400 (any request can be malformed, or carry a
//     NUL) and, unless it is public (`security: []`), 401.
type Json = Record<string, unknown>;

const TAG_DESCRIPTIONS: Record<string, string> = {
  accounts: 'Sign-up, sign-in and sign-out, and the caller\'s own account',
  'access-review': 'Who can see what: one user\'s contacts, and the org\'s users × owners and buckets (admins)',
  audit: 'The tamper-evident audit log (admins)',
  buckets: 'Named groups of contacts, shared as a whole',
  calendars: 'Calendars, tasks and events, and their feeds',
  contacts: 'Contacts: create, list and search, edit, archive, trash, reassign',
  grants: 'User grants: one user\'s contacts or calendar for a colleague or team',
  history: 'Messages, notes and calls on a contact',
  integrations: 'Your own sync connections (Mailchimp, Google Contacts) and their runs',
  invitations: 'Inviting people into the organisation',
  org: 'The organisation and its team-wide switches',
  pipelines: 'Pipelines shared by hand, their boards and cards (each card decided on its contact)',
  programs: 'Drip programs shared by hand, and their enrolments',
  shares: 'Record shares of one contact',
  system: 'Liveness',
  teams: 'Teams of users',
  templates: 'Message templates shared by hand',
  tokens: 'Personal API tokens',
  users: 'The organisation\'s users (admins)',
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };
const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details',
  properties: {
    type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' },
    code: { type: 'string', description: 'a stable TANDEM_<AREA>_<REASON> code (docs/errors.md)' },
  },
  required: ['type', 'title', 'status', 'detail', 'code'],
  additionalProperties: true,
};
const DEFAULT_PROBLEMS: Record<string, string> = {
  400: 'The request is not valid (TANDEM_INPUT_INVALID, TANDEM_REQUEST_*)',
  401: 'Sign in first (TANDEM_AUTH_REQUIRED)',
};

/** `GET /api/v1/contacts/{id}/shares` → `getContactsIdShares`: only for a route that names no operationId. */
export function operationIdOf(method: string, path: string): string {
  const words = [method, ...path.replace(/^\/api\/v1/, '').split(/[^A-Za-z0-9]+/)].filter(Boolean);
  return words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1))).join('');
}

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function asProblems(responses: Json, isPublic: boolean): Json {
  const out: Json = { ...responses };
  for (const [status, description] of Object.entries(DEFAULT_PROBLEMS)) {
    if (status === '401' && isPublic) continue;
    out[status] ??= { description };
  }
  for (const [status, response] of Object.entries(out)) {
    if (!/^[45]\d\d$/.test(status) || !isRecord(response)) continue;
    const { content: _content, ...rest } = response;
    out[status] = { ...rest, content: { 'application/problem+json': { schema: PROBLEM_REF } } };
  }
  return out;
}

/** Finishes the document in place (it is @fastify/swagger's, built once per app). */
export function finishOpenApi(doc: object): void {
  if (!isRecord(doc)) return;
  const used = new Set<string>();
  for (const [path, item] of Object.entries(isRecord(doc.paths) ? doc.paths : {})) {
    for (const method of METHODS) {
      const op: unknown = isRecord(item) ? item[method] : undefined;
      if (!isRecord(op)) continue;
      op.operationId ??= operationIdOf(method, path);
      if (Array.isArray(op.tags)) for (const tag of op.tags) used.add(String(tag));
      op.responses = asProblems(isRecord(op.responses) ? op.responses : {}, Array.isArray(op.security) && op.security.length === 0);
    }
  }
  const components = isRecord(doc.components) ? doc.components : {};
  doc.servers = [{ url: '/', description: 'This Tandem server (every path starts with /api/v1)' }];
  doc.tags = [...used].sort().map((name) => (TAG_DESCRIPTIONS[name] ? { name, description: TAG_DESCRIPTIONS[name] } : { name }));
  doc.components = { ...components, schemas: { ...(isRecord(components.schemas) ? components.schemas : {}), Problem: PROBLEM_SCHEMA } };
}
