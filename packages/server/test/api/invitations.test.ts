// Invitations by e-mail (issue 10, item 5): an admin invites, the server e-mails a one-time link through nodemailer
// to a real SMTP server on loopback (npm smtp-server), the test reads the link from the received message (npm
// mailparser) and accepts it with a password. Links expire after 7 days, work once, and every link that cannot be
// accepted answers the same 404.
import { describe, expect, it } from 'vitest';
import { smtpMailer } from '../../src/mail/smtp-mailer.ts';
import { DATABASE_KINDS } from '../support/databases.ts';
import { linkOf, useInbox } from '../support/smtp-inbox.ts';
import { expectStatus, outcome, uniqueEmail } from './support/api-client.ts';
import { useTestApp } from './support/test-app.ts';

const inbox = useInbox();
const PUBLIC_URL = 'https://crm.example.test';
const t = useTestApp({ mailer: () => smtpMailer({ url: inbox.url, from: 'Tandem <tandem@example.test>' }), publicUrl: PUBLIC_URL });
const { api } = t;
const DAY = 24 * 60 * 60 * 1000;

/** Acme: admin Ada, member Ben. Globex: admin Oz. */
const world = () => t.world({ orgs: { acme: {}, globex: { name: 'Globex' } }, users: { ada: { role: 'admin' }, ben: {}, oz: { role: 'admin', org: 'globex' } } });

async function invite(as: string, body: { name: string; email: string; role: 'admin' | 'member' }) {
  return expectStatus(await api.invitations.create(body, { as }), 201);
}

describe('inviting by e-mail', () => {
  it('e-mails a one-time link; accepting it with a password creates the user in the org and signs them in', async () => {
    const w = await world();
    const email = uniqueEmail('Zed');
    const sent = await invite(w.users.ada.token, { name: 'Zed Zulu', email, role: 'member' });
    expect(sent).toEqual({
      delivery: 'sent',
      invitation: {
        id: expect.any(String), email: email.toLowerCase(), name: 'Zed Zulu', role: 'member', invitedBy: w.users.ada.id,
        createdAt: '2026-01-05T09:00:00.000Z', expiresAt: '2026-01-12T09:00:00.000Z', status: 'pending',
      },
    });

    const mail = await inbox.next(email);
    expect(mail.from?.value).toEqual([{ name: 'Tandem', address: 'tandem@example.test' }]);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value : null).toEqual([{ name: 'Zed Zulu', address: email.toLowerCase() }]);
    expect(mail.subject).toBe('Ada invited you to Acme on Tandem');
    expect(mail.text).toContain('Hello Zed Zulu,');
    expect(mail.text).toContain('expires on 2026-01-12 09:00 UTC');
    const link = linkOf(mail);
    expect(link.url.startsWith(`${PUBLIC_URL}/accept-invitation#token=`)).toBe(true);
    // The token is not stored, only its hash.
    const stored = await t.db.selectFrom('invitations').select('token_hash').where('id', '=', sent.invitation.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(link.token);

    const offer = expectStatus(await api.invitations.lookup({ token: link.token }), 200);
    expect(offer.invitation).toEqual({ orgName: 'Acme', name: 'Zed Zulu', email: email.toLowerCase(), role: 'member', expiresAt: '2026-01-12T09:00:00.000Z' });

    t.clock.advance(DAY);
    const joined = expectStatus(await api.invitations.accept({ token: link.token, password: 'a fine password' }), 201);
    expect(joined.user).toMatchObject({ name: 'Zed Zulu', email: email.toLowerCase(), role: 'member', status: 'active', exportChannels: [] });
    expect(joined.org).toMatchObject({ id: w.orgId, name: 'Acme', billing: null });
    expect(outcome(await api.invitations.accept({ token: link.token, password: 'a fine password' }))).toEqual({ status: 404, code: 'TANDEM_INVITATION_NOT_FOUND' });
    const me = expectStatus(await api.me({ as: joined.token }), 200);
    expect(me.user.id).toBe(joined.user.id);
    expectStatus(await api.sessions.signIn({ email, password: 'a fine password' }), 201);
    const users = expectStatus(await api.users.list({ as: w.users.ada.token }), 200).items.map((u) => u.name);
    expect(users).toContain('Zed Zulu');

    const log = expectStatus(await api.audit.list({ as: w.users.ada.token }), 200).items;
    expect(log.slice(0, 3).map((e) => [e.action, e.actorId])).toEqual([
      ['invitation.accept', joined.user.id], ['user.create', joined.user.id], ['invitation.create', w.users.ada.id],
    ]);
    expect(JSON.stringify(log)).not.toContain(link.token);
    expect(expectStatus(await api.audit.verify({ as: w.users.ada.token }), 200).valid).toBe(true);
  });

  it('an accepted invitation may name the user otherwise, and gives the role it names', async () => {
    const w = await world();
    const email = uniqueEmail('boss');
    await invite(w.users.ada.token, { name: 'Boss', email, role: 'admin' });
    const { token } = linkOf(await inbox.next(email));
    const joined = expectStatus(await api.invitations.accept({ token, password: 'a fine password', name: '  Bo Ss ' }), 201);
    expect(joined.user).toMatchObject({ name: 'Bo Ss', role: 'admin' });
    expect(joined.org.billing).not.toBeNull();
  });

  it('a link works once: used, expired, revoked, replaced and wrong links all answer the same 404', async () => {
    const w = await world();
    const refusals: unknown[] = [];
    const refused = async (token: string) => {
      const lookup = await api.invitations.lookup({ token });
      const accept = await api.invitations.accept({ token, password: 'a fine password' });
      expect(outcome(lookup)).toEqual({ status: 404, code: 'TANDEM_INVITATION_NOT_FOUND' });
      expect(outcome(accept)).toEqual({ status: 404, code: 'TANDEM_INVITATION_NOT_FOUND' });
      refusals.push(lookup.body, accept.body);
    };
    const linkFor = async (email: string) => {
      const sent = await invite(w.users.ada.token, { name: 'Someone', email, role: 'member' });
      return { id: sent.invitation.id, token: linkOf(await inbox.next(email)).token };
    };

    // Used.
    const usedEmail = uniqueEmail('used');
    const used = await linkFor(usedEmail);
    expectStatus(await api.invitations.accept({ token: used.token, password: 'a fine password' }), 201);
    await refused(used.token);

    // Expired: works until the instant 7 days later, not at it.
    const late = await linkFor(uniqueEmail('late'));
    t.clock.advance(7 * DAY - 1);
    expectStatus(await api.invitations.lookup({ token: late.token }), 200);
    t.clock.advance(1);
    await refused(late.token);
    expect(expectStatus(await api.invitations.list({ as: w.users.ada.token }), 200).items.find((i) => i.id === late.id)?.status).toBe('expired');
    t.clock.set('2026-01-05T09:00:00Z');

    // Revoked by an admin.
    const revoked = await linkFor(uniqueEmail('revoked'));
    expect((await api.invitations.revoke(revoked.id, { as: w.users.ada.token })).status).toBe(204);
    await refused(revoked.token);
    expect(outcome(await api.invitations.revoke(revoked.id, { as: w.users.ada.token }))).toEqual({ status: 404, code: 'TANDEM_INVITATION_NOT_FOUND' });

    // Replaced: inviting the same e-mail again sends a new link and voids the first.
    const againEmail = uniqueEmail('again');
    const first = await linkFor(againEmail);
    const second = await linkFor(againEmail);
    await refused(first.token);
    const open = expectStatus(await api.invitations.list({ as: w.users.ada.token }), 200).items.filter((i) => i.email === againEmail.toLowerCase());
    expect(open.map((i) => i.id)).toEqual([second.id]);
    expectStatus(await api.invitations.lookup({ token: second.token }), 200);

    // Wrong: a made-up token, a token with a character changed, an empty one (400: not a token at all).
    await refused('A'.repeat(43));
    await refused(`${second.token.slice(0, -1)}${second.token.endsWith('A') ? 'B' : 'A'}`);
    expect(outcome(await api.invitations.accept({ token: '', password: 'a fine password' }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });

    // Every refusal is the same document: nothing tells a used link from a made-up one.
    expect(new Set(refusals.map((r) => JSON.stringify(r))).size).toBe(1);
  });

  it('only admins invite, list and revoke; another org\'s invitation is absent', async () => {
    const w = await world();
    const email = uniqueEmail('x');
    const body = { name: 'X', email, role: 'member' };
    expect(outcome(await api.invitations.create(body))).toEqual({ status: 401, code: 'TANDEM_AUTH_REQUIRED' });
    expect(outcome(await api.invitations.create(body, { as: w.users.ben.token }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_ADMIN_ONLY' });
    expect(outcome(await api.invitations.list({ as: w.users.ben.token }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_ADMIN_ONLY' });
    const sent = await invite(w.users.ada.token, { name: 'X', email, role: 'member' });
    await inbox.next(email);
    expect(outcome(await api.invitations.revoke(sent.invitation.id, { as: w.users.ben.token }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_ADMIN_ONLY' });
    expect(outcome(await api.invitations.revoke(sent.invitation.id, { as: w.users.oz.token }))).toEqual({ status: 404, code: 'TANDEM_INVITATION_NOT_FOUND' });
    expect(outcome(await api.invitations.revoke('not-an-id', { as: w.users.ada.token }))).toEqual({ status: 404, code: 'TANDEM_INVITATION_NOT_FOUND' });
    expect(expectStatus(await api.invitations.list({ as: w.users.oz.token }), 200).items).toEqual([]);
    const listed = expectStatus(await api.invitations.list({ as: w.users.ada.token }), 200);
    expect(listed.items.map((i) => i.id)).toEqual([sent.invitation.id]);
    expect(listed.mailDelivery, 'mail goes out through SMTP').toBe('sent');
  });

  it('refuses an e-mail a user already has, in any org, at invitation and at acceptance', async () => {
    const w = await world();
    const ozEmail = expectStatus(await api.me({ as: w.users.oz.token }), 200).user.email;
    const taken = await api.invitations.create({ name: 'Oz again', email: ozEmail.toUpperCase(), role: 'member' }, { as: w.users.ada.token });
    expect(outcome(taken)).toEqual({ status: 409, code: 'TANDEM_USER_EMAIL_TAKEN' });

    const email = uniqueEmail('raced');
    await invite(w.users.ada.token, { name: 'Raced', email, role: 'member' });
    const { token } = linkOf(await inbox.next(email));
    // Someone signs up with the e-mail before the invitation is accepted.
    expectStatus(await api.signup({ orgName: 'Elsewhere', name: 'Raced', email, password: 'longenough' }), 201);
    expect(outcome(await api.invitations.accept({ token, password: 'a fine password' }))).toEqual({ status: 409, code: 'TANDEM_USER_EMAIL_TAKEN' });
  });

  it('validates the invitation and the password chosen', async () => {
    const w = await world();
    for (const body of [{ name: '', email: uniqueEmail(), role: 'member' }, { name: 'N', email: 'nope', role: 'member' }, { name: 'N', email: uniqueEmail(), role: 'owner' }]) {
      expect(outcome(await api.invitations.create(body, { as: w.users.ada.token }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    }
    const email = uniqueEmail('short');
    await invite(w.users.ada.token, { name: 'Short', email, role: 'member' });
    const { token } = linkOf(await inbox.next(email));
    expect(outcome(await api.invitations.accept({ token, password: 'seven77' }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    expectStatus(await api.invitations.accept({ token, password: 'eight888' }), 201);
  });

  it('says so when the SMTP server refuses the mail, and keeps the invitation open to send again', async () => {
    const w = await world();
    const email = uniqueEmail('bounced');
    inbox.refuse = true;
    try {
      const sent = await invite(w.users.ada.token, { name: 'Bounced', email, role: 'member' });
      expect(sent.delivery).toBe('failed');
      expect(sent.invitation.status).toBe('pending');
    } finally {
      inbox.refuse = false;
    }
    expect(inbox.waiting(email)).toEqual([]);
    const again = await invite(w.users.ada.token, { name: 'Bounced', email, role: 'member' });
    expect(again.delivery).toBe('sent');
    expectStatus(await api.invitations.accept({ token: linkOf(await inbox.next(email)).token, password: 'a fine password' }), 201);
  });
});

describe.each(DATABASE_KINDS)('racing acceptances on %s', (kind) => {
  const inboxOf = useInbox();
  const pt = useTestApp({ db: kind, mailer: () => smtpMailer({ url: inboxOf.url, from: 'tandem@example.test' }) });

  it('one of five parallel acceptances of one link creates the user; the others answer 404', async () => {
    const w = await pt.world({ users: { ada: { role: 'admin' } } });
    const email = uniqueEmail('race');
    expectStatus(await pt.api.invitations.create({ name: 'Race', email, role: 'member' }, { as: w.users.ada.token }), 201);
    const { token } = linkOf(await inboxOf.next(email));
    const answers = await Promise.all(Array.from({ length: 5 }, () => pt.api.invitations.accept({ token, password: 'a fine password' })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 404, 404, 404, 404]);
    const users = await pt.db.selectFrom('users').select('id').where('email', '=', email.toLowerCase()).execute();
    expect(users).toHaveLength(1);
    const accepted = await pt.db.selectFrom('audit_log').select('action').where('org_id', '=', w.orgId).where('action', '=', 'invitation.accept').execute();
    expect(accepted).toHaveLength(1);
  });
});
