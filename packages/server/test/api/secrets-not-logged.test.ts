// Secrets never reach the log (issue 14 item 5, docs/decisions.md D43): a whole account flow runs with the app's
// logger at debug level writing into a buffer — sign up, a wrong password, sign in, an API token made with the
// session cookie and the CSRF header, a call with that token, a password reset e-mailed over real SMTP and used —
// and then the whole log is searched for every password, session token, API token, reset token and CSRF token the
// flow used or received. None may appear (pino redaction, plugins/request-id.ts, http/log-options.ts). The log is
// checked to be the real thing: debug level, one request id per request, the URLs of the flow.
import { Writable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { smtpMailer } from '../../src/mail/smtp-mailer.ts';
import { linkOf, useInbox } from '../support/smtp-inbox.ts';
import { useTestApp } from './support/test-app.ts';

let log = '';
const stream = new Writable({ write(chunk: Buffer, _enc, done) { log += chunk.toString(); done(); } });
const inbox = useInbox();
const t = useTestApp({ mailer: () => smtpMailer({ url: inbox.url, from: 'Tandem <tandem@example.test>' }), logger: { level: 'debug', stream } });

const cookieHeader = (res: LightMyRequestResponse) => res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');

describe('the log of a whole account flow at debug level', () => {
  it('holds no password, session token, API token, reset token or CSRF token', async () => {
    const secrets: Record<string, string> = {
      firstPassword: 'correct horse battery staple 41', wrongPassword: 'not my password at all 97', newPassword: 'a brand new passphrase 58',
    };
    const json = (res: LightMyRequestResponse) => res.json() as Record<string, unknown>;
    const post = (url: string, payload: object, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url, payload, headers });

    const signedUp = await post('/api/v1/signup', { orgName: 'Quiet Co', name: 'Quinn', email: 'quinn@quiet.test', password: secrets.firstPassword });
    expect(signedUp.statusCode).toBe(201);
    secrets.signUpSession = String(json(signedUp).token);
    secrets.signUpCsrf = String(json(signedUp).csrfToken);

    expect((await post('/api/v1/sessions', { email: 'quinn@quiet.test', password: secrets.wrongPassword })).statusCode).toBe(401);
    const signedIn = await post('/api/v1/sessions', { email: 'quinn@quiet.test', password: secrets.firstPassword });
    expect(signedIn.statusCode).toBe(201);
    secrets.session = String(json(signedIn).token);
    secrets.csrf = String(json(signedIn).csrfToken);

    // The web app's way: the session cookie and the CSRF header.
    const made = await post('/api/v1/tokens', { name: 'reporting', scope: 'read' }, { cookie: cookieHeader(signedIn), 'x-csrf-token': secrets.csrf });
    expect(made.statusCode).toBe(201);
    secrets.apiToken = String(json(made).token);
    const used = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${secrets.apiToken}` } });
    expect(used.statusCode).toBe(200);

    expect((await post('/api/v1/password-resets', { email: 'quinn@quiet.test' })).statusCode).toBe(202);
    secrets.resetToken = linkOf(await inbox.next('quinn@quiet.test')).token;
    const reset = await post('/api/v1/password-resets/complete', { token: secrets.resetToken, password: secrets.newPassword });
    expect(reset.statusCode).toBe(200);
    secrets.resetSession = String(json(reset).token);
    secrets.resetCsrf = String(json(reset).csrfToken);
    const out = await t.app.inject({ method: 'DELETE', url: '/api/v1/sessions/current', headers: { authorization: `Bearer ${secrets.resetSession}` } });
    expect(out.statusCode).toBeLessThan(500);

    // The log is real: at debug level, every request of the flow with its own id.
    const lines = log.trim().split('\n').map((l) => JSON.parse(l) as { level: number; reqId?: string; req?: { url: string } });
    expect(t.app.log.level).toBe('debug');
    expect(lines.length).toBeGreaterThanOrEqual(16);
    const urls = lines.flatMap((l) => (l.req ? [l.req.url] : []));
    expect(urls).toEqual(expect.arrayContaining(['/api/v1/signup', '/api/v1/sessions', '/api/v1/tokens', '/api/v1/me', '/api/v1/password-resets/complete']));
    expect(new Set(lines.flatMap((l) => (l.reqId ? [l.reqId] : []))).size).toBeGreaterThanOrEqual(8);

    for (const [what, secret] of Object.entries(secrets)) {
      expect(secret.length, what).toBeGreaterThanOrEqual(16);
      expect(log.includes(secret), `${what} is in the log`).toBe(false);
    }
  });
});
