// Password resets (issue 10, item 5): "forgot password" e-mails a one-time link (1 hour) and answers the same
// whether or not the e-mail is known; an admin may send a link (24 hours) or set a password; using a link sets the
// password, signs out every session and signs in. Mail goes through nodemailer to a real SMTP server on loopback
// (npm smtp-server); the test reads the link from the received message (npm mailparser).
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { smtpMailer } from '../../src/mail/smtp-mailer.ts';
import { FIXTURE_PASSWORD } from '../fixtures/world.ts';
import { linkOf, useInbox } from '../support/smtp-inbox.ts';
import { expectStatus, outcome } from './support/api-client.ts';
import { useTestApp } from './support/test-app.ts';

const inbox = useInbox();
const t = useTestApp({ mailer: () => smtpMailer({ url: inbox.url, from: 'Tandem <tandem@example.test>' }), publicUrl: 'https://crm.example.test/' });
const { api } = t;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Acme: admin Ada, members Ben and Cat, deactivated Dee. Globex: admin Oz. */
const world = () => t.world({
  orgs: { acme: {}, globex: {} },
  users: { ada: { role: 'admin' }, ben: {}, cat: {}, dee: { status: 'deactivated' }, oz: { role: 'admin', org: 'globex' } },
});

const signIn = (email: string, password: string) => api.sessions.signIn({ email, password });

/** Gives the background send of "forgot password" time to reach the inbox when nothing is expected to arrive. */
const settle = () => sleep(300);

describe('forgot password', () => {
  it('e-mails a one-time link; using it sets the password, signs out every session and signs in', async () => {
    const w = await world();
    const ben = w.users.ben;
    const asked = await api.passwordResets.request({ email: ` ${ben.email.toUpperCase()} ` });
    expect(asked.status).toBe(202);
    expect(asked.body).toEqual({ delivery: 'sent' });

    const mail = await inbox.next(ben.email);
    expect(mail.subject).toBe('Reset your Tandem password');
    expect(mail.text).toContain(`Someone, hopefully you, asked to reset the password of your Tandem account ${ben.email}.`);
    expect(mail.text).toContain('expires on 2026-01-05 10:00 UTC');
    const link = linkOf(mail);
    expect(link.url.startsWith('https://crm.example.test/reset-password#token=')).toBe(true);

    const second = expectStatus(await signIn(ben.email, FIXTURE_PASSWORD), 201).token;
    t.clock.advance(30 * MINUTE);
    const reset = expectStatus(await api.passwordResets.complete({ token: link.token, password: 'a brand new password' }), 200);
    expect(reset.user).toMatchObject({ id: ben.id, email: ben.email });
    expect(expectStatus(await api.me({ as: reset.token }), 200).user.id).toBe(ben.id);
    // Every earlier sign-in session is gone.
    expect(outcome(await api.me({ as: ben.token }))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
    expect(outcome(await api.me({ as: second }))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
    expect(outcome(await signIn(ben.email, FIXTURE_PASSWORD))).toEqual({ status: 401, code: 'TANDEM_AUTH_INVALID_CREDENTIALS' });
    expectStatus(await signIn(ben.email, 'a brand new password'), 201);
    // Once only.
    expect(outcome(await api.passwordResets.complete({ token: link.token, password: 'another new password' })))
      .toEqual({ status: 404, code: 'TANDEM_PASSWORD_RESET_NOT_FOUND' });

    const log = expectStatus(await api.audit.list({ as: w.users.ada.token }), 200).items;
    expect(log[0]).toMatchObject({ action: 'user.password.reset', actorId: ben.id, targetId: ben.id, after: { revokedSessions: 2 } });
    expect(JSON.stringify(log)).not.toContain(link.token);
  });

  it('sets the session cookies like sign-in', async () => {
    const w = await world();
    await api.passwordResets.request({ email: w.users.cat.email });
    const { token } = linkOf(await inbox.next(w.users.cat.email));
    const res = await api.passwordResets.complete({ token, password: 'a brand new password' });
    const cookies = String(res.headers['set-cookie']);
    expect(cookies).toContain('tandem_session=');
    expect(cookies).toContain(`tandem_csrf=${expectStatus(res, 200).csrfToken}`);
  });

  it('answers the same for an unknown e-mail, a deactivated user and a known one, and sends only to the known one', async () => {
    const w = await world();
    const answers = await Promise.all([
      api.passwordResets.request({ email: 'nobody.at.all@example.test' }),
      api.passwordResets.request({ email: w.users.dee.email }),
      api.passwordResets.request({ email: w.users.cat.email }),
    ]);
    expect(answers.map((a) => [a.status, JSON.stringify(a.body)])).toEqual([
      [202, '{"delivery":"sent"}'], [202, '{"delivery":"sent"}'], [202, '{"delivery":"sent"}'],
    ]);
    await inbox.next(w.users.cat.email);
    await settle();
    expect(inbox.waiting('nobody.at.all@example.test')).toEqual([]);
    expect(inbox.waiting(w.users.dee.email)).toEqual([]);
    expect(outcome(await api.passwordResets.request({ email: '' }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
  });

  it('sends at most one link a minute; a newer link voids the older', async () => {
    const w = await world();
    const cat = w.users.cat;
    await api.passwordResets.request({ email: cat.email });
    const first = linkOf(await inbox.next(cat.email));
    t.clock.advance(MINUTE - 1);
    expect((await api.passwordResets.request({ email: cat.email })).body).toEqual({ delivery: 'sent' });
    await settle();
    expect(inbox.waiting(cat.email)).toEqual([]);
    t.clock.advance(1);
    await api.passwordResets.request({ email: cat.email });
    const second = linkOf(await inbox.next(cat.email));
    expect(second.token).not.toBe(first.token);
    expect(outcome(await api.passwordResets.complete({ token: first.token, password: 'a brand new password' })))
      .toEqual({ status: 404, code: 'TANDEM_PASSWORD_RESET_NOT_FOUND' });
    expectStatus(await api.passwordResets.complete({ token: second.token, password: 'a brand new password' }), 200);
  });

  it('a link expires after an hour; wrong, used, expired and replaced links answer the same 404', async () => {
    const w = await world();
    const refusals: unknown[] = [];
    const refused = async (token: string) => {
      const res = await api.passwordResets.complete({ token, password: 'a brand new password' });
      expect(outcome(res)).toEqual({ status: 404, code: 'TANDEM_PASSWORD_RESET_NOT_FOUND' });
      refusals.push(res.body);
    };
    await api.passwordResets.request({ email: w.users.ben.email });
    const ben = linkOf(await inbox.next(w.users.ben.email));
    await api.passwordResets.request({ email: w.users.cat.email });
    const cat = linkOf(await inbox.next(w.users.cat.email));
    t.clock.advance(HOUR - 1);
    expectStatus(await api.passwordResets.complete({ token: cat.token, password: 'a brand new password' }), 200);
    await refused(cat.token);
    t.clock.advance(1);
    await refused(ben.token);
    await refused('A'.repeat(43));
    await refused(`${ben.token.slice(0, -2)}xx`);
    expect(new Set(refusals.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(outcome(await api.passwordResets.complete({ token: ben.token, password: 'short' }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
  });

  it('a link stops working when its user is deactivated or changes password or e-mail', async () => {
    const w = await world();
    const { ben, cat, ada } = w.users;
    await api.passwordResets.request({ email: ben.email });
    const benLink = linkOf(await inbox.next(ben.email));
    expectStatus(await api.users.update(ben.id, { status: 'deactivated' }, { as: ada.token }), 200);
    expect(outcome(await api.passwordResets.complete({ token: benLink.token, password: 'a brand new password' })).status).toBe(404);
    expectStatus(await api.users.update(ben.id, { status: 'active' }, { as: ada.token }), 200);

    await api.passwordResets.request({ email: cat.email });
    const catLink = linkOf(await inbox.next(cat.email));
    // The change rotates Cat's session (D46): the answer carries the new token.
    const catToken = expectStatus(await api.profile.changePassword({ currentPassword: FIXTURE_PASSWORD, newPassword: 'changed it myself' }, { as: cat.token }), 200).token as string;
    expect(outcome(await api.passwordResets.complete({ token: catLink.token, password: 'a brand new password' })).status).toBe(404);

    t.clock.advance(MINUTE);
    await api.passwordResets.request({ email: cat.email });
    const again = linkOf(await inbox.next(cat.email));
    expectStatus(await api.profile.update({ email: 'cat.renamed@example.test', currentPassword: 'changed it myself' }, { as: catToken }), 200);
    expect(outcome(await api.passwordResets.complete({ token: again.token, password: 'a brand new password' })).status).toBe(404);
  });
});

describe('an admin resets a password', () => {
  it('sends a reset link that works for 24 hours and says who sent it', async () => {
    const w = await world();
    const { ada, ben } = w.users;
    const sent = await api.users.sendPasswordReset(ben.id, { as: ada.token });
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({ delivery: 'sent', expiresAt: '2026-01-06T09:00:00.000Z' });
    const mail = await inbox.next(ben.email);
    expect(mail.text).toContain(`Ada, an administrator of your organisation, sent you this link to set a new password for your Tandem account ${ben.email}.`);
    const { token } = linkOf(mail);
    // Ben keeps his password and session until he uses the link.
    expectStatus(await api.me({ as: ben.token }), 200);
    t.clock.advance(24 * HOUR - 1);
    expectStatus(await api.passwordResets.complete({ token, password: 'a brand new password' }), 200);
    expect(outcome(await api.me({ as: ben.token })).status).toBe(401);

    const log = expectStatus(await api.audit.list({ as: ada.token }), 200).items.map((e) => [e.action, e.actorId, e.targetId]);
    expect(log.slice(0, 2)).toEqual([['user.password.reset', ben.id, ben.id], ['user.password.resetLink.send', ada.id, ben.id]]);
  });

  it('sets a password for another user: their sessions end, the new password works', async () => {
    const w = await world();
    const { ada, ben } = w.users;
    expect((await api.users.setPassword(ben.id, { password: 'set by the admin' }, { as: ada.token })).status).toBe(204);
    expect(outcome(await api.me({ as: ben.token })).status).toBe(401);
    expect(outcome(await signIn(ben.email, FIXTURE_PASSWORD)).status).toBe(401);
    expectStatus(await signIn(ben.email, 'set by the admin'), 201);
    expectStatus(await api.me({ as: ada.token }), 200);
    const entry = expectStatus(await api.audit.list({ as: ada.token }), 200).items[0];
    expect(entry).toMatchObject({ action: 'user.password.set', actorId: ada.id, targetId: ben.id, after: { revokedSessions: 1, revokedResetLinks: 0 } });
    expect(JSON.stringify(entry)).not.toContain('argon2');
  });

  it('is for admins, on users of their own org; not for their own password; no link for a deactivated user', async () => {
    const w = await world();
    const { ada, ben, cat, dee, oz } = w.users;
    expect(outcome(await api.users.setPassword(cat.id, { password: 'set by a member' }, { as: ben.token }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_ADMIN_ONLY' });
    expect(outcome(await api.users.sendPasswordReset(cat.id, { as: ben.token }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_ADMIN_ONLY' });
    expect(outcome(await api.users.setPassword(cat.id, { password: 'set by nobody' }))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
    expect(outcome(await api.users.setPassword(cat.id, { password: 'set by oz!' }, { as: oz.token }))).toEqual({ status: 404, code: 'TANDEM_USER_NOT_FOUND' });
    expect(outcome(await api.users.sendPasswordReset(cat.id, { as: oz.token }))).toEqual({ status: 404, code: 'TANDEM_USER_NOT_FOUND' });
    expect(outcome(await api.users.sendPasswordReset('not-a-user', { as: ada.token }))).toEqual({ status: 404, code: 'TANDEM_USER_NOT_FOUND' });
    expect(outcome(await api.users.setPassword(ada.id, { password: 'my own, no check' }, { as: ada.token }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expect(outcome(await api.users.setPassword(cat.id, { password: 'short' }, { as: ada.token }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    expect(outcome(await api.users.sendPasswordReset(dee.id, { as: ada.token }))).toEqual({ status: 409, code: 'TANDEM_USER_INACTIVE' });
    // A deactivated user's password may be set (before reactivating them).
    expect((await api.users.setPassword(dee.id, { password: 'for when she is back' }, { as: ada.token })).status).toBe(204);
    await settle();
    expect(inbox.waiting(cat.email)).toEqual([]);
    expect(inbox.waiting(dee.email)).toEqual([]);
  });

  it('answers delivery: failed when the SMTP server refuses the mail', async () => {
    const w = await world();
    inbox.refuse = true;
    try {
      expect((await api.users.sendPasswordReset(w.users.cat.id, { as: w.users.ada.token })).body).toMatchObject({ delivery: 'failed' });
    } finally {
      inbox.refuse = false;
    }
  });
});
