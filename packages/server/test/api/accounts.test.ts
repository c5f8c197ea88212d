// POST /signup and GET /me.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/harness.ts';
import { accountsClient, buildWorld, outcome, uniqueEmail, type AccountsClient } from './support/accounts-client.ts';

let t: TestApp;
let c: AccountsClient;
beforeAll(async () => {
  t = await buildTestApp();
  c = accountsClient(t.app);
});
afterAll(async () => t.close());

describe('POST /signup', () => {
  it('creates an org whose first user is its admin, signed in at once', async () => {
    const email = uniqueEmail('founder');
    const res = await c.signup({ orgName: 'Initech', name: 'Peter', email, password: 'longenough' });
    expect(res.status).toBe(201);
    expect(res.body.org).toMatchObject({ name: 'Initech', accentColor: '#4f46e5', billing: { contactName: null, email: null, address: null, vatId: null } });
    expect(res.body.user).toMatchObject({ name: 'Peter', email, role: 'admin', status: 'active', exportChannels: [], createdAt: '2026-01-05T09:00:00.000Z' });
    expect(Object.keys(res.body.user).sort()).toEqual(['createdAt', 'email', 'exportChannels', 'id', 'name', 'role', 'status']);
    expect(typeof res.body.token).toBe('string');
    const me = await c.me({ as: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(res.body.user.id);
    expect(me.body.org.id).toBe(res.body.org.id);
  });

  it('sets the session cookies too, so the browser is signed in', async () => {
    const res = await c.signup({ orgName: 'Hooli', name: 'Gavin', email: uniqueEmail(), password: 'longenough' });
    const cookies = String(res.headers['set-cookie']);
    expect(cookies).toContain('tandem_session=');
    expect(cookies).toContain(`tandem_csrf=${res.body.csrfToken}`);
  });

  it('stores e-mails lower-cased and refuses one already taken, whatever its case and org', async () => {
    const email = uniqueEmail('Mixed.Case');
    const first = await c.signup({ orgName: 'One', name: 'A', email, password: 'longenough' });
    expect(first.body.user.email).toBe(email.toLowerCase());
    const again = await c.signup({ orgName: 'Two', name: 'B', email: email.toUpperCase(), password: 'longenough' });
    expect(outcome(again)).toEqual({ status: 409, code: 'TANDEM_USER_EMAIL_TAKEN' });
    const orgs = await t.handle.db.selectFrom('orgs').select('id').where('name', '=', 'Two').execute();
    expect(orgs).toEqual([]);
  });

  it.each([
    ['a short password', { password: 'seven77' }],
    ['a malformed e-mail', { email: 'not-an-email' }],
    ['an empty org name', { orgName: '   ' }],
    ['a missing name', { name: undefined }],
  ])('refuses %s with 400 and creates nothing', async (_label, override) => {
    const orgName = `Nothing-${Math.random()}`;
    const res = await c.signup({ orgName, name: 'N', email: uniqueEmail(), password: 'longenough', ...override });
    expect(outcome(res)).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    expect(res.headers['content-type']).toContain('application/problem+json');
    const orgs = await t.handle.db.selectFrom('orgs').select('id').where('name', '=', orgName).execute();
    expect(orgs).toEqual([]);
  });

  it('accepts a password of exactly 8 characters', async () => {
    const res = await c.signup({ orgName: 'Eight', name: 'E', email: uniqueEmail(), password: '12345678' });
    expect(res.status).toBe(201);
  });

  it('never returns the password hash', async () => {
    const res = await c.signup({ orgName: 'Safe', name: 'S', email: uniqueEmail(), password: 'longenough' });
    expect(JSON.stringify(res.body)).not.toContain('argon2');
  });

  it('starts the new org’s audit log with its creation', async () => {
    const res = await c.signup({ orgName: 'Logged', name: 'L', email: uniqueEmail(), password: 'longenough' });
    const log = await c.listAudit({ as: res.body.token });
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(['user.create', 'org.create']);
    expect((await c.verifyAudit({ as: res.body.token })).body).toMatchObject({ valid: true, entries: 2 });
  });
});

describe('GET /me', () => {
  it('answers the caller and their org; billing details only for admins', async () => {
    const w = await buildWorld(t);
    const admin = await c.me({ as: w.ada.token });
    expect(admin.status).toBe(200);
    expect(admin.body.user).toMatchObject({ id: w.ada.id, name: 'Ada', email: w.ada.email, role: 'admin', status: 'active', exportChannels: [] });
    expect(admin.body.org).toMatchObject({ id: w.acme, name: 'Acme', billing: { vatId: null } });
    const member = await c.me({ as: w.ben.token });
    expect(member.body.user).toMatchObject({ id: w.ben.id, role: 'member' });
    expect(member.body.org).toEqual({ id: w.acme, name: 'Acme', accentColor: '#4f46e5', billing: null });
  });

  it('answers another org’s user with their own org', async () => {
    const w = await buildWorld(t);
    const res = await c.me({ as: w.pia.token });
    expect(res.body.org.id).toBe(w.globex);
    expect(res.body.user.id).toBe(w.pia.id);
  });

  it.each([
    ['anonymous', () => undefined],
    ['a deactivated user', (w: Awaited<ReturnType<typeof buildWorld>>) => w.dee.token],
    ['an unknown token', () => 'no-such-token'],
  ])('refuses %s with 401', async (_label, as) => {
    const w = await buildWorld(t);
    expect(outcome(await c.me({ as: as(w) }))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
  });
});

describe('OpenAPI', () => {
  it('documents every accounts and administration route with a tag and a response schema', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, { tags?: string[]; responses?: Record<string, unknown>; requestBody?: unknown }>> };
    const expected: [string, string][] = [
      ['/api/v1/signup', 'post'], ['/api/v1/sessions', 'post'], ['/api/v1/sessions/current', 'delete'], ['/api/v1/me', 'get'],
      ['/api/v1/users', 'get'], ['/api/v1/users', 'post'], ['/api/v1/users/{id}', 'patch'],
      ['/api/v1/teams', 'get'], ['/api/v1/teams', 'post'], ['/api/v1/teams/{id}', 'patch'], ['/api/v1/teams/{id}', 'delete'], ['/api/v1/teams/{id}/members', 'put'],
      ['/api/v1/org/settings', 'get'], ['/api/v1/org/settings', 'patch'], ['/api/v1/org', 'patch'],
      ['/api/v1/users/{ownerId}/grants', 'post'], ['/api/v1/users/{ownerId}/grants', 'get'], ['/api/v1/grants', 'get'], ['/api/v1/grants/{id}', 'delete'],
      ['/api/v1/audit', 'get'], ['/api/v1/audit/verify', 'get'], ['/api/v1/tokens', 'post'], ['/api/v1/tokens', 'get'], ['/api/v1/tokens/{id}', 'delete'],
    ];
    for (const [path, method] of expected) {
      const op = doc.paths[path]?.[method];
      expect(op, `${method.toUpperCase()} ${path}`).toBeDefined();
      expect(op?.tags?.length, `${method.toUpperCase()} ${path} tags`).toBeGreaterThan(0);
      expect(Object.keys(op?.responses ?? {}).length, `${method.toUpperCase()} ${path} responses`).toBeGreaterThan(0);
    }
    expect(doc.paths['/api/v1/signup']?.post?.requestBody).toBeDefined();
  });
});
