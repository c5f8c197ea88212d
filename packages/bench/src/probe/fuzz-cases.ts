// One fuzz case: an operation of the OpenAPI document and a malformed or hostile request for it, drawn by fast-check
// (seeded, so a run can be repeated): hostile path ids (other orgs', malformed, NUL, lone surrogates, too long),
// query values (negative or huge limits and offsets, far years, bad cursors, repeated and unknown parameters), bodies
// (wrong types, missing and extra fields, huge strings, deep JSON, malformed JSON, over 1 MiB), cursors shaped like
// the lists' own with hostile keys, wrong content types
// and credentials (bearer, cookie with and without its CSRF header, none, garbage).
import fc from 'fast-check';
import { fillPath, type Operation, type Param } from './openapi-ops.ts';
import type { Sent } from './target.ts';
import { encodePart, hostileFor, hostileStringArb, idArb, NUMBERISH, FAR_DATES, objectArb, RawJson, validArb, writeJson, type IdPool } from './fuzz-values.ts';

/** Who sends a case: a bearer session of the org's admin or a member, the admin's cookie session, or worse. */
export type Credentials = { admin: string; member: string };
export type Auth = 'admin' | 'member' | 'cookie' | 'cookie-no-csrf' | 'none' | 'garbage';

export type FuzzCase = { op: Operation; sent: Sent; auth: Auth; mutation: string };

const PATH_HOSTILE = ['not-a-uuid', '00000000-0000-0000-0000-000000000000', 'x'.repeat(101), '%00', 'a%00b', '%ED%A0%80', '%C0%AF', '..', '%2F', '%', '%zz', '%20', 'NaN', '-1', '1e400', '{id}'];

function authHeaders(auth: Auth, creds: Credentials, mutating: boolean): Record<string, string> {
  switch (auth) {
    case 'admin': return { authorization: `Bearer ${creds.admin}` };
    case 'member': return { authorization: `Bearer ${creds.member}` };
    case 'cookie': return { cookie: `tandem_session=${creds.admin}; tandem_csrf=probe-csrf`, ...(mutating ? { 'x-csrf-token': 'probe-csrf' } : {}) };
    case 'cookie-no-csrf': return { cookie: `tandem_session=${creds.admin}; tandem_csrf=probe-csrf`, 'x-csrf-token': 'another' };
    case 'none': return {};
    case 'garbage': return { authorization: 'Bearer \u0000not-a-token' };
  }
}

const authArb: fc.Arbitrary<Auth> = fc.oneof(
  { weight: 12, arbitrary: fc.constant('admin' as const) }, { weight: 5, arbitrary: fc.constant('member' as const) },
  { weight: 3, arbitrary: fc.constant('cookie' as const) }, { weight: 1, arbitrary: fc.constant('cookie-no-csrf' as const) },
  { weight: 1, arbitrary: fc.constant('none' as const) }, { weight: 1, arbitrary: fc.constant('garbage' as const) },
);

function pathValueArb(param: Param, pool: IdPool): fc.Arbitrary<string> {
  const valid = param.schema.enum ? validArb(param.schema, param.name, pool).map(String) : idArb(pool);
  return fc.oneof({ weight: 4, arbitrary: valid.map(encodePart) }, { weight: 1, arbitrary: fc.constantFrom(...PATH_HOSTILE) }, { weight: 1, arbitrary: hostileStringArb.map((s) => encodePart(s.slice(0, 300))) });
}

/**
 * Cursors shaped like the ones lists give out (base64url JSON of `[order?, ...key, id]`) whose keys are hostile: the
 * text guard sees only base64 in the query, so what the key holds reaches the list's SQL unless decoding refuses it.
 */
function cursorArb(op: Operation, pool: IdPool): fc.Arbitrary<string> {
  const sort = op.params.find((p) => p.in === 'query' && p.name === 'sort')?.schema.enum as string[] | undefined;
  const key = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('a\u0000b', '\u0000', '\ud800', 'x\udfffy', '', ' ') },
    { weight: 3, arbitrary: fc.constantFrom(...NUMBERISH, ...FAR_DATES, 'Infinity', '-Infinity', '8640000000000001', '253402300800000') },
    { weight: 1, arbitrary: hostileStringArb.map((x) => x.slice(0, 2_000)) },
  );
  const id = idArb(pool);
  const order = sort?.length ? fc.constantFrom(...sort) : fc.constant('name');
  const shapes = fc.oneof(
    { weight: 3, arbitrary: fc.tuple(key, id).map((t) => [...t]) },
    { weight: 2, arbitrary: fc.tuple(order, key, id).map((t) => [...t]) },
    { weight: 1, arbitrary: fc.tuple(order, key, key, id).map((t) => [...t]) },
    { weight: 1, arbitrary: fc.tuple(key).map((t) => [...t]) },
    { weight: 1, arbitrary: fc.array(fc.oneof(key, id, fc.jsonValue({ maxDepth: 1 })), { maxLength: 4 }) },
  );
  return shapes.map((parts) => Buffer.from(JSON.stringify(parts)).toString('base64url'));
}

function queryValueArb(param: Param, pool: IdPool, op: Operation): fc.Arbitrary<string | undefined> {
  const valid = validArb(param.schema, param.name, pool).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  if (param.name === 'cursor') {
    return fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 4, arbitrary: cursorArb(op, pool) }, { weight: 1, arbitrary: valid }, { weight: 1, arbitrary: hostileStringArb });
  }
  const hostile = fc.oneof(fc.constantFrom(...NUMBERISH, ...FAR_DATES, 'true', 'false', '', 'eyJ4IjoxfQ', 'bm90IGpzb24', '!!!', 'AAAA'), hostileStringArb);
  return fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 3, arbitrary: valid }, { weight: 3, arbitrary: hostile });
}

/** The query string: each declared parameter absent, valid or hostile; sometimes repeated, unknown or malformed. */
function queryArb(op: Operation, pool: IdPool): fc.Arbitrary<{ text: string; note: string }> {
  const params = op.params.filter((p) => p.in === 'query');
  // Half the time one parameter only is hostile and the others valid or absent, so it reaches the code behind them.
  const calm = (p: Param) => fc.option(validArb(p.schema, p.name, pool).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))), { nil: undefined });
  const oneHostile = params.length
    ? fc.integer({ min: 0, max: params.length - 1 }).chain((h) => fc.tuple(...params.map((p, i) => (i === h ? queryValueArb(p, pool, op) : calm(p)))))
    : fc.constant([] as (string | undefined)[]);
  const values = fc.oneof(fc.tuple(...params.map((p) => queryValueArb(p, pool, op))), oneHostile);
  const extra = fc.oneof(
    { weight: 6, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constant('&unknown=1') }, { weight: 1, arbitrary: fc.constant('&%zz=1') },
    { weight: 1, arbitrary: fc.constant(params[0] ? `&${params[0].name}=1&${params[0].name}=2` : '&a=1&a=2') },
    { weight: 1, arbitrary: fc.constant('&__proto__[x]=1&constructor=1') },
  );
  return fc.tuple(values, extra).map(([vals, more]) => {
    const parts = params.flatMap((p, i) => (vals[i] === undefined ? [] : [`${encodeURIComponent(p.name)}=${encodePart(vals[i] as string)}`]));
    const text = parts.join('&') + more;
    return { text, note: more ? 'odd query' : parts.length ? 'query values' : '' };
  });
}

/** The name of a field the schema does not have: plain, or itself hostile (NUL, lone surrogate, prototype names). */
const extraKeyArb = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('a\u0000b', '\u0000', '\ud800', 'x\udfff', 'constructor', 'toString', '$where', 'x'.repeat(5_000)));

type Body = { payload?: string; contentType?: string; note: string };

/** A body for the operation: a valid one now and then, mostly one mutated in one place, or not JSON at all. */
function bodyArb(op: Operation, pool: IdPool): fc.Arbitrary<Body> {
  const schema = op.body ?? { type: 'object', properties: {} };
  const props = Object.entries((schema.properties ?? {}) as Record<string, Record<string, unknown>>);
  const required = (schema.required ?? []) as string[];
  const valid = schema.type === 'object' ? objectArb(schema, pool) : validArb(schema, 'body', pool);
  const json = (note: string) => (value: unknown): Body => ({ payload: writeJson(value), contentType: 'application/json', note });
  const choices: { weight: number; arbitrary: fc.Arbitrary<Body> }[] = [
    { weight: 3, arbitrary: valid.map(json('valid body')) },
    { weight: 1, arbitrary: fc.tuple(valid, extraKeyArb, hostileFor({}, 'extra', pool)).map(([v, k, x]) => json('extra field')({ ...(v as object), [k || 'extra']: x })) },
    { weight: 2, arbitrary: hostileFor({}, 'body', pool).map(json('hostile body')) },
    { weight: 1, arbitrary: fc.constantFrom('{"name": ', '{"a":1}}', '\u0000', '{"a":"\\ud800"}', "{'a':1}", '[1,2', 'nul', '{"a":1,"a":2}', '\uFEFF{}').map((payload) => ({ payload, contentType: 'application/json', note: 'malformed JSON' })) },
    { weight: 1, arbitrary: fc.constantFrom(1_048_577, 2_000_000).map((n) => ({ payload: `{"name":"${'x'.repeat(n)}"}`, contentType: 'application/json', note: 'over 1 MiB' })) },
    { weight: 1, arbitrary: fc.tuple(valid, fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/json; charset=utf-16', 'application/problem+json', '', ';;;'))
      .map(([v, contentType]) => ({ payload: writeJson(v), contentType, note: `content type ${contentType || '(empty)'}` })) },
    { weight: 1, arbitrary: fc.constant({ note: 'no body' }) },
  ];
  if (props.length) {
    choices.push({ weight: 5, arbitrary: fc.tuple(valid, fc.constantFrom(...props)).chain(([v, [key, s]]) => hostileFor(s, key, pool).map((x) => json(`hostile ${key}`)({ ...(v as object), [key]: x }))) });
  }
  if (required.length) {
    choices.push({ weight: 1, arbitrary: fc.tuple(valid, fc.constantFrom(...required)).map(([v, key]) => {
      const copy = { ...(v as Record<string, unknown>) };
      delete copy[key];
      return json(`missing ${key}`)(copy);
    }) });
  }
  return fc.oneof(...choices);
}

function idempotencyArb(op: Operation): fc.Arbitrary<Record<string, string>> {
  if (!op.params.some((p) => p.in === 'header' && p.name === 'idempotency-key')) return fc.constant({});
  return fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 2, arbitrary: fc.uuid().map((k) => ({ 'idempotency-key': k })) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', 'x'.repeat(300), 'é', 'same-key').map((k) => ({ 'idempotency-key': k })) });
}

export function caseArb(op: Operation, pool: IdPool, creds: Credentials): fc.Arbitrary<FuzzCase> {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const mutating = op.method !== 'GET';
  const hasBody = op.body !== null || op.bodyTypes.length > 0;
  return fc.tuple(
    fc.tuple(...pathParams.map((p) => pathValueArb(p, pool))), queryArb(op, pool),
    hasBody ? bodyArb(op, pool) : fc.oneof({ weight: 5, arbitrary: fc.constant<Body>({ note: '' }) }, { weight: 1, arbitrary: bodyArb(op, pool) }),
    authArb, idempotencyArb(op),
  ).map(([paths, query, body, auth, idem]) => {
    const url = fillPath(op.path, Object.fromEntries(pathParams.map((p, i) => [p.name, paths[i] as string]))) + (query.text ? `?${query.text.replace(/^&/, '')}` : '');
    const headers: Record<string, string> = { ...authHeaders(auth, creds, mutating), ...idem };
    if (body.contentType !== undefined) headers['content-type'] = body.contentType;
    const sent: Sent = { method: op.method, url, headers, ...(body.payload !== undefined ? { payload: body.payload } : {}) };
    return { op, sent, auth, mutation: [body.note, query.note].filter(Boolean).join(', ') || 'ids' };
  });
}

export { RawJson };
