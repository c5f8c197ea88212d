// The operations of the OpenAPI document the server generates (GET /api/openapi.json): every path and method with
// its parameters and JSON body schema, so the probes cover a route the day it is added, with no list to keep.
import type { FastifyInstance } from 'fastify';

export type Schema = Record<string, unknown>;
export type Param = { name: string; in: 'path' | 'query' | 'header'; required: boolean; schema: Schema };
export type Operation = {
  id: string; method: string; path: string; isPublic: boolean; params: Param[]; body: Schema | null; bodyTypes: string[];
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export async function readOperations(app: FastifyInstance): Promise<Operation[]> {
  const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  if (res.statusCode !== 200) throw new Error(`GET /api/openapi.json answered ${res.statusCode}`);
  const doc = JSON.parse(res.body) as { paths?: Record<string, Record<string, unknown>> };
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!isRecord(op)) continue;
      const params = (Array.isArray(op.parameters) ? op.parameters : []).filter(isRecord).map((p) => ({
        name: String(p.name), in: p.in as Param['in'], required: p.required === true, schema: isRecord(p.schema) ? p.schema : {},
      }));
      const content = isRecord(op.requestBody) && isRecord(op.requestBody.content) ? op.requestBody.content : {};
      const json = isRecord(content['application/json']) ? content['application/json'] : null;
      out.push({
        id: String(op.operationId ?? `${method} ${path}`), method: method.toUpperCase(), path, params,
        isPublic: Array.isArray(op.security) && op.security.length === 0,
        body: json && isRecord(json.schema) ? json.schema : null, bodyTypes: Object.keys(content),
      });
    }
  }
  return out;
}

/** `/api/v1/contacts/{id}/shares/{shareId}` with each `{name}` replaced (values are inserted as given: encode first). */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => values[name] ?? 'missing');
}

export const pathParamsOf = (op: Operation) => op.params.filter((p) => p.in === 'path');
