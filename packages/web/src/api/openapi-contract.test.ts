// The typed client is checked against the server's generated OpenAPI document: every method + path in
// ENDPOINTS must be documented at GET /api/openapi.json (path parameter names may differ), as the operation of the
// same name (its operationId). The models the client reads are @tandem/api's types, inferred from the very schemas
// the document is generated from, so their fields cannot drift (models.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../server/src/clock.ts';
import { buildApp } from '../../../server/src/http/app.ts';
import type { DbHandle } from '../../../server/src/storage/connect.ts';
import { freshDatabase } from '../../../server/test/support/databases.ts';
import { ENDPOINTS } from './endpoints.ts';

type Operation = { operationId?: string };
type OpenApiDoc = { openapi: string; paths: Record<string, Record<string, Operation>> };

/** `/api/v1/contacts/:id` and `/api/v1/contacts/{contactId}` both become `/api/v1/contacts/{}`. */
function normalise(path: string): string {
  return path.replace(/:[A-Za-z]+/g, '{}').replace(/\{[^}]+\}/g, '{}');
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

  it('names each endpoint as the document names its operation', () => {
    const named = Object.entries(ENDPOINTS)
      .filter(([name, e]) => operation(doc, e.method, e.path)?.operationId !== name)
      .map(([name, e]) => `${name}: ${e.method} ${e.path} is ${operation(doc, e.method, e.path)?.operationId ?? 'undocumented'}`);
    expect(named).toEqual([]);
  });
});
