import { describe, expect, it } from 'vitest';
import { expectStatus, outcome } from './support/api-client.ts';
import { useTestApp } from './support/test-app.ts';

describe('health and docs', () => {
  const t = useTestApp();

  it('answers ok once migrated', async () => {
    const res = await t.api.health();
    expect(res).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('serves an OpenAPI 3.1 document', async () => {
    const res = await t.api.openapi();
    const doc = expectStatus(res, 200);
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/health');
  });

  it('answers unknown API routes with problem details', async () => {
    const res = await t.api.call('GET', '/api/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(outcome(res).code).toBe('TANDEM_NOT_FOUND');
  });
});
