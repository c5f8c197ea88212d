// GET /audit and GET /audit/verify: every administrative change is appended in its own transaction, the chain
// verifies, and tampering with a row is detected.
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/harness.ts';
import { accountsClient, buildWorld, outcome, uniqueEmail, type AccountsClient, type World } from './support/accounts-client.ts';

let t: TestApp;
let c: AccountsClient;
beforeAll(async () => {
  t = await buildTestApp();
  c = accountsClient(t.app);
});
afterAll(async () => t.close());
afterEach(() => t.clock.set('2026-01-05T09:00:00Z'));

type Entry = { seq: string; action: string; at: string; actorId: string; targetId: string; before: unknown; after: unknown; prevHash: string; hash: string };

/** Every kind of administrative change this half of the API makes, one minute apart. */
async function makeEveryChange(w: World, app: { t: TestApp; c: AccountsClient } = { t, c }): Promise<void> {
  const { c } = app;
  const as = { as: w.ada.token };
  const step = () => app.t.clock.advance(60_000);
  const eve = (await c.createUser({ name: 'Eve', email: uniqueEmail('eve'), password: 'longenough', role: 'member' }, as)).body.user; step();
  await c.updateUser(eve.id, { role: 'admin' }, as); step();
  await c.updateUser(eve.id, { exportChannels: ['csv'] }, as); step();
  await c.updateUser(eve.id, { status: 'deactivated' }, as); step();
  const team = (await c.createTeam({ name: 'Sales', memberIds: [w.ben.id] }, as)).body.team; step();
  await c.setTeamMembers(team.id, { memberIds: [w.ben.id, w.cat.id] }, as); step();
  await c.renameTeam(team.id, { name: 'Field' }, as); step();
  await c.updateSettings({ shareAllContacts: true }, as); step();
  await c.updateOrg({ accentColor: '#123456' }, as); step();
  await c.createGrant(w.ben.id, { grantee: { teamId: team.id }, scope: 'contacts', level: 'view' }, as); step();
  await c.createGrant(w.ben.id, { grantee: { teamId: team.id }, scope: 'contacts', level: 'edit' }, as); step();
  const calendar = (await c.createGrant(w.cat.id, { grantee: { userId: w.ben.id }, scope: 'calendar', level: 'view' }, as)).body.grant; step();
  await c.revokeGrant(calendar.id, as); step();
  await c.deleteTeam(team.id, as);
}

const EVERY_ACTION = [
  'user.create', 'user.role.change', 'user.exportChannels.change', 'user.status.change', 'team.create', 'team.members.change',
  'team.rename', 'org.settings.change', 'org.branding.change', 'grant.create', 'grant.replace', 'grant.create', 'grant.revoke', 'team.delete',
];

async function allEntries(token: string, limit = 200, client: AccountsClient = c): Promise<Entry[]> {
  const c = client;
  const out: Entry[] = [];
  let cursor: string | undefined;
  do {
    const res = await c.listAudit({ as: token, query: { limit, cursor } });
    expect(res.status).toBe(200);
    out.push(...res.body.items);
    cursor = res.body.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

describe('GET /audit', () => {
  it('holds one entry per change, newest first, with actor, time, target, before and after', async () => {
    const w = await buildWorld(t);
    await makeEveryChange(w);
    const entries = await allEntries(w.ada.token);
    expect(entries.map((e) => e.action).reverse()).toEqual(EVERY_ACTION);
    expect(entries.map((e) => Number(e.seq))).toEqual(EVERY_ACTION.map((_, i) => EVERY_ACTION.length - i));
    expect(entries.every((e) => e.actorId === w.ada.id)).toBe(true);
    expect(entries.at(-1)?.at).toBe('2026-01-05T09:00:00.000Z');
    expect(entries[0]?.at).toBe('2026-01-05T09:13:00.000Z');
    const role = entries.find((e) => e.action === 'user.role.change');
    expect(role).toMatchObject({ before: { role: 'member' }, after: { role: 'admin' } });
    expect(entries.every((e, i) => i === entries.length - 1 || e.prevHash === entries[i + 1]?.hash)).toBe(true);
  });

  it('pages newest first with an opaque cursor, without gaps or repeats', async () => {
    const w = await buildWorld(t);
    await makeEveryChange(w);
    const paged = await allEntries(w.ada.token, 4);
    const whole = await allEntries(w.ada.token);
    expect(paged.map((e) => e.seq)).toEqual(whole.map((e) => e.seq));
    const first = await c.listAudit({ as: w.ada.token, query: { limit: 4 } });
    expect(first.body.items).toHaveLength(4);
    expect(typeof first.body.nextCursor).toBe('string');
  });

  it('appends nothing for a refused change', async () => {
    const w = await buildWorld(t);
    await c.updateUser(w.ada.id, { role: 'member' }, { as: w.ada.token });
    await c.createGrant(w.ben.id, { grantee: { userId: w.cat.id }, scope: 'contacts', level: 'owner' }, { as: w.ada.token });
    await c.updateSettings({ shareAllContacts: true }, { as: w.ben.token });
    await c.createTeam({ name: 'X', memberIds: [w.pia.id] }, { as: w.ada.token });
    expect(await allEntries(w.ada.token)).toEqual([]);
  });

  it('shows each org only its own log', async () => {
    const w = await buildWorld(t);
    await c.updateSettings({ exportEnabled: true }, { as: w.ada.token });
    await c.updateSettings({ shareAllContacts: true }, { as: w.oz.token });
    const acme = await allEntries(w.ada.token);
    const globex = await allEntries(w.oz.token);
    expect(acme.map((e) => e.targetId)).toEqual([w.acme]);
    expect(globex.map((e) => e.targetId)).toEqual([w.globex]);
    expect(acme[0]?.seq).toBe('1');
    expect(globex[0]?.seq).toBe('1');
  });

  it.each([[{ cursor: 'bogus' }], [{ limit: 0 }], [{ limit: 500 }]])('refuses %j with 400', async (query) => {
    const w = await buildWorld(t);
    expect(outcome(await c.listAudit({ as: w.ada.token, query }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
  });

  it.each([
    ['a member', (w: World) => w.ben.token, { status: 403, code: 'TANDEM_ACCESS_ADMIN_ONLY' }],
    ['a deactivated user', (w: World) => w.dee.token, { status: 401, code: 'TANDEM_AUTH_REQUIRED' }],
    ['anonymous', () => undefined, { status: 401, code: 'TANDEM_AUTH_REQUIRED' }],
  ])('refuses %s (log and verify)', async (_l, as, expected) => {
    const w = await buildWorld(t);
    expect(outcome(await c.listAudit({ as: as(w) }))).toEqual(expected);
    expect(outcome(await c.verifyAudit({ as: as(w) }))).toEqual(expected);
  });
});

describe('GET /audit/verify', () => {
  it('answers valid with the entry count for an untouched log, and for an empty one', async () => {
    const w = await buildWorld(t);
    expect((await c.verifyAudit({ as: w.ada.token })).body).toEqual({ valid: true, entries: 0, firstBadSeq: null });
    await makeEveryChange(w);
    expect((await c.verifyAudit({ as: w.ada.token })).body).toEqual({ valid: true, entries: EVERY_ACTION.length, firstBadSeq: null });
  });

  it('reports a row edited in place through SQL', async () => {
    const w = await buildWorld(t);
    await makeEveryChange(w);
    await sql`UPDATE audit_log SET after = '{"role":"member"}'::jsonb WHERE org_id = ${w.acme} AND seq = 2`.execute(t.handle.db);
    expect((await c.verifyAudit({ as: w.ada.token })).body).toEqual({ valid: false, entries: EVERY_ACTION.length, firstBadSeq: '2' });
  });

  it('reports a changed actor or time', async () => {
    const w = await buildWorld(t);
    await makeEveryChange(w);
    await sql`UPDATE audit_log SET actor_id = ${w.ben.id} WHERE org_id = ${w.acme} AND seq = 5`.execute(t.handle.db);
    expect((await c.verifyAudit({ as: w.ada.token })).body).toMatchObject({ valid: false, firstBadSeq: '5' });
  });

  it('reports a deleted row, even when the rows after it are renumbered', async () => {
    const w = await buildWorld(t);
    await makeEveryChange(w);
    await sql`DELETE FROM audit_log WHERE org_id = ${w.acme} AND seq = 3`.execute(t.handle.db);
    expect((await c.verifyAudit({ as: w.ada.token })).body).toMatchObject({ valid: false, firstBadSeq: '4' });
    await sql`UPDATE audit_log SET seq = seq - 1 WHERE org_id = ${w.acme} AND seq > 3`.execute(t.handle.db);
    expect((await c.verifyAudit({ as: w.ada.token })).body).toMatchObject({ valid: false, firstBadSeq: '3' });
  });

  it('is not fooled by tampering in another org', async () => {
    const w = await buildWorld(t);
    await c.updateSettings({ exportEnabled: true }, { as: w.ada.token });
    await c.updateSettings({ exportEnabled: true }, { as: w.oz.token });
    await sql`UPDATE audit_log SET action = 'nothing' WHERE org_id = ${w.globex}`.execute(t.handle.db);
    expect((await c.verifyAudit({ as: w.ada.token })).body.valid).toBe(true);
    expect((await c.verifyAudit({ as: w.oz.token })).body.valid).toBe(false);
  });
});

describe('on PostgreSQL (jsonb reorders keys; the chain must not care)', () => {
  let pg: TestApp;
  beforeAll(async () => {
    pg = await buildTestApp('postgres');
  });
  afterAll(async () => pg.close());

  it('verifies an untouched log and catches an edited row', async () => {
    const pc = accountsClient(pg.app);
    const w = await buildWorld(pg);
    await makeEveryChange(w, { t: pg, c: pc });
    expect((await allEntries(w.ada.token, 5, pc)).map((e) => e.action).reverse()).toEqual(EVERY_ACTION);
    expect((await pc.verifyAudit({ as: w.ada.token })).body).toEqual({ valid: true, entries: EVERY_ACTION.length, firstBadSeq: null });
    await sql`UPDATE audit_log SET before = '{"role":"admin"}'::jsonb WHERE org_id = ${w.acme} AND seq = 2`.execute(pg.handle.db);
    expect((await pc.verifyAudit({ as: w.ada.token })).body).toMatchObject({ valid: false, firstBadSeq: '2' });
  });
});
