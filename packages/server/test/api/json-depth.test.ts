// D44: JSON bodies nest at most 32 levels; deeper is a 400 TANDEM_INPUT_INVALID before parsing, brackets inside
// strings do not count, and Fastify's own parser still refuses __proto__.
import { describe, expect, it } from 'vitest';
import { jsonDepth, MAX_JSON_DEPTH } from '../../src/http/plugins/json-depth.ts';
import { FIXTURE_PASSWORD } from '../fixtures/world.ts';
import { useTestApp } from './support/test-app.ts';

const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('jsonDepth', () => {
  it('counts objects and arrays, not brackets inside strings or escaped quotes', () => {
    expect(jsonDepth('{"a":[1,{"b":2}]}')).toBe(3);
    expect(jsonDepth('{"a":"[[[[\\"{{{"}')).toBe(1);
    expect(jsonDepth('12')).toBe(0);
  });
});

describe('POST with a deep JSON body', () => {
  const t = useTestApp();
  const signIn = (payload: string) => t.app.inject({ method: 'POST', url: '/api/v1/sessions', headers: { 'content-type': 'application/json' }, payload });

  it('refuses more than 32 levels with 400 TANDEM_INPUT_INVALID, 400,000 levels (800 KB, under the 1 MiB body limit) too', async () => {
    for (const levels of [MAX_JSON_DEPTH + 1, 400_000]) {
      const res = await signIn(`{"email":"a@b.c","password":${nested(levels - 1)}}`);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'TANDEM_INPUT_INVALID', detail: expect.stringContaining('32 levels') });
    }
  });

  it('parses 32 levels as before (the schema then judges the body)', async () => {
    const w = await t.world({ users: { ben: {} } });
    const ok = await signIn(JSON.stringify({ email: w.users.ben.email, password: FIXTURE_PASSWORD }));
    expect(ok.statusCode).toBe(201);
    const deep = await signIn(`{"email":"a@b.c","password":${nested(MAX_JSON_DEPTH - 1)}}`);
    expect(deep.statusCode).toBe(400);
    expect(deep.json().detail).not.toContain('levels');
  });

  it('still refuses __proto__ keys', async () => {
    const res = await signIn('{"email":"a@b.c","password":"x","__proto__":{"admin":true}}');
    expect(res.statusCode).toBe(400);
  });
});
