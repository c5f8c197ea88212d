// Security headers (D44): the strict CSP, frame denial, nosniff and no referrer on every answer; HSTS only when the
// public URL is https; the API docs page gets its own, equally narrow policy (swagger-ui's own files only).
import { describe, expect, it } from 'vitest';
import { useTestApp } from './support/test-app.ts';

function directives(header: unknown): Map<string, string> {
  expect(typeof header).toBe('string');
  return new Map(String(header).split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...values] = d.split(/\s+/);
    return [name!, values.join(' ')];
  }));
}

describe('security headers over plain HTTP', () => {
  const t = useTestApp();

  it('sends a strict CSP, frame denial, nosniff and no referrer, and no HSTS', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    const csp = directives(res.headers['content-security-policy']);
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('style-src')).toBe("'self'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('object-src')).toBe("'none'");
    expect([...csp.values()].join(' ')).not.toContain('unsafe');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('sends the headers on error answers too', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(directives(res.headers['content-security-policy']).get('frame-ancestors')).toBe("'none'");
  });

  it('gives the API docs page its own policy without inline code', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    const csp = directives(res.headers['content-security-policy']);
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('img-src')).toBe("'self' data:");
    expect(res.body).not.toMatch(/<script>(?!\s*<\/script>)/);
  });
});

describe('security headers over HTTPS', () => {
  const t = useTestApp({ publicUrl: 'https://crm.example.test' });

  it('adds HSTS when the public URL is https', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
  });
});
