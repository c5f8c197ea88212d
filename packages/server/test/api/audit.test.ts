// GET /audit and GET /audit/verify: every administrative change is appended in its own transaction, the chain
// verifies, and tampering with a row is detected.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { AuditEntryDto } from './support/api-types.ts';
import { expectStatus, outcome, uniqueEmail } from './support/api-client.ts';
import { useTestApp, type TestHandle } from './support/test-app.ts';
import { ACME_AND_GLOBEX, type AcmeAndGlobex } from './support/world-builder.ts';
import { DATABASE_KINDS } from '../support/databases.ts';
import { purgeTrash } from '../../src/jobs/purge-trash.ts';
import { asOwner } from './support/audit-owner.ts';

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
    await asOwner(t.db, (trx) => sql`UPDATE audit_log SET after = '{"role":"member"}'::jsonb WHERE org_id = ${w.orgs.acme} AND seq = 2`.execute(trx));
    expect((await api.audit.verify({ as: w.users.ada.token })).body).toEqual({ valid: false, entries: EVERY_ACTION.length, firstBadSeq: '2' });
  });

  it('reports a changed actor or time', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    await makeEveryChange(w);
    await asOwner(t.db, (trx) => sql`UPDATE audit_log SET actor_id = ${w.users.ben.id} WHERE org_id = ${w.orgs.acme} AND seq = 5`.execute(trx));
    expect((await api.audit.verify({ as: w.users.ada.token })).body).toMatchObject({ valid: false, firstBadSeq: '5' });
  });

  it('reports a deleted row, even when the rows after it are renumbered', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    await makeEveryChange(w);
    await asOwner(t.db, (trx) => sql`DELETE FROM audit_log WHERE org_id = ${w.orgs.acme} AND seq = 3`.execute(trx));
    expect((await api.audit.verify({ as: w.users.ada.token })).body).toMatchObject({ valid: false, firstBadSeq: '4' });
    // Renumbered in two steps: one `seq = seq - 1` collides with the primary key when the rows are visited newest
    // first (which the planner may choose now that other indexes end in seq).
    await asOwner(t.db, (trx) => sql`UPDATE audit_log SET seq = -seq WHERE org_id = ${w.orgs.acme} AND seq > 3`.execute(trx));
    await asOwner(t.db, (trx) => sql`UPDATE audit_log SET seq = -seq - 1 WHERE org_id = ${w.orgs.acme} AND seq < 0`.execute(trx));
    expect((await api.audit.verify({ as: w.users.ada.token })).body).toMatchObject({ valid: false, firstBadSeq: '3' });
  });

  it('is not fooled by tampering in another org', async () => {
    const w = await t.world(ACME_AND_GLOBEX);
    await api.org.updateSettings({ exportEnabled: true }, { as: w.users.ada.token });
    await api.org.updateSettings({ exportEnabled: true }, { as: w.users.oz.token });
    await asOwner(t.db, (trx) => sql`UPDATE audit_log SET action = 'nothing' WHERE org_id = ${w.orgs.globex}`.execute(trx));
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
    await asOwner(pg.db, (trx) => sql`UPDATE audit_log SET before = '{"role":"admin"}'::jsonb WHERE org_id = ${w.orgs.acme} AND seq = 2`.execute(trx));
    expect((await pg.api.audit.verify({ as: w.users.ada.token })).body).toMatchObject({ valid: false, firstBadSeq: '2' });
  });
});

/** The entries `filters` should select, read from the whole log in JS: the oracle the server's filters must match. */
type Filters = { actorId?: string; action?: string; targetType?: string; targetId?: string; from?: string; to?: string };
function matches(e: AuditEntryDto, f: Filters): boolean {
  if (f.actorId !== undefined && e.actorId !== (f.actorId === 'system' ? null : f.actorId)) return false;
  if (f.action !== undefined && !(f.action.endsWith('.') ? e.action.startsWith(f.action) : e.action === f.action)) return false;
  if (f.targetType !== undefined && e.targetType !== f.targetType) return false;
  if (f.targetId !== undefined && e.targetId !== f.targetId) return false;
  if (f.from !== undefined && Date.parse(e.at) < Date.parse(f.from)) return false;
  if (f.to !== undefined && Date.parse(e.at) >= Date.parse(f.to)) return false;
  return true;
}

describe.each(DATABASE_KINDS)('GET /audit filters on %s', (kind) => {
  const h = useTestApp({ db: kind });

  /** Ada's administrative changes (09:00-09:13), then Ben's contact changes (09:14 on), and Globex's own entry. */
  async function world() {
    const w = await h.world(ACME_AND_GLOBEX);
    await makeEveryChange(w, h);
    h.clock.advance(60_000);
    const ben = { as: w.users.ben.token };
    const zoe = expectStatus(await h.api.contacts.create({ name: 'Zoe' }, ben), 201).contact;
    h.clock.advance(60_000);
    await h.api.shares.create(zoe.id, { grantee: { userId: w.users.cat.id }, level: 'view' }, ben);
    h.clock.advance(60_000);
    await h.api.contacts.archive(zoe.id, ben);
    // A contact left in the trash is purged by the scheduled job 30 days on: an entry no user made.
    const old = expectStatus(await h.api.contacts.create({ name: 'Old Lead' }, ben), 201).contact;
    await h.api.contacts.delete(old.id, ben);
    expect(await purgeTrash(h.db, h.clock.now() + 31 * 86_400_000)).toBeGreaterThanOrEqual(1);
    await h.api.org.updateSettings({ shareAllContacts: true }, { as: w.users.oz.token });
    const whole = await allEntries(w.users.ada.token, 200, h);
    return { w, zoe, whole };
  }
  const list = (token: string, query: Filters & { limit?: number; cursor?: string }) => h.api.audit.list({ as: token, query });
  async function filtered(token: string, filters: Filters, limit: number): Promise<AuditEntryDto[]> {
    const out: AuditEntryDto[] = [];
    let cursor: string | undefined;
    do {
      const page = expectStatus(await list(token, { ...filters, limit, cursor }), 200);
      out.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out;
  }

  it('answers each filter and their combinations as the whole log filtered, page by page', async () => {
    const { w, zoe, whole } = await world();
    const team = whole.find((e) => e.action === 'team.create')?.targetId ?? '';
    const cases: Filters[] = [
      { actorId: w.users.ben.id }, { actorId: w.users.ada.id }, { actorId: 'system' },
      { action: 'grant.create' }, { action: 'grant.' }, { action: 'user.' }, { action: 'contact.' }, { action: 'user' },
      { targetType: 'team' }, { targetType: 'team', targetId: team }, { targetId: zoe.id },
      { from: '2026-01-05T09:03:00.000Z', to: '2026-01-05T09:07:00.000Z' }, { from: '2026-01-05T09:10:00Z' }, { to: '2026-01-05T09:02:00Z' },
      { actorId: w.users.ada.id, action: 'grant.', from: '2026-01-05T09:10:30Z' },
      { actorId: w.users.ben.id, targetType: 'contact', action: 'contact.', to: '2026-01-05T09:16:00Z' },
    ];
    expect(whole.filter((e) => e.actorId === w.users.ben.id).length, 'Ben made contact entries').toBeGreaterThanOrEqual(3);
    expect(whole.filter((e) => e.actorId === null).map((e) => e.action), 'the purge job made one').toEqual(['contact.purge']);
    for (const f of cases) {
      const expected = whole.filter((e) => matches(e, f)).map((e) => e.seq);
      for (const limit of [2, 200]) expect((await filtered(w.users.ada.token, f, limit)).map((e) => e.seq), `${JSON.stringify(f)} limit ${limit}`).toEqual(expected);
    }
    // Cases that select something and nothing are both among them (a filter that matched everything proves little).
    expect(cases.filter((f) => whole.some((e) => matches(e, f)) && !whole.every((e) => matches(e, f))).length).toBeGreaterThanOrEqual(12);
  });

  it('reads an instant with an offset as the same instant, and keeps to the org', async () => {
    const { w, whole } = await world();
    const inUtc = await filtered(w.users.ada.token, { from: '2026-01-05T09:03:00Z', to: '2026-01-05T09:05:00Z' }, 50);
    expect(inUtc.map((e) => e.at)).toEqual(['2026-01-05T09:04:00.000Z', '2026-01-05T09:03:00.000Z']);
    expect(await filtered(w.users.ada.token, { from: '2026-01-05T10:03:00+01:00', to: '2026-01-05T04:05:00-05:00' }, 50)).toEqual(inUtc);
    // Globex's admin and entries stay Globex's: filtering on them from Acme finds nothing, and the reverse.
    expect(await filtered(w.users.ada.token, { actorId: w.users.oz.id }, 50)).toEqual([]);
    expect(await filtered(w.users.oz.token, { actorId: w.users.ada.id }, 50)).toEqual([]);
    expect(await filtered(w.users.ada.token, { targetId: w.orgs.globex }, 50)).toEqual([]);
    expect((await filtered(w.users.oz.token, { action: 'org.' }, 50)).map((e) => e.targetId)).toEqual([w.orgs.globex]);
    // An actor id that is no id matches nothing (as a missing user would), never a database error.
    expect(await filtered(w.users.ada.token, { actorId: 'not-a-uuid' }, 50)).toEqual([]);
    expect(whole.length).toBeGreaterThan(0);
  });

  it('treats LIKE wildcards in an action prefix as themselves', async () => {
    const { w } = await world();
    expect(await filtered(w.users.ada.token, { action: 'user_role.' }, 50)).toEqual([]);
    expect(outcome(await list(w.users.ada.token, { action: 'user.%' }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
  });

  it('refuses a cursor given out under other filters, and malformed cursors and dates', async () => {
    const { w } = await world();
    const ada = w.users.ada.token;
    const grants = expectStatus(await list(ada, { action: 'grant.', limit: 1 }), 200);
    expect(grants.nextCursor).not.toBeNull();
    const cursor = grants.nextCursor ?? '';
    expect(outcome(await list(ada, { action: 'user.', limit: 1, cursor }))).toEqual({ status: 400, code: 'TANDEM_LIST_CURSOR_MISMATCH' });
    expect(outcome(await list(ada, { limit: 1, cursor }))).toEqual({ status: 400, code: 'TANDEM_LIST_CURSOR_MISMATCH' });
    expect(outcome(await list(ada, { action: 'grant.', from: '2026-01-05T09:00:00Z', limit: 1, cursor }))).toEqual({ status: 400, code: 'TANDEM_LIST_CURSOR_MISMATCH' });
    expect(outcome(await list(ada, { action: 'grant.', limit: 1, cursor }))).toEqual({ status: 200 });
    const oldStyle = Buffer.from(JSON.stringify(['5'])).toString('base64url');
    for (const bad of [oldStyle, 'garbage', Buffer.from(JSON.stringify(['x', 'y'])).toString('base64url')]) {
      expect(outcome(await list(ada, { cursor: bad })), bad).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    }
    for (const dates of [{ from: '2026-01-05' }, { to: '2026-13-01T00:00:00Z' }, { from: '2026-01-05T09:00:00Z', to: '2026-01-05T09:00:00Z' }, { from: '2026-01-05T10:00:00Z', to: '2026-01-05T09:00:00Z' }]) {
      expect(outcome(await list(ada, dates)), JSON.stringify(dates)).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    }
    expect(outcome(await list(w.users.ben.token, { action: 'contact.' }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_ADMIN_ONLY' });
  });
});
