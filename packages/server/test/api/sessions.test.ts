// Sign-in, sign-out, cookies with CSRF double submit, and deactivation cutting live sessions.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD } from '../fixtures/org-fixture.ts';
import { buildTestApp, call, type TestApp } from '../support/harness.ts';
import { accountsClient, buildWorld, cookiesOf, outcome, type AccountsClient } from './support/accounts-client.ts';

let t: TestApp;
let c: AccountsClient;
beforeAll(async () => {
  t = await buildTestApp();
  c = accountsClient(t.app);
});
afterAll(async () => t.close());
afterEach(() => t.clock.set('2026-01-05T09:00:00Z'));

const invalid = { status: 401, code: 'TANDEM_AUTH_INVALID_CREDENTIALS' };

describe('POST /sessions', () => {
  it('signs in with e-mail and password: token, user, CSRF value and both cookies', async () => {
    const w = await buildWorld(t);
    const res = await c.signIn({ email: w.ben.email, password: FIXTURE_PASSWORD });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ id: w.ben.id, role: 'member', status: 'active' });
    expect(typeof res.body.token).toBe('string');
    const setCookie = [res.headers['set-cookie']].flat().map(String);
    const session = setCookie.find((s) => s.startsWith('tandem_session='));
    const csrf = setCookie.find((s) => s.startsWith('tandem_csrf='));
    expect(session).toMatch(/HttpOnly/i);
    expect(csrf).not.toMatch(/HttpOnly/i);
    expect(cookiesOf(res).csrf).toBe(res.body.csrfToken);
    expect((await c.me({ as: res.body.token })).body.user.id).toBe(w.ben.id);
  });

  it('matches the e-mail case-insensitively', async () => {
    const w = await buildWorld(t);
    const res = await c.signIn({ email: `  ${w.ben.email.toUpperCase()} `, password: FIXTURE_PASSWORD });
    expect(res.status).toBe(201);
  });

  it('answers a wrong password, an unknown e-mail and a deactivated user exactly alike', async () => {
    const w = await buildWorld(t);
    const wrongPassword = await c.signIn({ email: w.ben.email, password: 'not the password' });
    const unknownEmail = await c.signIn({ email: 'nobody@example.test', password: FIXTURE_PASSWORD });
    const deactivated = await c.signIn({ email: w.dee.email, password: FIXTURE_PASSWORD });
    for (const res of [wrongPassword, unknownEmail, deactivated]) expect(outcome(res)).toEqual(invalid);
    expect(unknownEmail.body).toEqual(wrongPassword.body);
    expect(deactivated.body).toEqual(wrongPassword.body);
    expect(deactivated.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a body without a password with 400', async () => {
    const w = await buildWorld(t);
    expect(outcome(await c.signIn({ email: w.ben.email }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
  });

  it('gives a session that lasts 30 days', async () => {
    const w = await buildWorld(t);
    const { body } = await c.signIn({ email: w.cat.email, password: FIXTURE_PASSWORD });
    t.clock.advance(29 * 24 * 3600 * 1000);
    expect((await c.me({ as: body.token })).status).toBe(200);
    t.clock.advance(2 * 24 * 3600 * 1000);
    expect(outcome(await c.me({ as: body.token }))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
  });
});

describe('cookies and CSRF', () => {
  async function adminCookies() {
    const w = await buildWorld(t);
    const res = await c.signIn({ email: w.ada.email, password: FIXTURE_PASSWORD });
    return { w, ...cookiesOf(res) };
  }

  it('reads with the cookie alone', async () => {
    const { w, cookie } = await adminCookies();
    const res = await c.me({ headers: { cookie } });
    expect(res.body.user.id).toBe(w.ada.id);
  });

  it('refuses a state-changing cookie request without the CSRF header, or with a wrong one, and changes nothing', async () => {
    const { cookie } = await adminCookies();
    const missing = await c.updateSettings({ shareAllContacts: true }, { headers: { cookie } });
    expect(outcome(missing)).toEqual({ status: 403, code: 'TANDEM_AUTH_CSRF' });
    const wrong = await c.updateSettings({ shareAllContacts: true }, { headers: { cookie, 'x-csrf-token': 'guess' } });
    expect(outcome(wrong)).toEqual({ status: 403, code: 'TANDEM_AUTH_CSRF' });
    expect((await c.getSettings({ headers: { cookie } })).body.shareAllContacts).toBe(false);
  });

  it('accepts a state-changing cookie request that echoes the CSRF cookie', async () => {
    const { cookie, csrf } = await adminCookies();
    const res = await c.updateSettings({ shareAllContacts: true }, { headers: { cookie, 'x-csrf-token': csrf } });
    expect(res.status).toBe(200);
    expect(res.body.shareAllContacts).toBe(true);
  });

  it('lets a browser holding a stale session cookie sign in again without the CSRF header', async () => {
    const { w, cookie } = await adminCookies();
    const res = await c.signIn({ email: w.ben.email, password: FIXTURE_PASSWORD }, { headers: { cookie } });
    expect(res.status).toBe(201);
    expect(res.body.user.id).toBe(w.ben.id);
  });

  it('needs no CSRF header for bearer requests', async () => {
    const w = await buildWorld(t);
    expect((await c.updateSettings({ exportEnabled: true }, { as: w.ada.token })).status).toBe(200);
  });

  it('checks CSRF on sign-out by cookie too', async () => {
    const { cookie, csrf } = await adminCookies();
    expect(outcome(await c.signOut({ headers: { cookie } }))).toEqual({ status: 403, code: 'TANDEM_AUTH_CSRF' });
    expect((await c.me({ headers: { cookie } })).status).toBe(200);
    expect((await c.signOut({ headers: { cookie, 'x-csrf-token': csrf } })).status).toBe(204);
    expect((await c.me({ headers: { cookie } })).status).toBe(401);
  });
});

describe('DELETE /sessions/current', () => {
  it('revokes the session at once and clears the cookies', async () => {
    const w = await buildWorld(t);
    const { body } = await c.signIn({ email: w.ben.email, password: FIXTURE_PASSWORD });
    const res = await c.signOut({ as: body.token });
    expect(res.status).toBe(204);
    const cleared = [res.headers['set-cookie']].flat().map(String);
    expect(cleared.some((s) => /^tandem_session=;/.test(s) && /Expires=Thu, 01 Jan 1970/i.test(s))).toBe(true);
    expect(cleared.some((s) => /^tandem_csrf=;/.test(s))).toBe(true);
    expect(outcome(await c.me({ as: body.token }))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
  });

  it('leaves the user’s other sessions alone', async () => {
    const w = await buildWorld(t);
    const { body } = await c.signIn({ email: w.ben.email, password: FIXTURE_PASSWORD });
    await c.signOut({ as: body.token });
    expect((await c.me({ as: w.ben.token })).status).toBe(200);
  });

  it.each([
    ['anonymous', undefined],
    ['an unknown token', 'nope'],
  ])('answers %s with 401', async (_label, as) => {
    expect(outcome(await c.signOut({ as }))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
  });

  it('answers 401 to a second sign-out with the same token', async () => {
    const w = await buildWorld(t);
    expect((await c.signOut({ as: w.cat.token })).status).toBe(204);
    expect(outcome(await c.signOut({ as: w.cat.token }))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
  });
});

describe('deactivation', () => {
  it('cuts a live session (bearer and cookie) on the very next request, and reactivation does not revive it', async () => {
    const w = await buildWorld(t);
    const signedIn = await c.signIn({ email: w.ben.email, password: FIXTURE_PASSWORD });
    const { cookie } = cookiesOf(signedIn);
    expect((await c.me({ as: signedIn.body.token })).status).toBe(200);
    expect((await c.me({ headers: { cookie } })).status).toBe(200);

    expect((await c.updateUser(w.ben.id, { status: 'deactivated' }, { as: w.ada.token })).status).toBe(200);
    expect(outcome(await c.me({ as: signedIn.body.token }))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
    expect(outcome(await c.me({ headers: { cookie } }))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
    expect(outcome(await c.me({ as: w.ben.token }))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
    expect(outcome(await c.signIn({ email: w.ben.email, password: FIXTURE_PASSWORD }))).toEqual(invalid);

    expect((await c.updateUser(w.ben.id, { status: 'active' }, { as: w.ada.token })).status).toBe(200);
    expect((await c.me({ as: signedIn.body.token })).status).toBe(401);
    const again = await c.signIn({ email: w.ben.email, password: FIXTURE_PASSWORD });
    expect((await c.me({ as: again.body.token })).status).toBe(200);
  });

  it('is checked on every request, even when the status is changed straight in the database', async () => {
    const w = await buildWorld(t);
    await t.handle.db.updateTable('users').set({ status: 'deactivated' }).where('id', '=', w.cat.id).execute();
    expect((await call(t.app, 'GET', '/api/v1/users', { as: w.cat.token })).status).toBe(401);
  });
});
