// The contact routes are documented in the generated OpenAPI document, with their tags.
import { expect, it } from 'vitest';
import { expectStatus } from './support/api-client.ts';
import { useTestApp } from './support/test-app.ts';

const t = useTestApp();

it('documents every contact, share, history, access and bucket route', async () => {
  const doc = expectStatus(await t.api.openapi(), 200);
  const expected: Record<string, string[]> = {
    '/api/v1/contacts': ['get', 'post'],
    '/api/v1/contacts/{id}': ['get', 'patch', 'delete'],
    '/api/v1/contacts/{id}/archive': ['post'],
    '/api/v1/contacts/{id}/unarchive': ['post'],
    '/api/v1/contacts/{id}/restore': ['post'],
    '/api/v1/contacts/{id}/purge': ['post'],
    '/api/v1/contacts/{id}/reassign': ['post'],
    '/api/v1/users/{id}/reassign-contacts': ['post'],
    '/api/v1/contacts/{id}/shares': ['get', 'post'],
    '/api/v1/contacts/{id}/shares/{shareId}': ['patch', 'delete'],
    '/api/v1/contacts/{id}/history': ['get'],
    '/api/v1/contacts/{id}/messages': ['post'],
    '/api/v1/contacts/{id}/notes': ['post'],
    '/api/v1/contacts/{id}/calls': ['post'],
    '/api/v1/contacts/{id}/access': ['get'],
    '/api/v1/buckets': ['get', 'post'],
    '/api/v1/buckets/{id}': ['get', 'patch', 'delete'],
    '/api/v1/buckets/{id}/contacts': ['post'],
    '/api/v1/buckets/{id}/contacts/{contactId}': ['delete'],
    '/api/v1/buckets/{id}/shares': ['get', 'post'],
    '/api/v1/buckets/{id}/shares/{shareId}': ['patch', 'delete'],
  };
  for (const [path, methods] of Object.entries(expected)) {
    expect(Object.keys(doc.paths[path] ?? {}).sort(), path).toEqual([...methods].sort());
    for (const m of methods) expect(doc.paths[path]?.[m]?.tags?.length, `${m} ${path}`).toBeGreaterThan(0);
  }
  const contact = doc.paths['/api/v1/contacts/{id}']?.get?.responses?.['200']?.content?.['application/json']?.schema;
  expect(JSON.stringify(contact)).toContain('shareLevels');
});
