// D46: rate limits on the public account endpoints (per client address and per account, 429 TANDEM_RATE_LIMITED
// with Retry-After) and the sign-in lockout after wrong passwords (429 TANDEM_AUTH_LOCKED), lifted by time or by an
// admin (POST /users/:id/unlock, audited). An unknown e-mail is throttled and locked exactly like a known one. The
// lockout and per-account tests run with the production figures (DEFAULT_ATTEMPT_LIMITS), moving the test clock
// instead of waiting; the per-address tests use small limits so they need few argon2 checks.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { attemptLimitsConfig, loadConfig } from '../../src/config.ts';
import { DEFAULT_ATTEMPT_LIMITS, LIMITED_ACTIONS, type AttemptLimits } from '../../src/domain/accounts/attempt-limits.ts';
import { FIXTURE_PASSWORD } from '../fixtures/world.ts';
import { buildApp } from '../../src/http/app.ts';
import { openDatabase } from '../../src/storage/connect.ts';
import { migrate } from '../../src/storage/migrate.ts';
import { DATABASE_KINDS, freshPostgresUrl } from '../support/databases.ts';
import { TEST_START } from '../support/harness.ts';
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

/** The production figures but a lock after 3 wrong passwords, so each lockout test costs few argon2 checks. */
const LOCK_AFTER_3: AttemptLimits = { ...DEFAULT_ATTEMPT_LIMITS, signInLock: { max: 3, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE } };

/** `count` wrong passwords, each from its own address (so only the e-mail's counts grow); answers what each got. */
async function wrongPasswords(app: FastifyInstance, email: string, count: number, net = '198.51.100') {
  const answers = [];
  for (let i = 0; i < count; i += 1) answers.push(await signIn(app, email, 'not the password', `${net}.${i + 1}`));
  return answers;
}

// The production figures end to end, on the database of a multi-node deployment: 10 wrong passwords lock, the 21st
// attempt on one e-mail within 15 minutes is throttled, and an unknown e-mail gets every answer a known one gets.
describe('the production figures on postgres', () => {
  const t = useTestApp({ db: 'postgres', attemptLimits: 'production' });
  clearCounters(t);

  it('10 wrong passwords lock the e-mail for 15 minutes; the 21st attempt is throttled; an unknown e-mail answers alike', async () => {
    const w = await t.world({ users: { ada: { role: 'admin' }, ben: {} } });
    const unknown = uniqueEmail('nobody');
    const known = await wrongPasswords(t.app, w.users.ben.email, 10);
    const stranger = await wrongPasswords(t.app, unknown, 10);
    expect(known.map((a) => a.body.code)).toEqual(Array(10).fill('TANDEM_AUTH_INVALID_CREDENTIALS'));
    expect(stranger).toEqual(known);

    // Attempts 11 to 20: locked, even with the right password (no argon2 work: the lock answers first).
    const locked = await wrongPasswords(t.app, w.users.ben.email, 10, '203.0.113');
    const lockedUnknown = await wrongPasswords(t.app, unknown, 10, '203.0.113');
    expect(locked[0]).toMatchObject({
      status: 429, retryAfter: '900',
      body: {
        status: 429, code: 'TANDEM_AUTH_LOCKED', retryAfterSeconds: 900, lockedUntil: '2026-01-05T09:15:00.000Z',
        detail: 'Too many wrong passwords for this e-mail. Try again in 15 minutes, or ask an admin to unlock the account.',
      },
    });
    expect(new Set(locked.map((a) => a.body.code))).toEqual(new Set(['TANDEM_AUTH_LOCKED']));
    expect(lockedUnknown).toEqual(locked);

    const throttled = await signIn(t.app, w.users.ben.email, FIXTURE_PASSWORD, '192.0.2.200');
    expect(throttled).toMatchObject({ status: 429, retryAfter: '900', body: { code: 'TANDEM_RATE_LIMITED', retryAfterSeconds: 900 } });
    expect(await signIn(t.app, unknown, FIXTURE_PASSWORD, '192.0.2.200')).toEqual(throttled);

    // Both the lock and the window end 15 minutes after they began.
    t.clock.advance(15 * MINUTE);
    expect((await signIn(t.app, w.users.ben.email, FIXTURE_PASSWORD)).status).toBe(201);
    const audit = expectStatus(await t.api.audit.list({ as: w.users.ada.token, query: { action: 'user.lock' } }), 200).items;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'user.lock', actorId: null, targetId: w.users.ben.id, after: { lockedUntil: '2026-01-05T09:15:00.000Z', failures: 10 } });
  });
});

for (const db of DATABASE_KINDS) {
  describe(`lockout on ${db}`, () => {
    const t = useTestApp({ db, attemptLimits: LOCK_AFTER_3 });
    clearCounters(t);
    const world = () => t.world({
      orgs: { acme: {}, globex: {} },
      users: { ada: { role: 'admin' }, ben: {}, oz: { org: 'globex', role: 'admin' } },
    });

    it('locks after the limit, even for the right password, and ends by itself; an unknown e-mail answers the same', async () => {
      const w = await world();
      const unknown = uniqueEmail('nobody');
      expect(await wrongPasswords(t.app, unknown, 3)).toEqual(await wrongPasswords(t.app, w.users.ben.email, 3));
      const locked = await signIn(t.app, w.users.ben.email, FIXTURE_PASSWORD);
      expect(locked).toMatchObject({ status: 429, retryAfter: '900', body: { code: 'TANDEM_AUTH_LOCKED', lockedUntil: '2026-01-05T09:15:00.000Z' } });
      expect(await signIn(t.app, unknown, FIXTURE_PASSWORD)).toEqual(locked);
      t.clock.advance(15 * MINUTE - 1000);
      expect((await signIn(t.app, w.users.ben.email, FIXTURE_PASSWORD)).body).toMatchObject({
        code: 'TANDEM_AUTH_LOCKED', retryAfterSeconds: 1, detail: expect.stringContaining('Try again in 1 minute,'),
      });
      t.clock.advance(1000);
      expect((await signIn(t.app, w.users.ben.email, FIXTURE_PASSWORD)).status).toBe(201);
    });

    it('wrong passwords spread over more than the window do not lock; a right one starts the count again', async () => {
      const w = await world();
      await wrongPasswords(t.app, w.users.ben.email, 2);
      expect((await signIn(t.app, w.users.ben.email, FIXTURE_PASSWORD)).status).toBe(201);
      await wrongPasswords(t.app, w.users.ben.email, 2);
      t.clock.advance(15 * MINUTE);
      expect((await signIn(t.app, w.users.ben.email, 'nope')).status).toBe(401);
      expect((await signIn(t.app, w.users.ben.email, FIXTURE_PASSWORD)).status).toBe(201);
    });

    it('an admin sees the lock on the Users list and lifts it (audited); a member gets 403, another org\'s admin 404', async () => {
      const w = await world();
      await wrongPasswords(t.app, w.users.ben.email, 3);
      const listed = expectStatus(await t.api.users.list({ as: w.users.ada.token }), 200).items;
      expect(listed.find((u) => u.id === w.users.ben.id)?.lockedUntil).toBe('2026-01-05T09:15:00.000Z');
      expect(listed.find((u) => u.id === w.users.ada.id)?.lockedUntil).toBeNull();
      const asMember = expectStatus(await t.api.users.list({ as: w.users.ben.token }), 200).items;
      expect(asMember.every((u) => !('lockedUntil' in u))).toBe(true);

      const unlock = (as: string, id = w.users.ben.id) => t.api.users.unlock(id, { as });
      expect(outcome(await unlock(w.users.ben.token))).toEqual({ status: 403, code: 'TANDEM_ACCESS_ADMIN_ONLY' });
      expect(outcome(await unlock(w.users.oz.token))).toEqual({ status: 404, code: 'TANDEM_USER_NOT_FOUND' });
      expect(outcome(await unlock(w.users.ada.token, '00000000-0000-4000-8000-000000000000'))).toEqual({ status: 404, code: 'TANDEM_USER_NOT_FOUND' });
      expect((await signIn(t.app, w.users.ben.email, FIXTURE_PASSWORD)).body.code).toBe('TANDEM_AUTH_LOCKED');

      const lifted = expectStatus(await unlock(w.users.ada.token), 200);
      expect(lifted.user).toMatchObject({ id: w.users.ben.id, lockedUntil: null });
      expect((await signIn(t.app, w.users.ben.email, FIXTURE_PASSWORD)).status).toBe(201);
      const audit = expectStatus(await t.api.audit.list({ as: w.users.ada.token }), 200).items;
      expect(audit.find((e) => e.action === 'user.lock')).toMatchObject({ actorId: null, targetId: w.users.ben.id, after: { failures: 3 } });
      expect(audit.find((e) => e.action === 'user.unlock')).toMatchObject({
        actorId: w.users.ada.id, targetId: w.users.ben.id, before: { lockedUntil: '2026-01-05T09:15:00.000Z' }, after: { lockedUntil: null },
      });
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
      const ask = (address: string) => from(t.app, address, '/password-resets', { email: uniqueEmail() });
      for (let i = 1; i <= 3; i += 1) expect((await ask(`2001:db8:1:2::${i}`)).status).toBe(202);
      expect((await ask('2001:db8:1:2:ffff::9')).status).toBe(429);
      expect((await ask('2001:db8:1:3::1')).status).toBe(202);
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

// Several nodes on one PostgreSQL (issue 14 item 4): two apps, each with its own connection pool, count into the
// same rows, so an attacker who alternates between nodes gets no more attempts than on one.
describe('two nodes on one PostgreSQL', () => {
  const limits: AttemptLimits = {
    actions: Object.fromEntries(LIMITED_ACTIONS.map((a) => [a, { perAddress: { max: 4, windowMs: MINUTE }, perAccount: { max: 100, windowMs: MINUTE } }])) as AttemptLimits['actions'],
    signInLock: { max: 3, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
  };
  let nodes: { a: FastifyInstance; b: FastifyInstance; close: () => Promise<void> } | undefined;
  const node = () => {
    if (!nodes) throw new Error('nodes not started');
    return nodes;
  };

  beforeAll(async () => {
    const url = await freshPostgresUrl();
    const first = openDatabase({ kind: 'postgres', url, poolSize: 2 });
    await migrate(first);
    const second = openDatabase({ kind: 'postgres', url, poolSize: 2 });
    const clock = manualClock(TEST_START);
    const a = await buildApp({ db: first.db, clock, logger: false, attemptLimits: limits });
    const b = await buildApp({ db: second.db, clock, logger: false, attemptLimits: limits });
    nodes = { a, b, close: async () => { await a.close(); await b.close(); await first.close(); await second.close(); } };
  });
  afterAll(async () => { await nodes?.close(); });

  it('per-address counts and e-mail locks are shared: alternating nodes gets nothing more', async () => {
    const { a, b } = node();
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push((await signIn(i % 2 === 0 ? a : b, uniqueEmail(), 'x', '10.9.9.9')).status);
    expect(answers).toEqual([401, 401, 401, 401, 429]);

    const email = uniqueEmail('target');
    expect((await signIn(a, email, 'x', '10.8.0.1')).status).toBe(401);
    expect((await signIn(b, email, 'x', '10.8.0.2')).status).toBe(401);
    expect((await signIn(a, email, 'x', '10.8.0.3')).status).toBe(401);
    expect((await signIn(b, email, 'x', '10.8.0.4')).body.code).toBe('TANDEM_AUTH_LOCKED');
  });

  it('concurrent attempts on both nodes are each counted once', async () => {
    const { a, b } = node();
    const all = await Promise.all(Array.from({ length: 12 }, (_, i) => from(i % 2 === 0 ? a : b, '10.7.7.7', '/password-resets', { email: uniqueEmail() })));
    expect(all.filter((r) => r.status === 202)).toHaveLength(4);
    expect(all.filter((r) => r.status === 429)).toHaveLength(8);
  });
});
