// Sign-in, sign-out, cookies with CSRF double submit, and deactivation cutting live sessions.
import { describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD } from '../fixtures/world.ts';
import { cookiesOf, expectStatus, outcome } from './support/api-client.ts';
import { useTestApp } from './support/test-app.ts';
import { ACME_AND_GLOBEX } from './support/world-builder.ts';

const t = useTestApp();
const { api } = t;

const invalid = { status: 401, code: 'TANDEM_AUTH_INVALID_CREDENTIALS' };

describe('POST /sessions', () => {
  it('signs in with e-mail and password: token, user, CSRF value and both cookies', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    const res = await api.sessions.signIn({ email: w.users.ben.email, password: FIXTURE_PASSWORD });
    const body = expectStatus(res, 201);
    expect(body.user).toMatchObject({ id: w.users.ben.id, role: 'member', status: 'active' });
    expect(typeof body.token).toBe('string');
    const setCookie = [res.headers['set-cookie']].flat().map(String);
    const session = setCookie.find((s) => s.startsWith('tandem_session='));
    const csrf = setCookie.find((s) => s.startsWith('tandem_csrf='));
    expect(session).toMatch(/HttpOnly/i);
    expect(csrf).not.toMatch(/HttpOnly/i);
    expect(cookiesOf(res).csrf).toBe(body.csrfToken);
    expect(expectStatus(await api.me({ as: body.token }), 200).user.id).toBe(w.users.ben.id);
  });

  it('matches the e-mail case-insensitively', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    const res = await api.sessions.signIn({ email: `  ${w.users.ben.email.toUpperCase()} `, password: FIXTURE_PASSWORD });
    expect(res.status).toBe(201);
  });

  it('answers a wrong password, an unknown e-mail and a deactivated user exactly alike', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    const wrongPassword = await api.sessions.signIn({ email: w.users.ben.email, password: 'not the password' });
    const unknownEmail = await api.sessions.signIn({ email: 'nobody@example.test', password: FIXTURE_PASSWORD });
    const deactivated = await api.sessions.signIn({ email: w.users.dee.email, password: FIXTURE_PASSWORD });
    for (const res of [wrongPassword, unknownEmail, deactivated]) expect(outcome(res)).toEqual(invalid);
    expect(unknownEmail.body).toEqual(wrongPassword.body);
    expect(deactivated.body).toEqual(wrongPassword.body);
    expect(deactivated.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a body without a password with 400', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    expect(outcome(await api.sessions.signIn({ email: w.users.ben.email }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
  });

  it('gives a session that lasts 30 days', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    const body = expectStatus(await api.sessions.signIn({ email: w.users.cat.email, password: FIXTURE_PASSWORD }), 201);
    t.clock.advance(29 * 24 * 3600 * 1000);
    expect((await api.me({ as: body.token })).status).toBe(200);
    t.clock.advance(2 * 24 * 3600 * 1000);
    expect(outcome(await api.me({ as: body.token }))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
  });
});

describe('cookies and CSRF', () => {
  async function adminCookies() {
    const w = await t.world(ACME_AND_GLOBEX);
    const res = await api.sessions.signIn({ email: w.users.ada.email, password: FIXTURE_PASSWORD });
    return { w, ...cookiesOf(res) };
  }

  it('reads with the cookie alone', async () => {
    const { w, cookie } = await adminCookies();
    const res = expectStatus(await api.me({ headers: { cookie } }), 200);
    expect(res.user.id).toBe(w.users.ada.id);
  });

  it('refuses a state-changing cookie request without the CSRF header, or with a wrong one, and changes nothing', async () => {
    const { cookie } = await adminCookies();
    const missing = await api.org.updateSettings({ shareAllContacts: true }, { headers: { cookie } });
    expect(outcome(missing)).toEqual({ status: 403, code: 'TANDEM_AUTH_CSRF' });
    const wrong = await api.org.updateSettings({ shareAllContacts: true }, { headers: { cookie, 'x-csrf-token': 'guess' } });
    expect(outcome(wrong)).toEqual({ status: 403, code: 'TANDEM_AUTH_CSRF' });
    expect(expectStatus(await api.org.settings({ headers: { cookie } }), 200).shareAllContacts).toBe(false);
  });

  it('accepts a state-changing cookie request that echoes the CSRF cookie', async () => {
    const { cookie, csrf } = await adminCookies();
    const res = expectStatus(await api.org.updateSettings({ shareAllContacts: true }, { headers: { cookie, 'x-csrf-token': csrf } }), 200);
    expect(res.shareAllContacts).toBe(true);
  });

  it('lets a browser holding a stale session cookie sign in again without the CSRF header', async () => {
    const { w, cookie } = await adminCookies();
    const res = expectStatus(await api.sessions.signIn({ email: w.users.ben.email, password: FIXTURE_PASSWORD }, { headers: { cookie } }), 201);
    expect(res.user.id).toBe(w.users.ben.id);
  });

  it('needs no CSRF header for bearer requests', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    expect((await api.org.updateSettings({ exportEnabled: true }, { as: w.users.ada.token })).status).toBe(200);
  });

  it('checks CSRF on sign-out by cookie too', async () => {
    const { cookie, csrf } = await adminCookies();
    expect(outcome(await api.sessions.signOut({ headers: { cookie } }))).toEqual({ status: 403, code: 'TANDEM_AUTH_CSRF' });
    expect((await api.me({ headers: { cookie } })).status).toBe(200);
    expect((await api.sessions.signOut({ headers: { cookie, 'x-csrf-token': csrf } })).status).toBe(204);
    expect((await api.me({ headers: { cookie } })).status).toBe(401);
  });
});

describe('DELETE /sessions/current', () => {
  it('revokes the session at once and clears the cookies', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    const body = expectStatus(await api.sessions.signIn({ email: w.users.ben.email, password: FIXTURE_PASSWORD }), 201);
    const res = await api.sessions.signOut({ as: body.token });
    expect(res.status).toBe(204);
    const cleared = [res.headers['set-cookie']].flat().map(String);
    expect(cleared.some((s) => /^tandem_session=;/.test(s) && /Expires=Thu, 01 Jan 1970/i.test(s))).toBe(true);
    expect(cleared.some((s) => /^tandem_csrf=;/.test(s))).toBe(true);
    expect(outcome(await api.me({ as: body.token }))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
  });

  it('leaves the user’s other sessions alone', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    const body = expectStatus(await api.sessions.signIn({ email: w.users.ben.email, password: FIXTURE_PASSWORD }), 201);
    await api.sessions.signOut({ as: body.token });
    expect((await api.me({ as: w.users.ben.token })).status).toBe(200);
  });

  it.each([
    ['anonymous', undefined],
    ['an unknown token', 'nope'],
  ])('answers %s with 401', async (_label, as) => {
    expect(outcome(await api.sessions.signOut({ as }))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
  });

  it('answers 401 to a second sign-out with the same token', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    expect((await api.sessions.signOut({ as: w.users.cat.token })).status).toBe(204);
    expect(outcome(await api.sessions.signOut({ as: w.users.cat.token }))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
  });
});

describe('deactivation', () => {
  it('cuts a live session (bearer and cookie) on the very next request, and reactivation does not revive it', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    const signedIn = await api.sessions.signIn({ email: w.users.ben.email, password: FIXTURE_PASSWORD });
    const { cookie } = cookiesOf(signedIn);
    const { token } = expectStatus(signedIn, 201);
    expect((await api.me({ as: token })).status).toBe(200);
    expect((await api.me({ headers: { cookie } })).status).toBe(200);

    expect((await api.users.update(w.users.ben.id, { status: 'deactivated' }, { as: w.users.ada.token })).status).toBe(200);
    expect(outcome(await api.me({ as: token }))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
    expect(outcome(await api.me({ headers: { cookie } }))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
    expect(outcome(await api.me({ as: w.users.ben.token }))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
    expect(outcome(await api.sessions.signIn({ email: w.users.ben.email, password: FIXTURE_PASSWORD }))).toEqual(invalid);

    expect((await api.users.update(w.users.ben.id, { status: 'active' }, { as: w.users.ada.token })).status).toBe(200);
    expect((await api.me({ as: token })).status).toBe(401);
    const again = expectStatus(await api.sessions.signIn({ email: w.users.ben.email, password: FIXTURE_PASSWORD }), 201);
    expect((await api.me({ as: again.token })).status).toBe(200);
  });

  it('is checked on every request, even when the status is changed straight in the database', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    await t.db.updateTable('users').set({ status: 'deactivated' }).where('id', '=', w.users.cat.id).execute();
    expect((await api.users.list({ as: w.users.cat.token })).status).toBe(401);
  });
});
