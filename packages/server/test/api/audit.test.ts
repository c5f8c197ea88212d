// GET /audit and GET /audit/verify: every administrative change is appended in its own transaction, the chain
// verifies, and tampering with a row is detected.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { AuditEntryDto } from './support/api-types.ts';
import { expectStatus, outcome, uniqueEmail } from './support/api-client.ts';
import { useTestApp, type TestHandle } from './support/test-app.ts';
import { ACME_AND_GLOBEX, type AcmeAndGlobex } from './support/world-builder.ts';

const t = useTestApp();
const { api } = t;

/** Every kind of administrative change this half of the API makes, one minute apart. */
async function makeEveryChange(w: AcmeAndGlobex, app: TestHandle = t): Promise<void> {
  const { api } = app;
  const as = { as: w.users.ada.token };
  const step = () => app.clock.advance(60_000);
  const eve = expectStatus(await api.users.create({ name: 'Eve', email: uniqueEmail('eve'), password: 'longenough', role: 'member' }, as), 201).user; step();
  await api.users.update(eve.id, { role: 'admin' }, as); step();
  await api.users.update(eve.id, { exportChannels: ['csv'] }, as); step();
  await api.users.update(eve.id, { status: 'deactivated' }, as); step();
  const team = expectStatus(await api.teams.create({ name: 'Sales', memberIds: [w.users.ben.id] }, as), 201).team; step();
  await api.teams.setMembers(team.id, { memberIds: [w.users.ben.id, w.users.cat.id] }, as); step();
  await api.teams.rename(team.id, { name: 'Field' }, as); step();
  await api.org.updateSettings({ shareAllContacts: true }, as); step();
  await api.org.update({ accentColor: '#123456' }, as); step();
  await api.grants.create(w.users.ben.id, { grantee: { teamId: team.id }, scope: 'contacts', level: 'view' }, as); step();
  await api.grants.create(w.users.ben.id, { grantee: { teamId: team.id }, scope: 'contacts', level: 'edit' }, as); step();
  const calendar = expectStatus(await api.grants.create(w.users.cat.id, { grantee: { userId: w.users.ben.id }, scope: 'calendar', level: 'view' }, as), 201).grant; step();
  await api.grants.revoke(calendar.id, as); step();
  await api.teams.delete(team.id, as);
}

const EVERY_ACTION = [
  'user.create', 'user.role.change', 'user.exportChannels.change', 'user.status.change', 'team.create', 'team.members.change',
  'team.rename', 'org.settings.change', 'org.branding.change', 'grant.create', 'grant.replace', 'grant.create', 'grant.revoke', 'team.delete',
];

async function allEntries(token: string, limit = 200, app: TestHandle = t): Promise<AuditEntryDto[]> {
  const out: AuditEntryDto[] = [];
  let cursor: string | undefined;
  do {
    const page = expectStatus(await app.api.audit.list({ as: token, query: { limit, cursor } }), 200);
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

describe('GET /audit', () => {
  it('holds one entry per change, newest first, with actor, time, target, before and after', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    await makeEveryChange(w);
    const entries = await allEntries(w.users.ada.token);
    expect(entries.map((e) => e.action).reverse()).toEqual(EVERY_ACTION);
    expect(entries.map((e) => Number(e.seq))).toEqual(EVERY_ACTION.map((_, i) => EVERY_ACTION.length - i));
    expect(entries.every((e) => e.actorId === w.users.ada.id)).toBe(true);
    expect(entries.at(-1)?.at).toBe('2026-01-05T09:00:00.000Z');
    expect(entries[0]?.at).toBe('2026-01-05T09:13:00.000Z');
    const role = entries.find((e) => e.action === 'user.role.change');
    expect(role).toMatchObject({ before: { role: 'member' }, after: { role: 'admin' } });
    expect(entries.every((e, i) => i === entries.length - 1 || e.prevHash === entries[i + 1]?.hash)).toBe(true);
  });

  it('pages newest first with an opaque cursor, without gaps or repeats', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    await makeEveryChange(w);
    const paged = await allEntries(w.users.ada.token, 4);
    const whole = await allEntries(w.users.ada.token);
    expect(paged.map((e) => e.seq)).toEqual(whole.map((e) => e.seq));
    const first = expectStatus(await api.audit.list({ as: w.users.ada.token, query: { limit: 4 } }), 200);
    expect(first.items).toHaveLength(4);
    expect(typeof first.nextCursor).toBe('string');
  });

  it('appends nothing for a refused change', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    await api.users.update(w.users.ada.id, { role: 'member' }, { as: w.users.ada.token });
    await api.grants.create(w.users.ben.id, { grantee: { userId: w.users.cat.id }, scope: 'contacts', level: 'owner' }, { as: w.users.ada.token });
    await api.org.updateSettings({ shareAllContacts: true }, { as: w.users.ben.token });
    await api.teams.create({ name: 'X', memberIds: [w.users.pia.id] }, { as: w.users.ada.token });
    expect(await allEntries(w.users.ada.token)).toEqual([]);
  });

  it('shows each org only its own log', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    await api.org.updateSettings({ exportEnabled: true }, { as: w.users.ada.token });
    await api.org.updateSettings({ shareAllContacts: true }, { as: w.users.oz.token });
    const acme = await allEntries(w.users.ada.token);
    const globex = await allEntries(w.users.oz.token);
    expect(acme.map((e) => e.targetId)).toEqual([w.orgs.acme]);
    expect(globex.map((e) => e.targetId)).toEqual([w.orgs.globex]);
    expect(acme[0]?.seq).toBe('1');
    expect(globex[0]?.seq).toBe('1');
  });

  it.each([[{ cursor: 'bogus' }], [{ limit: 0 }], [{ limit: 500 }]])('refuses %j with 400', async (query) => {
    const w = await t.world(ACME_AND_GLOBEX);
    expect(outcome(await api.audit.list({ as: w.users.ada.token, query }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
  });

  it.each([
    ['a member', (w: AcmeAndGlobex) => w.users.ben.token, { status: 403, code: 'TANDEM_ACCESS_ADMIN_ONLY' }],
    ['a deactivated user', (w: AcmeAndGlobex) => w.users.dee.token, { status: 401, code: 'TANDEM_AUTH_REQUIRED' }],
    ['anonymous', () => undefined, { status: 401, code: 'TANDEM_AUTH_REQUIRED' }],
  ])('refuses %s (log and verify)', async (_l, as, expected) => {
    const w = await t.world(ACME_AND_GLOBEX);
    expect(outcome(await api.audit.list({ as: as(w) }))).toEqual(expected);
    expect(outcome(await api.audit.verify({ as: as(w) }))).toEqual(expected);
  });
});

describe('GET /audit/verify', () => {
  it('answers valid with the entry count for an untouched log, and for an empty one', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    expect((await api.audit.verify({ as: w.users.ada.token })).body).toEqual({ valid: true, entries: 0, firstBadSeq: null });
    await makeEveryChange(w);
    expect((await api.audit.verify({ as: w.users.ada.token })).body).toEqual({ valid: true, entries: EVERY_ACTION.length, firstBadSeq: null });
  });

  it('reports a row edited in place through SQL', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    await makeEveryChange(w);
    await sql`UPDATE audit_log SET after = '{"role":"member"}'::jsonb WHERE org_id = ${w.orgs.acme} AND seq = 2`.execute(t.db);
    expect((await api.audit.verify({ as: w.users.ada.token })).body).toEqual({ valid: false, entries: EVERY_ACTION.length, firstBadSeq: '2' });
  });

  it('reports a changed actor or time', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    await makeEveryChange(w);
    await sql`UPDATE audit_log SET actor_id = ${w.users.ben.id} WHERE org_id = ${w.orgs.acme} AND seq = 5`.execute(t.db);
    expect((await api.audit.verify({ as: w.users.ada.token })).body).toMatchObject({ valid: false, firstBadSeq: '5' });
  });

  it('reports a deleted row, even when the rows after it are renumbered', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    await makeEveryChange(w);
    await sql`DELETE FROM audit_log WHERE org_id = ${w.orgs.acme} AND seq = 3`.execute(t.db);
    expect((await api.audit.verify({ as: w.users.ada.token })).body).toMatchObject({ valid: false, firstBadSeq: '4' });
    await sql`UPDATE audit_log SET seq = seq - 1 WHERE org_id = ${w.orgs.acme} AND seq > 3`.execute(t.db);
    expect((await api.audit.verify({ as: w.users.ada.token })).body).toMatchObject({ valid: false, firstBadSeq: '3' });
  });

  it('is not fooled by tampering in another org', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    await api.org.updateSettings({ exportEnabled: true }, { as: w.users.ada.token });
    await api.org.updateSettings({ exportEnabled: true }, { as: w.users.oz.token });
    await sql`UPDATE audit_log SET action = 'nothing' WHERE org_id = ${w.orgs.globex}`.execute(t.db);
    expect(expectStatus(await api.audit.verify({ as: w.users.ada.token }), 200).valid).toBe(true);
    expect(expectStatus(await api.audit.verify({ as: w.users.oz.token }), 200).valid).toBe(false);
  });
});

describe('on PostgreSQL (jsonb reorders keys; the chain must not care)', () => {
  const pg = useTestApp({ db: 'postgres' });

  it('verifies an untouched log and catches an edited row', async () => {
    const w = await pg.world(ACME_AND_GLOBEX);
    await makeEveryChange(w, pg);
    expect((await allEntries(w.users.ada.token, 5, pg)).map((e) => e.action).reverse()).toEqual(EVERY_ACTION);
    expect((await pg.api.audit.verify({ as: w.users.ada.token })).body).toEqual({ valid: true, entries: EVERY_ACTION.length, firstBadSeq: null });
    await sql`UPDATE audit_log SET before = '{"role":"admin"}'::jsonb WHERE org_id = ${w.orgs.acme} AND seq = 2`.execute(pg.db);
    expect((await pg.api.audit.verify({ as: w.users.ada.token })).body).toMatchObject({ valid: false, firstBadSeq: '2' });
  });
});
