// One helper per accounts/administration endpoint, each taking `{as: token}` (omit `as` for an anonymous call),
// plus the small worlds the account tests build (each test builds its own orgs, so order never matters).
import type { FastifyInstance } from 'fastify';
import { createOrg, createUser, type FixtureUser } from '../../fixtures/org-fixture.ts';
import { call, type Answer, type Call, type TestApp } from '../../support/harness.ts';

export type As = Omit<Call, 'body'>;
type Body = Record<string, unknown>;
const V1 = '/api/v1';

export function accountsClient(app: FastifyInstance) {
  return {
    signup: (body: Body, o: As = {}) => call(app, 'POST', `${V1}/signup`, { ...o, body }),
    signIn: (body: Body, o: As = {}) => call(app, 'POST', `${V1}/sessions`, { ...o, body }),
    signOut: (o: As) => call(app, 'DELETE', `${V1}/sessions/current`, o),
    me: (o: As) => call(app, 'GET', `${V1}/me`, o),
    listUsers: (o: As) => call(app, 'GET', `${V1}/users`, o),
    createUser: (body: Body, o: As) => call(app, 'POST', `${V1}/users`, { ...o, body }),
    updateUser: (id: string, body: Body, o: As) => call(app, 'PATCH', `${V1}/users/${id}`, { ...o, body }),
    listTeams: (o: As) => call(app, 'GET', `${V1}/teams`, o),
    createTeam: (body: Body, o: As) => call(app, 'POST', `${V1}/teams`, { ...o, body }),
    renameTeam: (id: string, body: Body, o: As) => call(app, 'PATCH', `${V1}/teams/${id}`, { ...o, body }),
    setTeamMembers: (id: string, body: Body, o: As) => call(app, 'PUT', `${V1}/teams/${id}/members`, { ...o, body }),
    deleteTeam: (id: string, o: As) => call(app, 'DELETE', `${V1}/teams/${id}`, o),
    getSettings: (o: As) => call(app, 'GET', `${V1}/org/settings`, o),
    updateSettings: (body: Body, o: As) => call(app, 'PATCH', `${V1}/org/settings`, { ...o, body }),
    updateOrg: (body: Body, o: As) => call(app, 'PATCH', `${V1}/org`, { ...o, body }),
    createGrant: (ownerId: string, body: Body, o: As) => call(app, 'POST', `${V1}/users/${ownerId}/grants`, { ...o, body }),
    listOwnerGrants: (ownerId: string, o: As) => call(app, 'GET', `${V1}/users/${ownerId}/grants`, o),
    listGrants: (o: As) => call(app, 'GET', `${V1}/grants`, o),
    revokeGrant: (id: string, o: As) => call(app, 'DELETE', `${V1}/grants/${id}`, o),
    listAudit: (o: As) => call(app, 'GET', `${V1}/audit`, o),
    verifyAudit: (o: As) => call(app, 'GET', `${V1}/audit/verify`, o),
    createToken: (body: Body, o: As) => call(app, 'POST', `${V1}/tokens`, { ...o, body }),
    listTokens: (o: As) => call(app, 'GET', `${V1}/tokens`, o),
    revokeToken: (id: string, o: As) => call(app, 'DELETE', `${V1}/tokens/${id}`, o),
  };
}
export type AccountsClient = ReturnType<typeof accountsClient>;

/**
 * Acme: admin Ada, members Ben and Cat, deactivated member Dee. Globex (another org): admin Oz, member Pia.
 * Users come from fixtures (direct to the database, with session tokens), so tests do not depend on sign-up.
 */
export type World = { acme: string; globex: string; ada: FixtureUser; ben: FixtureUser; cat: FixtureUser; dee: FixtureUser; oz: FixtureUser; pia: FixtureUser };

export async function buildWorld(t: TestApp): Promise<World> {
  const db = t.handle.db;
  const acme = await createOrg(db, 'Acme');
  const globex = await createOrg(db, 'Globex');
  return {
    acme,
    globex,
    ada: await createUser(db, acme, { name: 'Ada', role: 'admin' }),
    ben: await createUser(db, acme, { name: 'Ben' }),
    cat: await createUser(db, acme, { name: 'Cat' }),
    dee: await createUser(db, acme, { name: 'Dee', status: 'deactivated' }),
    oz: await createUser(db, globex, { name: 'Oz', role: 'admin' }),
    pia: await createUser(db, globex, { name: 'Pia' }),
  };
}

/** A unique e-mail for users made through the API. */
let counter = 0;
export function uniqueEmail(name = 'user'): string {
  counter += 1;
  return `${name}.${process.pid}.${Date.now().toString(36)}.${counter}@example.test`;
}

/** The cookies a response set, as a request `cookie` header, and the CSRF value. */
export function cookiesOf(answer: Answer): { cookie: string; csrf: string } {
  const raw = answer.headers['set-cookie'];
  const list = (Array.isArray(raw) ? raw : [raw]).filter((c): c is string => typeof c === 'string');
  const pairs = list.map((c) => c.split(';')[0] as string);
  const csrf = pairs.find((p) => p.startsWith('tandem_csrf='))?.slice('tandem_csrf='.length) ?? '';
  return { cookie: pairs.join('; '), csrf };
}

/** Asserts nothing; returns the problem code and status, for compact expectations. */
export function outcome(answer: Answer): { status: number; code?: string } {
  return answer.status >= 400 ? { status: answer.status, code: answer.body?.code } : { status: answer.status };
}
