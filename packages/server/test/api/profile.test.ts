// The signed-in user's own account (issue 10, item 5): PATCH /me (name, e-mail) and PUT /me/password. Mail plays no
// part here; the app writes any e-mail to its (silent) log.
import { describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD } from '../fixtures/world.ts';
import { cookiesOf, expectStatus, outcome, uniqueEmail } from './support/api-client.ts';
import { useTestApp } from './support/test-app.ts';

const t = useTestApp();
const { api } = t;

/** Acme: admin Ada, member Ben (may use the api channel), deactivated Dee. Globex: Oz. */
const world = () => t.world({
  orgs: { acme: { exportEnabled: true }, globex: {} },
  users: { ada: { role: 'admin' }, ben: { exportChannels: ['api'] }, dee: { status: 'deactivated' }, oz: { org: 'globex' } },
});

const auditOf = async (adminToken: string) => expectStatus(await api.audit.list({ as: adminToken }), 200).items;

describe('PATCH /me', () => {
  it('changes the name; audited with the name before and after', async () => {
    const w = await world();
    const res = expectStatus(await api.profile.update({ name: '  Benjamin ' }, { as: w.users.ben.token }), 200);
    expect(res.user).toMatchObject({ id: w.users.ben.id, name: 'Benjamin', email: w.users.ben.email });
    expect(expectStatus(await api.me({ as: w.users.ben.token }), 200).user.name).toBe('Benjamin');
    const [entry] = await auditOf(w.users.ada.token);
    expect(entry).toMatchObject({ action: 'user.profile.change', actorId: w.users.ben.id, targetId: w.users.ben.id, before: { name: 'Ben' }, after: { name: 'Benjamin' } });
  });

  it('changes the e-mail with the current password; sign-in then takes the new one', async () => {
    const w = await world();
    const ben = w.users.ben;
    const email = uniqueEmail('New.Ben');
    expect(outcome(await api.profile.update({ email }, { as: ben.token }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    const wrong = await api.profile.update({ email, currentPassword: 'not my password' }, { as: ben.token });
    expect(outcome(wrong)).toEqual({ status: 403, code: 'TANDEM_ACCOUNT_WRONG_PASSWORD' });
    expectStatus(await api.me({ as: ben.token }), 200);
    const res = expectStatus(await api.profile.update({ email, currentPassword: FIXTURE_PASSWORD }, { as: ben.token }), 200);
    expect(res.user.email).toBe(email.toLowerCase());
    expectStatus(await api.sessions.signIn({ email, password: FIXTURE_PASSWORD }), 201);
    expect(outcome(await api.sessions.signIn({ email: ben.email, password: FIXTURE_PASSWORD })).status).toBe(401);
    const [entry] = await auditOf(w.users.ada.token);
    expect(entry).toMatchObject({ action: 'user.profile.change', before: { email: ben.email }, after: { email: email.toLowerCase(), revokedResetLinks: 0 } });
  });

  it('refuses an e-mail another user has, in any org, whatever its case', async () => {
    const w = await world();
    const ozEmail = expectStatus(await api.me({ as: w.users.oz.token }), 200).user.email;
    const res = await api.profile.update({ email: ozEmail.toUpperCase(), currentPassword: FIXTURE_PASSWORD }, { as: w.users.ben.token });
    expect(outcome(res)).toEqual({ status: 409, code: 'TANDEM_USER_EMAIL_TAKEN' });
  });

  it('a change that changes nothing answers the user and writes no entry; an empty change is 400', async () => {
    const w = await world();
    const before = (await auditOf(w.users.ada.token)).length;
    // The same e-mail in capitals is the same e-mail: no password needed, nothing changes.
    const same = expectStatus(await api.profile.update({ name: 'Ben', email: w.users.ben.email.toUpperCase() }, { as: w.users.ben.token }), 200);
    expect(same.user).toMatchObject({ name: 'Ben', email: w.users.ben.email });
    expect((await auditOf(w.users.ada.token)).length).toBe(before);
    expect(outcome(await api.profile.update({}, { as: w.users.ben.token }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    expect(outcome(await api.profile.update({ name: '' }, { as: w.users.ben.token }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    expect(outcome(await api.profile.update({ role: 'admin' }, { as: w.users.ben.token }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    expect(expectStatus(await api.me({ as: w.users.ben.token }), 200).user.role).toBe('member');
  });

  it('needs a signed-in, active user; a cookie request needs the CSRF header', async () => {
    const w = await world();
    expect(outcome(await api.profile.update({ name: 'X' }))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
    expect(outcome(await api.profile.update({ name: 'X' }, { as: w.users.dee.token }))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
    const signedIn = await api.sessions.signIn({ email: w.users.ben.email, password: FIXTURE_PASSWORD });
    const { cookie, csrf } = cookiesOf(signedIn);
    expect(outcome(await api.profile.update({ name: 'Via cookie' }, { headers: { cookie } }))).toEqual({ status: 403, code: 'TANDEM_AUTH_CSRF' });
    expectStatus(await api.profile.update({ name: 'Via cookie' }, { headers: { cookie, 'x-csrf-token': csrf } }), 200);
  });
});

describe('PUT /me/password', () => {
  it('needs the current password; revokes the other sessions, rotates this one (D46), keeps the API tokens', async () => {
    const w = await world();
    const ben = w.users.ben;
    const other = expectStatus(await api.sessions.signIn({ email: ben.email, password: FIXTURE_PASSWORD }), 201).token;
    const apiToken = expectStatus(await api.tokens.create({ name: 'script' }, { as: ben.token }), 201).token;

    const wrong = await api.profile.changePassword({ currentPassword: 'not my password', newPassword: 'a brand new password' }, { as: ben.token });
    expect(outcome(wrong)).toEqual({ status: 403, code: 'TANDEM_ACCOUNT_WRONG_PASSWORD' });
    expectStatus(await api.me({ as: other }), 200);

    const changed = expectStatus(await api.profile.changePassword({ currentPassword: FIXTURE_PASSWORD, newPassword: 'a brand new password' }, { as: ben.token }), 200);
    expect(outcome(await api.me({ as: ben.token }))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
    expectStatus(await api.me({ as: changed.token as string }), 200);
    expect(outcome(await api.me({ as: other }))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
    expectStatus(await api.me({ as: apiToken }), 200);
    expect(outcome(await api.sessions.signIn({ email: ben.email, password: FIXTURE_PASSWORD })).status).toBe(401);
    expectStatus(await api.sessions.signIn({ email: ben.email, password: 'a brand new password' }), 201);

    const entry = (await auditOf(w.users.ada.token)).find((e) => e.action === 'user.password.change');
    expect(entry).toMatchObject({ actorId: ben.id, targetId: ben.id, before: null, after: { revokedSessions: 1, revokedResetLinks: 0 } });
    expect(JSON.stringify(entry)).not.toContain('argon2');
  });

  it('changed with an API token, every sign-in session ends', async () => {
    const w = await world();
    const ben = w.users.ben;
    const apiToken = expectStatus(await api.tokens.create({ name: 'script', scope: 'write' }, { as: ben.token }), 201).token;
    const changed = expectStatus(await api.profile.changePassword({ currentPassword: FIXTURE_PASSWORD, newPassword: 'a brand new password' }, { as: apiToken }), 200);
    expect(changed).toEqual({ token: null, csrfToken: null });
    expect(outcome(await api.me({ as: ben.token })).status).toBe(401);
    expectStatus(await api.me({ as: apiToken }), 200);
  });

  it('validates the new password and needs a signed-in user', async () => {
    const w = await world();
    for (const body of [{ currentPassword: FIXTURE_PASSWORD, newPassword: 'seven77' }, { currentPassword: FIXTURE_PASSWORD }, { newPassword: 'a brand new password' },
      { currentPassword: FIXTURE_PASSWORD, newPassword: 'x'.repeat(257) }]) {
      expect(outcome(await api.profile.changePassword(body, { as: w.users.ben.token }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    }
    expect(outcome(await api.profile.changePassword({ currentPassword: FIXTURE_PASSWORD, newPassword: 'a brand new password' }))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
    expectStatus(await api.sessions.signIn({ email: w.users.ben.email, password: FIXTURE_PASSWORD }), 201);
  });
});

describe('demo mode (no SMTP configured)', () => {
  it('says the e-mails are logged', async () => {
    const w = await world();
    expect((await api.passwordResets.request({ email: w.users.ben.email })).body).toEqual({ delivery: 'logged' });
    expect((await api.passwordResets.request({ email: 'nobody@example.test' })).body).toEqual({ delivery: 'logged' });
    const sent = expectStatus(await api.invitations.create({ name: 'Zed', email: uniqueEmail('zed'), role: 'member' }, { as: w.users.ada.token }), 201);
    expect(sent.delivery).toBe('logged');
    expect((await api.users.sendPasswordReset(w.users.ben.id, { as: w.users.ada.token })).body).toMatchObject({ delivery: 'logged' });
    expect(expectStatus(await api.invitations.list({ as: w.users.ada.token }), 200).mailDelivery, 'the invitations list says how mail goes out').toBe('logged');
  });
});
