// Text that PostgreSQL cannot store never reaches it. A NUL character (U+0000) cannot be sent as text or jsonb, and
// an unpaired UTF-16 surrogate ("\ud800" in JSON) cannot be written as jsonb (text columns silently get U+FFFD).
// One preHandler hook on the whole app checks every string, and every property name, of the parameters, the query
// and the body of every request, so no route can forget it (docs/decisions.md D14). It runs after the route's own
// preValidation (401 before 400, as everywhere) and its schema, and before its handler; a refusal is a 400
// TANDEM_INPUT_INVALID naming each field, shaped as a validation error.
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../errors.ts';

const NUL = '\u0000';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MAX_ISSUES = 20;

/** Why the database cannot store `text`, or null when it can. */
export function unstorableText(text: string): string | null {
  if (text.includes(NUL)) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must not contain an unpaired UTF-16 surrogate';
  return null;
}

export type TextIssue = { path: string; message: string };

/** Every unstorable string in `value` (depth-first, at most 20), with its path written as validation issues are ("emails.0"). */
export function findUnstorableText(value: unknown): TextIssue[] {
  const issues: TextIssue[] = [];
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (stack.length > 0 && issues.length < MAX_ISSUES) {
    const item = stack.pop() as { value: unknown; path: string[] };
    if (typeof item.value === 'string') {
      const message = unstorableText(item.value);
      if (message) issues.push({ path: item.path.join('.'), message });
    } else if (Array.isArray(item.value)) {
      for (let i = item.value.length - 1; i >= 0; i -= 1) stack.push({ value: item.value[i], path: [...item.path, String(i)] });
    } else if (item.value !== null && typeof item.value === 'object' && !Buffer.isBuffer(item.value)) {
      const entries = Object.entries(item.value as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const [key, child] = entries[i] as [string, unknown];
        const message = unstorableText(key);
        if (message) issues.push({ path: [...item.path, key].join('.'), message: `property name ${message}` });
        else stack.push({ value: child, path: [...item.path, key] });
      }
    }
  }
  return issues.slice(0, MAX_ISSUES);
}

function checkRequest(request: FastifyRequest): void {
  if (request.is404) return;
  const issues = [request.params, request.query, request.body].flatMap(findUnstorableText);
  if (issues.length === 0) return;
  const detail = issues.map((i) => `${i.path ? `${i.path}: ` : ''}${i.message}`).join('; ');
  throw new AppError('TANDEM_INPUT_INVALID', detail, { issues });
}

export const textGuardPlugin = fp(async (app) => {
  app.addHook('preHandler', async (request) => checkRequest(request));
});
