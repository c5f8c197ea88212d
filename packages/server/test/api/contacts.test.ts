// Contacts: create and validate, list and search through the compiled filter, pages, states and scopes, the
// identical 404 for missing, malformed, invisible and other-org ids, and the state rules (409).
import { describe, expect, it } from 'vitest';
import { expectStatus, outcome } from './support/api-client.ts';
import type { SomeAnswer } from './support/api-types.ts';
import { roleWorld } from './support/role-world.ts';
import { useTestApp } from './support/test-app.ts';
import type { TestUser } from './support/world-builder.ts';

const t = useTestApp();
const { api } = t;

/** Acme: members Ben and Cat, admin Ada. */
async function org() {
  const w = await t.world({ users: { ben: {}, cat: {}, ada: { role: 'admin' } } });
  return { orgId: w.orgId, ...w.users };
}
const create = async (u: TestUser, body: object) => expectStatus(await api.contacts.create(body, { as: u.token }), 201).contact;
const names = (res: Awaited<ReturnType<typeof api.contacts.list>>) => expectStatus(res, 200).items.map((c) => c.name);

describe('POST /contacts', () => {
  it('creates a private contact owned by the caller, normalised, with the access object', async () => {
    const { ben, cat } = await org();
    const contact = await create(ben, {
      name: '  Zoe Zimmer ', company: 'Zeta', emails: [' Zoe@Client.TEST', 'zoe@client.test'], phones: ['+41 1'], tags: ['vip', ' vip'],
    });
    expect(contact).toMatchObject({
      name: 'Zoe Zimmer', ownerId: ben.id, ownerName: 'Ben', company: 'Zeta', title: null, address: null,
      emails: ['zoe@client.test'], phones: ['+41 1'], tags: ['vip'], archivedAt: null, trashedAt: null,
      createdAt: '2026-01-05T09:00:00.000Z', updatedAt: '2026-01-05T09:00:00.000Z',
      access: { level: 'owner', shared: false, shareLevels: ['view', 'collaborate', 'edit'] },
    });
    expect(contact.access.actions).toEqual(expect.arrayContaining(['contact.edit', 'contact.share', 'contact.archive', 'contact.delete', 'contact.reassign']));
    expect(contact.access.actions).not.toContain('contact.restore');
    expect((await api.contacts.get(contact.id, { as: cat.token })).status).toBe(404);
  });

  it('rejects bad input with 400 problem details', async () => {
    const { ben } = await org();
    for (const body of [{}, { name: '' }, { name: '   ' }, { name: 'A', emails: ['not-an-email'] }, { name: 'A', ownerId: ben.id }, { name: 'x'.repeat(201) }]) {
      const res = await api.contacts.create(body, { as: ben.token });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(outcome(res).code).toBe('TANDEM_INPUT_INVALID');
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});

describe('GET /contacts', () => {
  it('sorts by name, pages with an opaque cursor, and never repeats or skips', async () => {
    const { ben } = await org();
    const all = ['delta', 'Alpha', 'charlie', 'Bravo', 'echo', 'alpha two', 'Foxtrot'];
    for (const name of all) await create(ben, { name });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await api.contacts.list({ as: ben.token, query: { limit: 3, cursor } });
      const page = expectStatus(res, 200);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...names(res));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(['Alpha', 'alpha two', 'Bravo', 'charlie', 'delta', 'echo', 'Foxtrot']);
  });

  it('searches words of names (short ones from the start of a word) and e-mails or parts of them, any case', async () => {
    const { ben } = await org();
    await create(ben, { name: 'Zoe Zimmer', emails: ['zoe@client.test'] });
    await create(ben, { name: 'Zack', emails: ['zack@client.test'] });
    await create(ben, { name: 'Amy Zoe' });
    expect(names(await api.contacts.list({ as: ben.token, query: { q: 'zo' } }))).toEqual(['Amy Zoe', 'Zoe Zimmer']);
    expect(names(await api.contacts.list({ as: ben.token, query: { q: 'Z' } }))).toEqual(['Amy Zoe', 'Zack', 'Zoe Zimmer']);
    expect(names(await api.contacts.list({ as: ben.token, query: { q: 'imm' } }))).toEqual(['Zoe Zimmer']);
    expect(names(await api.contacts.list({ as: ben.token, query: { q: 'ZACK@client.test' } }))).toEqual(['Zack']);
    expect(names(await api.contacts.list({ as: ben.token, query: { q: 'client.test' } }))).toEqual(['Zack', 'Zoe Zimmer']);
    expect(names(await api.contacts.list({ as: ben.token, query: { q: '%' } }))).toEqual([]);
  });

  it('shows active contacts by default, the archive with archived=true and the trash with trash=true', async () => {
    const { ben } = await org();
    const a = await create(ben, { name: 'Active' });
    const b = await create(ben, { name: 'Archived' });
    const c = await create(ben, { name: 'Trashed' });
    expectStatus(await api.contacts.archive(b.id, { as: ben.token }), 200);
    expectStatus(await api.contacts.delete(c.id, { as: ben.token }), 204);
    expect(names(await api.contacts.list({ as: ben.token }))).toEqual([a.name]);
    expect(names(await api.contacts.list({ as: ben.token, query: { archived: true } }))).toEqual([b.name]);
    expect(names(await api.contacts.list({ as: ben.token, query: { trash: true } }))).toEqual([c.name]);
    expect(names(await api.contacts.list({ as: ben.token, query: { trash: true, archived: true } }))).toEqual([c.name]);
  });

  it('scope=mine and scope=shared split what the caller sees', async () => {
    const { ben, cat } = await org();
    await create(ben, { name: 'Bens own' });
    const shared = await create(cat, { name: 'Cats shared' });
    await create(cat, { name: 'Cats private' });
    expectStatus(await api.shares.create(shared.id, { grantee: { userId: ben.id }, level: 'view' }, { as: cat.token }), 201);
    expect(names(await api.contacts.list({ as: ben.token }))).toEqual(['Bens own', 'Cats shared']);
    expect(names(await api.contacts.list({ as: ben.token, query: { scope: 'mine' } }))).toEqual(['Bens own']);
    const sharedPage = await api.contacts.list({ as: ben.token, query: { scope: 'shared' } });
    expect(names(sharedPage)).toEqual(['Cats shared']);
    expect(expectStatus(sharedPage, 200).items[0]?.access).toMatchObject({ level: 'view', shared: true, shareLevels: [] });
  });

  it('an admin lists every contact of the org at profile, and nothing of another org', async () => {
    const { ben, cat, ada } = await org();
    await create(ben, { name: 'One' });
    await create(cat, { name: 'Two' });
    const other = await org();
    await create(other.ben, { name: 'Elsewhere' });
    const res = await api.contacts.list({ as: ada.token });
    expect(names(res)).toEqual(['One', 'Two']);
    expect(expectStatus(res, 200).items.map((c) => c.access.level)).toEqual(['profile', 'profile']);
  });

  it('rejects a limit above 200, a bad scope and a forged cursor with 400', async () => {
    const { ben } = await org();
    for (const query of [{ limit: 201 }, { limit: 0 }, { scope: 'everything' }, { cursor: 'nonsense' }, { cursor: Buffer.from('["a","b"]').toString('base64url') }]) {
      const res = await api.contacts.list({ as: ben.token, query });
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(outcome(res).code).toBe('TANDEM_INPUT_INVALID');
    }
    expect((await api.contacts.list({ as: ben.token, query: { limit: 200 } })).status).toBe(200);
  });
});

describe('GET /contacts/:id', () => {
  it('answers missing, malformed, invisible and other-org ids with the same 404 body', async () => {
    const { ben, cat } = await org();
    const mine = await create(cat, { name: 'Cats' });
    const other = await org();
    const theirs = await create(other.ben, { name: 'Theirs' });
    const bodies = [];
    for (const id of [mine.id, theirs.id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid', mine.id.toUpperCase()]) {
      const res = await api.contacts.get(id, { as: ben.token });
      expect(res.status).toBe(404);
      bodies.push(res.body);
    }
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(bodies[0]).toEqual({
      type: 'https://tandem.dev/errors/TANDEM_CONTACT_NOT_FOUND', title: 'Contact not found', status: 404, detail: 'Contact not found', code: 'TANDEM_CONTACT_NOT_FOUND',
    });
  });

  it('the same 404 for every sub-resource of an invisible contact', async () => {
    const { ben, cat } = await org();
    const c = await create(cat, { name: 'Cats' });
    const as = ben.token;
    const answers = await Promise.all([
      api.contacts.update(c.id, { name: 'x' }, { as }), api.contacts.delete(c.id, { as }), api.contacts.archive(c.id, { as }),
      api.history.list(c.id, { as }), api.shares.list(c.id, { as }), api.history.sendMessage(c.id, { body: 'hi' }, { as }),
      api.contacts.explain(c.id, { as }), api.contacts.reassign(c.id, { ownerId: ben.id }, { as }),
    ]);
    expect(answers.map(outcome)).toEqual(Array(8).fill({ status: 404, code: 'TANDEM_CONTACT_NOT_FOUND' }));
  });
});

describe('PATCH /contacts/:id', () => {
  it('changes only the fields given; null clears; the name re-sorts', async () => {
    const { ben } = await org();
    const c = await create(ben, { name: 'Zoe', company: 'Zeta', title: 'CEO' });
    t.clock.advance(60_000);
    const res = expectStatus(await api.contacts.update(c.id, { name: 'Amy', company: null, emails: ['A@B.TEST'] }, { as: ben.token }), 200).contact;
    expect(res).toMatchObject({ name: 'Amy', company: null, title: 'CEO', emails: ['a@b.test'], updatedAt: '2026-01-05T09:01:00.000Z', createdAt: c.createdAt });
    expect(names(await api.contacts.list({ as: ben.token, query: { q: 'am' } }))).toEqual(['Amy']);
    expect((await api.contacts.update(c.id, { ownerId: ben.id }, { as: ben.token })).status).toBe(400);
  });
});

describe('states (spec §6.3)', () => {
  it('archive, unarchive, delete, restore, purge: wrong states answer 409 to the owner', async () => {
    const { ben } = await org();
    const c = await create(ben, { name: 'Zoe', emails: ['zoe@client.test'] });
    const as = ben.token;
    const wrong = async (p: Promise<SomeAnswer>) => {
      const res = await p;
      expect(outcome(res)).toEqual({ status: 409, code: 'TANDEM_CONTACT_WRONG_STATE' });
    };
    await wrong(api.contacts.unarchive(c.id, { as }));
    await wrong(api.contacts.restore(c.id, { as }));
    await wrong(api.contacts.purge(c.id, { as }));
    expect(expectStatus(await api.contacts.archive(c.id, { as }), 200).contact.archivedAt).toBe('2026-01-05T09:00:00.000Z');
    await wrong(api.contacts.archive(c.id, { as }));
    // Archived contacts keep every action: edit and message still work.
    expectStatus(await api.contacts.update(c.id, { title: 'CFO' }, { as }), 200);
    expectStatus(await api.history.sendMessage(c.id, { body: 'still here' }, { as }), 201);
    expectStatus(await api.contacts.delete(c.id, { as }), 204);
    const trashed = expectStatus(await api.contacts.get(c.id, { as }), 200).contact;
    expect(trashed.trashedAt).toBe('2026-01-05T09:00:00.000Z');
    expect(trashed.access.actions).toEqual(['contact.view', 'contact.restore', 'contact.explainOthers']);
    await wrong(api.contacts.delete(c.id, { as }));
    await wrong(api.contacts.archive(c.id, { as }));
    await wrong(api.contacts.update(c.id, { title: 'x' }, { as }));
    await wrong(api.history.sendMessage(c.id, { body: 'x' }, { as }));
    await wrong(api.shares.create(c.id, { grantee: { userId: ben.id }, level: 'view' }, { as }));
    await wrong(api.contacts.reassign(c.id, { ownerId: ben.id }, { as }));
    // Restore brings it back as it was: archived.
    const restored = expectStatus(await api.contacts.restore(c.id, { as }), 200).contact;
    expect(restored).toMatchObject({ trashedAt: null, archivedAt: '2026-01-05T09:00:00.000Z' });
  });

  it('with "members can archive/delete shared" on, an editor may archive and delete but not restore or purge', async () => {
    const w = await roleWorld(t);
    await t.db.updateTable('orgs').set({ members_can_archive_delete_shared: true }).where('id', '=', w.orgId).execute();
    const { contactId } = await w.freshContact();
    const { editor, collaborator, owner } = w.users;
    expect((await api.contacts.archive(contactId, { as: collaborator.token })).status).toBe(403);
    expectStatus(await api.contacts.archive(contactId, { as: editor.token }), 200);
    expectStatus(await api.contacts.unarchive(contactId, { as: editor.token }), 200);
    expectStatus(await api.contacts.delete(contactId, { as: editor.token }), 204);
    expect((await api.contacts.restore(contactId, { as: editor.token })).status).toBe(404);
    expectStatus(await api.contacts.restore(contactId, { as: owner.token }), 200);
    const second = await w.freshContact();
    expect(outcome(await api.contacts.restore(second.contactId, { as: editor.token })).code).toBe('TANDEM_ACCESS_FORBIDDEN');
  });

  it('create, archive, unarchive, delete and restore are audited with before and after', async () => {
    const { ben, orgId } = await org();
    const c = await create(ben, { name: 'Zoe' });
    await api.contacts.archive(c.id, { as: ben.token });
    await api.contacts.unarchive(c.id, { as: ben.token });
    await api.contacts.delete(c.id, { as: ben.token });
    await api.contacts.restore(c.id, { as: ben.token });
    const log = await t.db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId).orderBy('seq').execute();
    expect(log.map((e) => e.action)).toEqual(['contact.create', 'contact.archive', 'contact.unarchive', 'contact.delete', 'contact.restore']);
    expect(log.every((e) => e.actor_id === ben.id && e.target_id === c.id && e.target_type === 'contact')).toBe(true);
    expect(log[0]?.before).toBeNull();
    expect(log[0]?.after).toEqual({ name: 'Zoe', ownerId: ben.id, archivedAt: null, trashedAt: null });
    expect(log[3]?.before).toMatchObject({ trashedAt: null, ownerId: ben.id });
    expect(log[3]?.after).toMatchObject({ trashedAt: '2026-01-05T09:00:00.000Z' });
  });
});
