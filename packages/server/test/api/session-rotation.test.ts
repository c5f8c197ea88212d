// D46: sessions do not carry on unnoticed across a change of privilege. A role change (promotion or demotion) signs
// the user out of every browser session (API tokens stay and act under the new role at once); changing one's own
// password rotates the session of the request (new token and cookies, the old ones dead) and ends the others;
// deactivation ends sessions and API tokens.
import { describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD } from '../fixtures/world.ts';
import { DATABASE_KINDS } from '../support/databases.ts';
import { cookiesOf, expectStatus, outcome } from './support/api-client.ts';
import { useTestApp } from './support/test-app.ts';

for (const db of DATABASE_KINDS) {
  describe(`session rotation on ${db}`, () => {
    const t = useTestApp({ db });
    const { api } = t;
    const world = () => t.world({ orgs: { acme: { exportEnabled: true } }, users: { ada: { role: 'admin' }, ben: { exportChannels: ['api'] }, cat: { role: 'admin' } } });
    const dead = { status: 401, code: 'TANDEM_AUTH_REQUIRED' };

    it('a promotion and a demotion each end the user\'s sign-in sessions; API tokens stay and take the new role at once', async () => {
      const w = await world();
      const ben = w.users.ben;
      const browser = expectStatus(await api.sessions.signIn({ email: ben.email, password: FIXTURE_PASSWORD }), 201).token;
      const apiToken = expectStatus(await api.tokens.create({ name: 'script', scope: 'write' }, { as: ben.token }), 201).token;
      expect(outcome(await api.audit.list({ as: apiToken }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_ADMIN_ONLY' });

      expectStatus(await api.users.update(ben.id, { role: 'admin' }, { as: w.users.ada.token }), 200);
      expect(outcome(await api.me({ as: ben.token }))).toEqual(dead);
      expect(outcome(await api.me({ as: browser }))).toEqual(dead);
      expectStatus(await api.audit.list({ as: apiToken }), 200);
      const [entry] = expectStatus(await api.audit.list({ as: w.users.ada.token, query: { action: 'user.role.change' } }), 200).items;
      expect(entry).toStrictEqual(expect.objectContaining({ targetId: ben.id, before: { role: 'member' }, after: { role: 'admin' } }));

      const promoted = expectStatus(await api.sessions.signIn({ email: ben.email, password: FIXTURE_PASSWORD }), 201).token;
      expectStatus(await api.audit.list({ as: promoted }), 200);
      expectStatus(await api.users.update(ben.id, { role: 'member' }, { as: w.users.ada.token }), 200);
      expect(outcome(await api.me({ as: promoted }))).toEqual(dead);
      expect(outcome(await api.audit.list({ as: apiToken }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_ADMIN_ONLY' });
      // Other patches (channels) leave sessions alone; the admin who acted stays signed in.
      const again = expectStatus(await api.sessions.signIn({ email: ben.email, password: FIXTURE_PASSWORD }), 201).token;
      expectStatus(await api.users.update(ben.id, { exportChannels: ['api', 'csv'] }, { as: w.users.ada.token }), 200);
      expectStatus(await api.me({ as: again }), 200);
      expectStatus(await api.me({ as: w.users.ada.token }), 200);
    });

    it('one\'s own password change with cookies: new session cookies, the old cookie and other sessions dead', async () => {
      const w = await world();
      const ben = w.users.ben;
      const signedIn = await api.sessions.signIn({ email: ben.email, password: FIXTURE_PASSWORD });
      const old = cookiesOf(signedIn);
      const res = await api.profile.changePassword({ currentPassword: FIXTURE_PASSWORD, newPassword: 'a brand new password' },
        { headers: { cookie: old.cookie, 'x-csrf-token': old.csrf } });
      const body = expectStatus(res, 200);
      const fresh = cookiesOf(res);
      expect(fresh.cookie).toContain('tandem_session=');
      expect(fresh.cookie).not.toBe(old.cookie);
      expect(body.csrfToken).toBe(fresh.csrf);
      expect(outcome(await api.me({ headers: { cookie: old.cookie } }))).toEqual(dead);
      expect(outcome(await api.me({ as: ben.token }))).toEqual(dead);
      expectStatus(await api.me({ headers: { cookie: fresh.cookie } }), 200);
      expectStatus(await api.me({ as: body.token as string }), 200);
    });

    it('deactivation ends sessions and API tokens alike', async () => {
      const w = await world();
      const ben = w.users.ben;
      const apiToken = expectStatus(await api.tokens.create({ name: 'script' }, { as: ben.token }), 201).token;
      expectStatus(await api.users.update(ben.id, { status: 'deactivated' }, { as: w.users.ada.token }), 200);
      expectStatus(await api.users.update(ben.id, { status: 'active' }, { as: w.users.ada.token }), 200);
      expect(outcome(await api.me({ as: ben.token }))).toEqual(dead);
      expect(outcome(await api.me({ as: apiToken }))).toEqual(dead);
    });
  });
}
