// The typed client is checked against the server's generated OpenAPI document: every method + path in
// ENDPOINTS must be documented at GET /api/openapi.json (path parameter names may differ), and the models the
// client reads (model-fields.ts) must have exactly the fields of the documented response schemas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../server/src/clock.ts';
import { buildApp } from '../../../server/src/http/app.ts';
import type { DbHandle } from '../../../server/src/storage/connect.ts';
import { freshDatabase } from '../../../server/test/support/databases.ts';
import { ENDPOINTS } from './endpoints.ts';
import { MODEL_CHECKS } from './model-fields.ts';

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[]; $ref?: string };
type Operation = { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> };
type OpenApiDoc = { openapi: string; paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

/** `/api/v1/contacts/:id` and `/api/v1/contacts/{contactId}` both become `/api/v1/contacts/{}`. */
function normalise(path: string): string {
  return path.replace(/:[A-Za-z]+/g, '{}').replace(/\{[^}]+\}/g, '{}');
}

/** Follows $ref and picks the object branch of a nullable union. */
function resolve(doc: OpenApiDoc, schema: Schema | undefined): Schema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) return resolve(doc, doc.components?.schemas?.[schema.$ref.split('/').pop() ?? '']);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return resolve(doc, union.find((s) => s.type !== 'null'));
  return schema;
}

function walk(doc: OpenApiDoc, root: Schema | undefined, path: string): Schema | undefined {
  let here = resolve(doc, root);
  for (const step of path.match(/\.[A-Za-z]+|\[\]/g) ?? []) {
    here = resolve(doc, step === '[]' ? here?.items : here?.properties?.[step.slice(1)]);
  }
  return here;
}

function operation(doc: OpenApiDoc, method: string, path: string): Operation | undefined {
  const wanted = normalise(path);
  const found = Object.entries(doc.paths).find(([p]) => normalise(p) === wanted);
  return found?.[1][method.toLowerCase()];
}

describe('web API client against the OpenAPI document', () => {
  let doc: OpenApiDoc;
  let handle: DbHandle;
  let close: () => Promise<void>;

  beforeAll(async () => {
    handle = await freshDatabase('pglite');
    const app = await buildApp({ db: handle.db, clock: manualClock(), logger: false });
    await app.ready();
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    doc = JSON.parse(res.body) as OpenApiDoc;
    close = async () => {
      await app.close();
      await handle.close();
    };
  });
  afterAll(async () => close?.());

  it('documents every endpoint the web app calls', () => {
    const documented = new Set<string>();
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods)) documented.add(`${method.toUpperCase()} ${normalise(path)}`);
    }
    const missing = Object.entries(ENDPOINTS)
      .filter(([, e]) => !documented.has(`${e.method} ${normalise(e.path)}`))
      .map(([name, e]) => `${name}: ${e.method} ${e.path}`);
    expect(missing).toEqual([]);
  });

  it.each(MODEL_CHECKS.map((c) => [`${c.endpoint} ${c.status} ${c.path || '(body)'}`, c] as const))('reads only documented fields: %s', (_, check) => {
    const endpoint = ENDPOINTS[check.endpoint];
    const schema = operation(doc, endpoint.method, endpoint.path)?.responses?.[String(check.status)]?.content?.['application/json']?.schema;
    const object = walk(doc, schema, check.path);
    expect(object?.properties, `${endpoint.method} ${endpoint.path} has no object at ${check.path || 'the top'}`).toBeDefined();
    expect(Object.keys(object?.properties ?? {}).sort()).toEqual([...check.fields].sort());
  });
});
