// D46: rate limits on the public account endpoints (per client address and per account, 429 TANDEM_RATE_LIMITED
// with Retry-After) and the sign-in lockout after wrong passwords (429 TANDEM_AUTH_LOCKED), lifted by time or by an
// admin (POST /users/:id/unlock, audited). An unknown e-mail is throttled and locked exactly like a known one. The
// lockout and per-account tests run with the production figures (DEFAULT_ATTEMPT_LIMITS), moving the test clock
// instead of waiting; the per-address tests use small limits so they need few argon2 checks.
import type { FastifyInstance } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { attemptLimitsConfig, loadConfig } from '../../src/config.ts';
import { DEFAULT_ATTEMPT_LIMITS, LIMITED_ACTIONS, type AttemptLimits } from '../../src/domain/accounts/attempt-limits.ts';
import { FIXTURE_PASSWORD } from '../fixtures/world.ts';
import { DATABASE_KINDS } from '../support/databases.ts';
import { expectStatus, outcome, uniqueEmail } from './support/api-client.ts';
import { useTestApp, type TestHandle } from './support/test-app.ts';

const MINUTE = 60_000;

/** One request from a given client address (inject's default is 127.0.0.1). */
async function from(app: FastifyInstance, address: string, url: string, body: object) {
  const res = await app.inject({ method: 'POST', url: `/api/v1${url}`, payload: body, remoteAddress: address });
  return { status: res.statusCode, body: res.json() as Record<string, unknown>, retryAfter: res.headers['retry-after'] };
}

const signIn = (app: FastifyInstance, email: string, password: string, address = '192.0.2.1') => from(app, address, '/sessions', { email, password });

/** Counters and locks are rows; each test starts from none (the clock goes back to the start before each test). */
function clearCounters(t: TestHandle): void {
  beforeEach(async () => {
    await t.db.deleteFrom('rate_limit_counters').execute();
    await t.db.deleteFrom('sign_in_failures').execute();
  });
}

describe('the production figures', () => {
  it('are the documented ones, and the environment can scale them', () => {
    const limits = loadConfig({}).attemptLimits;
    expect(limits).toEqual(DEFAULT_ATTEMPT_LIMITS);
    expect(limits.signInLock).toEqual({ max: 10, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE });
    expect(limits.actions.signIn).toEqual({ perAddress: { max: 50, windowMs: 5 * MINUTE }, perAccount: { max: 20, windowMs: 15 * MINUTE } });
    expect(limits.actions.signUp).toEqual({ perAddress: { max: 10, windowMs: 60 * MINUTE }, perAccount: { max: 5, windowMs: 60 * MINUTE } });
    expect(limits.actions.passwordResetRequest.perAccount).toEqual({ max: 5, windowMs: 15 * MINUTE });
    expect(limits.actions.invitationCreate.perAccount).toEqual({ max: 5, windowMs: 60 * MINUTE });
    const scaled = attemptLimitsConfig({ TANDEM_RATE_LIMIT_FACTOR: '10', TANDEM_SIGN_IN_LOCK_FAILURES: '5', TANDEM_SIGN_IN_LOCK_MINUTES: '30' });
    expect(scaled.actions.signIn.perAddress).toEqual({ max: 500, windowMs: 5 * MINUTE });
    expect(scaled.signInLock).toEqual({ max: 5, windowMs: 30 * MINUTE, lockMs: 30 * MINUTE });
    expect(() => attemptLimitsConfig({ TANDEM_RATE_LIMIT_FACTOR: '0' })).toThrow(/TANDEM_RATE_LIMIT_FACTOR/);
    expect(() => attemptLimitsConfig({ TANDEM_SIGN_IN_LOCK_FAILURES: '2.5' })).toThrow(/TANDEM_SIGN_IN_LOCK_FAILURES/);
  });
});

for (const db of DATABASE_KINDS) {
  describe(`lockout and per-account limits with the production figures on ${db}`, () => {
    const t = useTestApp({ db, attemptLimits: 'production' });
    clearCounters(t);
    const world = () => t.world({
      orgs: { acme: {}, globex: {} },
      users: { ada: { role: 'admin' }, ben: {}, oz: { org: 'globex', role: 'admin' } },
    });

    /** Ten wrong passwords, each from its own address (so only the e-mail's count grows); answers what each got. */
    async function tenWrong(email: string) {
      const answers = [];
      for (let i = 0; i < 10; i += 1) answers.push(await signIn(t.app, email, 'not the password', `198.51.100.${i + 1}`));
      return answers;
    }

    it('locks an e-mail after 10 wrong passwords in 15 minutes, even for the right one; an unknown e-mail answers the same', async () => {
      const w = await world();
      const unknown = uniqueEmail('nobody');
      const known = await tenWrong(w.users.ben.email);
      const stranger = await tenWrong(unknown);
      expect(known.map((a) => a.body.code)).toEqual(Array(10).fill('TANDEM_AUTH_INVALID_CREDENTIALS'));
      expect(stranger.map((a) => a.body)).toEqual(known.map((a) => a.body));

      const locked = await signIn(t.app, w.users.ben.email, FIXTURE_PASSWORD);
      const lockedUnknown = await signIn(t.app, unknown, FIXTURE_PASSWORD);
      expect(locked.status).toBe(429);
      expect(locked.retryAfter).toBe('900');
      expect(locked.body).toMatchObject({
        status: 429, code: 'TANDEM_AUTH_LOCKED', retryAfterSeconds: 900, lockedUntil: '2026-01-05T09:15:00.000Z',
        detail: 'Too many wrong passwords for this e-mail. Try again in 15 minutes, or ask an admin to unlock the account.',
      });
      expect(lockedUnknown).toEqual(locked);

      // The lock ends by itself 15 minutes after the tenth wrong password.
      t.clock.advance(15 * MINUTE - 1000);
      expect((await signIn(t.app, w.users.ben.email, FIXTURE_PASSWORD)).body).toMatchObject({ code: 'TANDEM_AUTH_LOCKED', retryAfterSeconds: 1 });
      t.clock.advance(1000);
      expect((await signIn(t.app, w.users.ben.email, FIXTURE_PASSWORD)).status).toBe(201);

      const audit = expectStatus(await t.api.audit.list({ as: w.users.ada.token, query: { action: 'user.lock' } }), 200).items;
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'user.lock', actorId: null, targetId: w.users.ben.id, after: { lockedUntil: '2026-01-05T09:15:00.000Z', failures: 10 } });
    });

    it('wrong passwords spread over more than 15 minutes do not lock; a right one starts the count again', async () => {
      const w = await world();
      for (let i = 0; i < 9; i += 1) expect((await signIn(t.app, w.users.ben.email, 'nope')).status).toBe(401);
      expect((await signIn(t.app, w.users.ben.email, FIXTURE_PASSWORD)).status).toBe(201);
      for (let i = 0; i < 9; i += 1) expect((await signIn(t.app, w.users.ben.email, 'nope', `203.0.113.${i}`)).status).toBe(401);
      t.clock.advance(15 * MINUTE);
      expect((await signIn(t.app, w.users.ben.email, 'nope')).status).toBe(401);
      expect((await signIn(t.app, w.users.ben.email, FIXTURE_PASSWORD)).status).toBe(201);
    });

    it('an admin sees the lock on the Users list and lifts it (audited); a member gets 403, another org\'s admin 404', async () => {
      const w = await world();
      await tenWrong(w.users.ben.email);
      const listed = expectStatus(await t.api.users.list({ as: w.users.ada.token }), 200).items;
      expect(listed.find((u) => u.id === w.users.ben.id)?.lockedUntil).toBe('2026-01-05T09:15:00.000Z');
      expect(listed.find((u) => u.id === w.users.ada.id)?.lockedUntil).toBeNull();
      const asMember = expectStatus(await t.api.users.list({ as: w.users.ben.token }), 200).items;
      expect(asMember.every((u) => !('lockedUntil' in u))).toBe(true);

      const unlock = (as: string, id = w.users.ben.id) => t.api.call<{ 200: unknown }>('POST', `/api/v1/users/${id}/unlock`, { as, body: {} });
      expect(outcome(await unlock(w.users.ben.token))).toEqual({ status: 403, code: 'TANDEM_ACCESS_ADMIN_ONLY' });
      expect(outcome(await unlock(w.users.oz.token))).toEqual({ status: 404, code: 'TANDEM_USER_NOT_FOUND' });
      expect(outcome(await unlock(w.users.ada.token, '00000000-0000-4000-8000-000000000000'))).toEqual({ status: 404, code: 'TANDEM_USER_NOT_FOUND' });
      expect((await signIn(t.app, w.users.ben.email, FIXTURE_PASSWORD)).body.code).toBe('TANDEM_AUTH_LOCKED');

      const lifted = expectStatus(await unlock(w.users.ada.token), 200) as { user: { id: string; lockedUntil: string | null } };
      expect(lifted.user).toMatchObject({ id: w.users.ben.id, lockedUntil: null });
      expect((await signIn(t.app, w.users.ben.email, FIXTURE_PASSWORD)).status).toBe(201);
      const [entry] = expectStatus(await t.api.audit.list({ as: w.users.ada.token, query: { action: 'user.unlock' } }), 200).items;
      expect(entry).toMatchObject({ actorId: w.users.ada.id, targetId: w.users.ben.id, before: { lockedUntil: '2026-01-05T09:15:00.000Z' }, after: { lockedUntil: null } });
    });

    it('throttles sign-in per e-mail at 20 attempts in 15 minutes from any addresses, known and unknown alike', async () => {
      const w = await world();
      const unknown = uniqueEmail('ghost');
      for (const email of [w.users.ben.email, unknown]) {
        // A lock answers before the password is checked, so only the first ten cost argon2 work.
        for (let i = 0; i < 20; i += 1) expect((await signIn(t.app, email, 'wrong', `198.18.0.${i}`)).status).toBeOneOf([401, 429]);
      }
      const known = await signIn(t.app, w.users.ben.email, FIXTURE_PASSWORD, '198.18.1.1');
      const stranger = await signIn(t.app, unknown, FIXTURE_PASSWORD, '198.18.1.1');
      expect(known).toMatchObject({ status: 429, retryAfter: '900', body: { code: 'TANDEM_RATE_LIMITED', retryAfterSeconds: 900 } });
      expect(stranger).toEqual(known);
    });
  });

  describe(`per-address limits on ${db}`, () => {
    const small: AttemptLimits = {
      actions: Object.fromEntries(LIMITED_ACTIONS.map((a) => [a, { perAddress: { max: 3, windowMs: MINUTE }, perAccount: { max: 100, windowMs: MINUTE } }])) as AttemptLimits['actions'],
      signInLock: DEFAULT_ATTEMPT_LIMITS.signInLock,
    };
    const t = useTestApp({ db, attemptLimits: small });
    clearCounters(t);

    it('sign-in: the 4th attempt from one address within the window is 429 with Retry-After; other addresses go on; the next window is open', async () => {
      const w = await t.world({ users: { ben: {} } });
      for (let i = 0; i < 3; i += 1) expect((await signIn(t.app, uniqueEmail(), 'x', '10.1.1.1')).status).toBe(401);
      t.clock.advance(20_000);
      const over = await signIn(t.app, w.users.ben.email, FIXTURE_PASSWORD, '10.1.1.1');
      expect(over).toMatchObject({ status: 429, retryAfter: '40', body: { code: 'TANDEM_RATE_LIMITED', retryAfterSeconds: 40, detail: 'Too many attempts. Try again in 1 minute.' } });
      expect(over.body).toMatchObject({ type: 'https://tandem.dev/errors/TANDEM_RATE_LIMITED', title: 'Too many attempts; wait before trying again' });
      expect((await signIn(t.app, w.users.ben.email, FIXTURE_PASSWORD, '10.1.1.2')).status).toBe(201);
      t.clock.advance(40_000);
      expect((await signIn(t.app, w.users.ben.email, FIXTURE_PASSWORD, '10.1.1.1')).status).toBe(201);
    });

    it('IPv6 addresses count by their /64', async () => {
      for (let i = 1; i <= 3; i += 1) expect((await signIn(t.app, uniqueEmail(), 'x', `2001:db8:1:2::${i}`)).status).toBe(401);
      expect((await signIn(t.app, uniqueEmail(), 'x', '2001:db8:1:2:ffff::9')).status).toBe(429);
      expect((await signIn(t.app, uniqueEmail(), 'x', '2001:db8:1:3::1')).status).toBe(401);
    });

    it('sign-up, reset requests and uses, invitations and their acceptance are each limited per address', async () => {
      const w = await t.world({ users: { ada: { role: 'admin' } } });
      const address = '10.2.2.2';
      const signup = () => from(t.app, address, '/signup', { orgName: 'Org', name: 'Sam', email: uniqueEmail('sam'), password: 'a long enough password' });
      const reset = () => from(t.app, address, '/password-resets', { email: uniqueEmail('who') });
      const useReset = () => from(t.app, address, '/password-resets/complete', { token: 'x'.repeat(43), password: 'a long enough password' });
      const accept = () => from(t.app, address, '/invitations/accept', { token: 'y'.repeat(43), password: 'a long enough password' });
      const invite = async () => {
        const res = await t.app.inject({
          method: 'POST', url: '/api/v1/invitations', remoteAddress: address, headers: { authorization: `Bearer ${w.users.ada.token}` },
          payload: { name: 'Ivy', email: uniqueEmail('ivy'), role: 'member' },
        });
        return { status: res.statusCode, body: res.json() as Record<string, unknown>, retryAfter: res.headers['retry-after'] };
      };
      for (const [name, attempt, okStatus] of [['signup', signup, 201], ['reset', reset, 202], ['useReset', useReset, 404], ['accept', accept, 404], ['invite', invite, 201]] as const) {
        for (let i = 0; i < 3; i += 1) expect({ name, status: (await attempt()).status }).toEqual({ name, status: okStatus });
        expect({ name, ...(await attempt()) }).toMatchObject({ name, status: 429, retryAfter: '60', body: { code: 'TANDEM_RATE_LIMITED' } });
      }
    });
  });

  describe(`per-account limits of the other endpoints on ${db}`, () => {
    const t = useTestApp({ db, attemptLimits: 'production' });
    clearCounters(t);

    it('a reset link asked for one e-mail more than 5 times in 15 minutes is 429, known or unknown, from any address', async () => {
      const w = await t.world({ users: { ben: {} } });
      const unknown = uniqueEmail('nobody');
      for (const email of [w.users.ben.email, unknown]) {
        for (let i = 0; i < 5; i += 1) expect((await from(t.app, `192.0.2.${i + 10}`, '/password-resets', { email })).status).toBe(202);
      }
      const known = await from(t.app, '192.0.2.99', '/password-resets', { email: w.users.ben.email.toUpperCase() });
      const stranger = await from(t.app, '192.0.2.99', '/password-resets', { email: unknown });
      expect(known).toMatchObject({ status: 429, retryAfter: '900', body: { code: 'TANDEM_RATE_LIMITED' } });
      expect(stranger).toEqual(known);
    });

    it('one e-mail is invited at most 5 times an hour; sign-up names an e-mail at most 5 times an hour', async () => {
      const w = await t.world({ users: { ada: { role: 'admin' } } });
      const email = uniqueEmail('ivy');
      for (let i = 0; i < 5; i += 1) expectStatus(await t.api.invitations.create({ name: 'Ivy', email, role: 'member' }, { as: w.users.ada.token }), 201);
      const over = await t.api.invitations.create({ name: 'Ivy', email, role: 'member' }, { as: w.users.ada.token });
      expect(outcome(over)).toEqual({ status: 429, code: 'TANDEM_RATE_LIMITED' });
      expect(over.headers['retry-after']).toBe('3600');
      const taken = uniqueEmail('sam');
      expectStatus(await t.api.signup({ orgName: 'Org', name: 'Sam', email: taken, password: 'a long enough password' }), 201);
      for (let i = 0; i < 4; i += 1) {
        expect((await from(t.app, `192.0.2.${i + 40}`, '/signup', { orgName: 'Org', name: 'Sam', email: taken, password: 'a long enough password' })).status).toBe(409);
      }
      expect((await from(t.app, '192.0.2.50', '/signup', { orgName: 'Org', name: 'Sam', email: taken, password: 'a long enough password' })).body.code).toBe('TANDEM_RATE_LIMITED');
    });
  });
}
