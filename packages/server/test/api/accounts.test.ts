// POST /signup and GET /me.
import { describe, expect, it } from 'vitest';
import { expectStatus, outcome, uniqueEmail } from './support/api-client.ts';
import { useTestApp } from './support/test-app.ts';
import { ACME_AND_GLOBEX, type AcmeAndGlobex } from './support/world-builder.ts';

const t = useTestApp();
const { api } = t;

describe('POST /signup', () => {
  it('creates an org whose first user is its admin, signed in at once', async () => {
    const email = uniqueEmail('founder');
    const res = expectStatus(await api.signup({ orgName: 'Initech', name: 'Peter', email, password: 'longenough' }), 201);
    expect(res.org).toMatchObject({ name: 'Initech', accentColor: '#4f46e5', billing: { contactName: null, email: null, address: null, vatId: null } });
    expect(res.user).toMatchObject({ name: 'Peter', email, role: 'admin', status: 'active', exportChannels: [], createdAt: '2026-01-05T09:00:00.000Z' });
    expect(Object.keys(res.user).sort()).toEqual(['createdAt', 'email', 'exportChannels', 'id', 'name', 'role', 'smsLine', 'status']);
    expect(typeof res.token).toBe('string');
    const me = expectStatus(await api.me({ as: res.token }), 200);
    expect(me.user.id).toBe(res.user.id);
    expect(me.org.id).toBe(res.org.id);
  });

  it('sets the session cookies too, so the browser is signed in', async () => {
    const res = await api.signup({ orgName: 'Hooli', name: 'Gavin', email: uniqueEmail(), password: 'longenough' });
    const cookies = String(res.headers['set-cookie']);
    expect(cookies).toContain('tandem_session=');
    expect(cookies).toContain(`tandem_csrf=${expectStatus(res, 201).csrfToken}`);
  });

  it('stores e-mails lower-cased and refuses one already taken, whatever its case and org', async () => {
    const email = uniqueEmail('Mixed.Case');
    const first = expectStatus(await api.signup({ orgName: 'One', name: 'A', email, password: 'longenough' }), 201);
    expect(first.user.email).toBe(email.toLowerCase());
    const again = await api.signup({ orgName: 'Two', name: 'B', email: email.toUpperCase(), password: 'longenough' });
    expect(outcome(again)).toEqual({ status: 409, code: 'TANDEM_USER_EMAIL_TAKEN' });
    const orgs = await t.db.selectFrom('orgs').select('id').where('name', '=', 'Two').execute();
    expect(orgs).toEqual([]);
  });

  it.each([
    ['a short password', { password: 'seven77' }],
    ['a malformed e-mail', { email: 'not-an-email' }],
    ['an empty org name', { orgName: '   ' }],
    ['a missing name', { name: undefined }],
  ])('refuses %s with 400 and creates nothing', async (_label, override) => {
    const orgName = `Nothing-${Math.random()}`;
    const res = await api.signup({ orgName, name: 'N', email: uniqueEmail(), password: 'longenough', ...override });
    expect(outcome(res)).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    expect(res.headers['content-type']).toContain('application/problem+json');
    const orgs = await t.db.selectFrom('orgs').select('id').where('name', '=', orgName).execute();
    expect(orgs).toEqual([]);
  });

  it('accepts a password of exactly 8 characters', async () => {
    const res = await api.signup({ orgName: 'Eight', name: 'E', email: uniqueEmail(), password: '12345678' });
    expect(res.status).toBe(201);
  });

  it('never returns the password hash', async () => {
    const res = await api.signup({ orgName: 'Safe', name: 'S', email: uniqueEmail(), password: 'longenough' });
    expect(JSON.stringify(res.body)).not.toContain('argon2');
  });

  it('starts the new org’s audit log with its creation', async () => {
    const res = expectStatus(await api.signup({ orgName: 'Logged', name: 'L', email: uniqueEmail(), password: 'longenough' }), 201);
    const log = expectStatus(await api.audit.list({ as: res.token }), 200);
    expect(log.items.map((e) => e.action)).toEqual(['user.create', 'org.create']);
    expect((await api.audit.verify({ as: res.token })).body).toMatchObject({ valid: true, entries: 2 });
  });
});

describe('GET /me', () => {
  it('answers the caller and their org; billing details only for admins', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    const admin = expectStatus(await api.me({ as: w.users.ada.token }), 200);
    expect(admin.user).toMatchObject({ id: w.users.ada.id, name: 'Ada', email: w.users.ada.email, role: 'admin', status: 'active', exportChannels: [] });
    expect(admin.org).toMatchObject({ id: w.orgs.acme, name: 'Acme', billing: { vatId: null } });
    const member = expectStatus(await api.me({ as: w.users.ben.token }), 200);
    expect(member.user).toMatchObject({ id: w.users.ben.id, role: 'member' });
    expect(member.org).toEqual({ id: w.orgs.acme, name: 'Acme', accentColor: '#4f46e5', billing: null });
  });

  it('answers another org’s user with their own org', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    const res = expectStatus(await api.me({ as: w.users.pia.token }), 200);
    expect(res.org.id).toBe(w.orgs.globex);
    expect(res.user.id).toBe(w.users.pia.id);
  });

  it.each([
    ['anonymous', () => undefined],
    ['a deactivated user', (w: AcmeAndGlobex) => w.users.dee.token],
    ['an unknown token', () => 'no-such-token'],
  ])('refuses %s with 401', async (_label, as) => {
    const w = await t.world(ACME_AND_GLOBEX);
    expect(outcome(await api.me({ as: as(w) }))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
  });
});

describe('OpenAPI', () => {
  it('documents every accounts and administration route with a tag and a response schema', async () => {
    const doc = expectStatus(await api.openapi(), 200);
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
