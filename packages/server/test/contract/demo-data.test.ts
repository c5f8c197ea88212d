import { decide, type Level } from '@tandem/core';
import argon2 from 'argon2';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/domain/audit/audit-chain.ts';
import type { Db, DbHandle } from '../../src/storage/connect.ts';
import { loadContacts } from '../../src/storage/contact-queries.ts';
import { DEMO_CALENDAR_ITEMS, DEMO_CONTACT, DEMO_PASSWORD, KEY_ACCOUNTS, TRASHED, demoContacts, demoEmail, type DemoUserKey } from '../../src/seed/demo-data-cast.ts';
import { loadDemoDataIfEmpty } from '../../src/seed/demo-data.ts';
import { listCalendars } from '../../src/domain/calendars/list-calendars.ts';
import { getBoard } from '../../src/domain/pipelines/get-board.ts';
import { listTemplates } from '../../src/domain/templates/list-templates.ts';
import { loadActorContext } from '../../src/storage/load-actor-context.ts';
import { DATABASE_KINDS, freshDatabase } from '../support/databases.ts';

const NOW = Date.parse('2026-03-02T09:00:00Z');
const DAY = 86_400_000;
const TABLES = ['orgs', 'users', 'teams', 'team_members', 'contacts', 'contact_shares', 'user_grants', 'buckets',
  'bucket_contacts', 'bucket_shares', 'contact_events', 'calendar_items', 'audit_log'] as const;

async function counts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db);
    out[table] = r.rows[0]?.n ?? -1;
  }
  return out;
}

describe.each(DATABASE_KINDS)('demo data on first start, on %s', (kind) => {
  let handle: DbHandle;
  let orgId: string;
  const users = new Map<DemoUserKey, string>();
  const contactIds: string[] = [];

  beforeAll(async () => {
    handle = await freshDatabase(kind);
    const info = await loadDemoDataIfEmpty(handle.db, NOW);
    expect(info).toEqual({ adminEmail: 'ada@acme.example', password: DEMO_PASSWORD });
    orgId = (await handle.db.selectFrom('orgs').select('id').executeTakeFirstOrThrow()).id;
    for (const row of await handle.db.selectFrom('users').select(['id', 'email']).execute()) {
      users.set(row.email.split('@')[0] as DemoUserKey, row.id);
    }
    const byName = new Map((await handle.db.selectFrom('contacts').select(['id', 'name']).execute()).map((r) => [r.name, r.id]));
    for (const c of demoContacts()) contactIds.push(byName.get(c.name) as string);
  });
  afterAll(async () => {
    await handle.close();
  });

  const user = (key: DemoUserKey) => users.get(key) as string;

  async function levelOf(key: DemoUserKey, contactIndex: number, now = NOW): Promise<Level> {
    const ctx = await loadActorContext(handle.db, orgId, user(key), now);
    if (!ctx) throw new Error(`no actor ${key}`);
    const id = contactIds[contactIndex] as string;
    const facts = (await loadContacts(handle.db, ctx, [id])).get(id)?.facts;
    if (!facts) throw new Error(`no contact ${contactIndex}`);
    return decide(ctx, 'contact.view', facts).level;
  }

  it('loads once: the second call returns null and changes nothing', async () => {
    const before = await counts(handle.db);
    expect(before).toMatchObject({ orgs: 1, users: 7, teams: 2, contacts: 60, buckets: 2, bucket_shares: 1, user_grants: 4, calendar_items: DEMO_CALENDAR_ITEMS.length });
    expect(await loadDemoDataIfEmpty(handle.db, NOW + DAY)).toBeNull();
    expect(await counts(handle.db)).toEqual(before);
  });

  it('has the cast of spec §11, all with the documented password', async () => {
    const rows = await handle.db.selectFrom('users').select(['email', 'role', 'status', 'password_hash']).orderBy('email').execute();
    expect(rows.find((r) => r.email === demoEmail('ada'))?.role).toBe('admin');
    for (const key of ['ben', 'cat', 'dan'] as const) expect(rows.find((r) => r.email === demoEmail(key))?.role).toBe('member');
    // Each user is made by the users use case, which hashes each password with its own salt.
    expect(rows).toHaveLength(7);
    for (const row of rows) expect(await argon2.verify(row.password_hash, DEMO_PASSWORD)).toBe(true);
    const statuses = await handle.db.selectFrom('users').select(['email', 'status', 'export_channels']).execute();
    expect(statuses.filter((r) => r.status === 'deactivated').map((r) => r.email)).toEqual([demoEmail('gus')]);
    expect(statuses.find((r) => r.email === demoEmail('ada'))?.export_channels).toEqual(['csv', 'xlsx', 'vcard']);
    const sales = await handle.db.selectFrom('team_members').innerJoin('teams', 'teams.id', 'team_members.team_id')
      .select('team_members.user_id').where('teams.name', '=', 'Sales').execute();
    expect(sales.map((r) => r.user_id).sort()).toEqual([user('ben'), user('cat')].sort());
  });

  it('gives the levels of the worked examples', async () => {
    expect(await levelOf('ben', DEMO_CONTACT.bensOwn)).toBe('owner');
    expect(await levelOf('dan', DEMO_CONTACT.bensOwn)).toBe('none');
    expect(await levelOf('cat', DEMO_CONTACT.bensOwn)).toBe('none');
    expect(await levelOf('ada', DEMO_CONTACT.bensOwn)).toBe('profile');
    expect(await levelOf('dan', DEMO_CONTACT.zoe)).toBe('view');
    expect(await levelOf('cat', DEMO_CONTACT.zoe)).toBe('collaborate');
    expect(await levelOf('cat', DEMO_CONTACT.zoe, NOW + 8 * DAY)).toBe('none');
  });

  it('gives access through teams, grants and the shared bucket', async () => {
    const keyAccount = KEY_ACCOUNTS.contacts[0] as number;
    expect(await levelOf('cat', keyAccount)).toBe('collaborate');
    expect(await levelOf('dan', keyAccount)).toBe('none');
    expect(await levelOf('ben', DEMO_CONTACT.catsSharedWithBen)).toBe('edit');
    expect(await levelOf('eve', DEMO_CONTACT.dansFirst)).toBe('view');
    expect(await levelOf('finn', DEMO_CONTACT.sharedWithSupport)).toBe('view');
    expect(await levelOf('finn', DEMO_CONTACT.catsExpired)).toBe('none');
    expect(await levelOf('dan', DEMO_CONTACT.evesSharedWithDan)).toBe('collaborate');
  });

  it('keeps archived and trashed contacts, and records messages sent on the owner\'s behalf', async () => {
    const archived = await handle.db.selectFrom('contacts').select('id').where('archived_at', 'is not', null).execute();
    expect(archived).toHaveLength(3);
    const trashed = await handle.db.selectFrom('contacts').select('id').where('trashed_at', 'is not', null).execute();
    expect(trashed.map((r) => r.id)).toEqual([contactIds[TRASHED.contact]]);
    const onBehalf = await handle.db.selectFrom('contact_events').select(['sent_by', 'on_behalf_of'])
      .where('contact_id', '=', contactIds[DEMO_CONTACT.zoe] as string).where('sent_by', '=', user('cat')).executeTakeFirstOrThrow();
    expect(onBehalf.on_behalf_of).toBe(user('ben'));
  });

  it('tells the vacation cover on calendars: Cat edits Ben\'s, Dan only views it, Ada (admin) sees only her own', async () => {
    const calendarsOf = async (key: DemoUserKey) => {
      const ctx = await loadActorContext(handle.db, orgId, user(key), NOW);
      if (!ctx) throw new Error(`no actor ${key}`);
      return (await listCalendars({ db: handle.db }, ctx)).map((c) => [c.userId, c.level]);
    };
    expect(await calendarsOf('cat')).toEqual(expect.arrayContaining([[user('cat'), 'owner'], [user('ben'), 'edit']]));
    expect(await calendarsOf('dan')).toEqual(expect.arrayContaining([[user('dan'), 'owner'], [user('ben'), 'view']]));
    expect(await calendarsOf('ada')).toEqual([[user('ada'), 'owner']]);
    const items = await handle.db.selectFrom('calendar_items').select(['assignee_id', 'created_by', 'contact_id', 'recurrence', 'due_at', 'done_at', 'kind']).execute();
    // Cat's follow-up on Ben's calendar, linked to Zoe; a weekly series; an overdue open task; a done one.
    expect(items.some((i) => i.assignee_id === user('ben') && i.created_by === user('cat') && i.contact_id === contactIds[DEMO_CONTACT.zoe])).toBe(true);
    expect(items.filter((i) => i.recurrence !== null)).toHaveLength(1);
    expect(items.some((i) => i.kind === 'task' && i.done_at === null && i.due_at !== null && new Date(i.due_at).getTime() < NOW)).toBe(true);
    expect(items.some((i) => i.done_at !== null)).toBe(true);
  });

  it('writes a valid audit chain shaped as the API writes it: org, users, teams, shares, grants, buckets, archive, trash, messages', async () => {
    const verdict = await verifyAuditChain(handle.db, orgId);
    expect(verdict.valid).toBe(true);
    const actions = await handle.db.selectFrom('audit_log').select(['action', 'target_id', 'at', 'after']).orderBy('seq').execute();
    const afterId = (a: { after: unknown }) => (typeof a.after === 'string' ? JSON.parse(a.after) : a.after as { id?: string })?.id;
    const shares = await handle.db.selectFrom('contact_shares').select(['id', 'contact_id']).execute();
    for (const share of shares) {
      expect(actions.some((a) => a.action === 'contact.share.create' && a.target_id === share.contact_id && afterId(a) === share.id)).toBe(true);
    }
    expect(actions[0]?.action).toBe('org.create');
    expect(actions.filter((a) => a.action === 'user.create')).toHaveLength(7);
    expect(actions.filter((a) => a.action === 'grant.create')).toHaveLength(4);
    expect(actions.filter((a) => a.action === 'calendar_item.create')).toHaveLength(DEMO_CALENDAR_ITEMS.length);
    expect(actions.filter((a) => a.action === 'bucket.share.create')).toHaveLength(1);
    // Key accounts gets Cat's contact only once she has shared it with Ben at edit: two adds, plus Cat's own bucket.
    expect(actions.filter((a) => a.action === 'bucket.contacts.add')).toHaveLength(3);
    expect(actions.filter((a) => a.action === 'user.status.change')).toHaveLength(1);
    const messages = await handle.db.selectFrom('contact_events').select('id').where('kind', '=', 'message').execute();
    expect(actions.filter((a) => a.action === 'contact.message')).toHaveLength(messages.length);
    const times = actions.map((a) => new Date(a.at).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});

describe.each(DATABASE_KINDS)('demo templates, pipeline and program (spec §6.6), on %s', (kind) => {
  let handle: DbHandle;
  let orgId: string;
  const users = new Map<DemoUserKey, string>();
  beforeAll(async () => {
    handle = await freshDatabase(kind);
    await loadDemoDataIfEmpty(handle.db, NOW);
    orgId = (await handle.db.selectFrom('orgs').select('id').executeTakeFirstOrThrow()).id;
    for (const row of await handle.db.selectFrom('users').select(['id', 'email']).execute()) users.set(row.email.split('@')[0] as DemoUserKey, row.id);
  });
  afterAll(async () => handle.close());
  const as = async (key: DemoUserKey) => {
    const ctx = await loadActorContext(handle.db, orgId, users.get(key) as string, NOW);
    if (!ctx) throw new Error(`no actor ${key}`);
    return ctx;
  };

  it('templates: Ben\'s two and Ada\'s reach Sales; Cat\'s SMS template stays hers', async () => {
    const names = async (key: DemoUserKey) => (await listTemplates({ db: handle.db }, await as(key), 50)).items.map((t) => t.row.name).sort();
    expect(await names('cat')).toEqual(['First week check-in', 'Quick check-in (SMS)', 'Renewal notice', 'Welcome']);
    expect(await names('eve')).toEqual(['Renewal notice']);
    expect(await names('dan')).toEqual([]);
  });

  it('the pipeline: Eve (Support, at view) sees the card of the contact shared with Support and only counts the others', async () => {
    const pipelineId = (await handle.db.selectFrom('pipelines').select('id').where('name', '=', 'New clients').executeTakeFirstOrThrow()).id;
    const eve = await getBoard({ db: handle.db }, await as('eve'), pipelineId);
    const shown = eve.stages.flatMap((s) => s.cards.map((c) => c.contact_id));
    expect(shown).toEqual([(await handle.db.selectFrom('contacts').select('id').where('name', '=', demoContacts()[DEMO_CONTACT.sharedWithSupport]?.name ?? '').executeTakeFirstOrThrow()).id]);
    expect(eve.stages.reduce((n, s) => n + s.hiddenCount, 0)).toBe(8);
    const ben = await getBoard({ db: handle.db }, await as('ben'), pipelineId);
    // Ben sees his seven cards; Cat's two deals are on contacts of hers that nobody shared with him: counted only.
    expect([ben.stages.reduce((n, s) => n + s.cards.length, 0), ben.stages.reduce((n, s) => n + s.hiddenCount, 0)]).toEqual([7, 2]);
    expect(await getBoard({ db: handle.db }, await as('dan'), pipelineId).catch((e: { status?: number }) => e.status)).toBe(404);
  });

  it('the program: two clients enrolled today, their first e-mail due tomorrow; nothing queued at first start', async () => {
    const rows = await handle.db.selectFrom('program_enrollments').select(['status', 'next_step', 'next_step_at']).execute();
    expect(rows.map((r) => [r.status, r.next_step, new Date(r.next_step_at ?? 0).getTime()])).toEqual([['active', 0, NOW + DAY], ['active', 0, NOW + DAY]]);
    expect(await handle.db.selectFrom('queue_jobs').select('id').execute()).toEqual([]);
  });
});

describe('demo data atomicity', () => {
  it('leaves the database empty when any write fails', async () => {
    const handle = await freshDatabase('pglite');
    try {
      await handle.runScript(`CREATE FUNCTION fail_demo() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'boom'; END $$;
        CREATE TRIGGER fail_demo BEFORE INSERT ON contact_events FOR EACH ROW EXECUTE FUNCTION fail_demo();`);
      await expect(loadDemoDataIfEmpty(handle.db, NOW)).rejects.toThrow(/boom/);
      const after = await counts(handle.db);
      expect(Object.values(after).every((n) => n === 0)).toBe(true);
    } finally {
      await handle.close();
    }
  });
});
