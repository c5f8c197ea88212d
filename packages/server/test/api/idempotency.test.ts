// Idempotency-Key (issue 10, item 7: "a double-click on Create contact creates two contacts"): on POST /contacts and
// the history posts, the same key from the same user within 24 hours answers the first result again instead of
// acting twice; a different request with the key answers 409; a failed request gives its key back.
import { describe, expect, it } from 'vitest';
import { purgeExpiredIdempotencyKeys } from '../../src/domain/shared/idempotency.ts';
import { DATABASE_KINDS } from '../support/databases.ts';
import { expectStatus, outcome } from './support/api-client.ts';
import { useTestApp, type TestHandle } from './support/test-app.ts';

const HOUR = 60 * 60 * 1000;
const key = (name: string) => ({ 'idempotency-key': `${name}-${Math.random().toString(36).slice(2)}` });

async function world(t: TestHandle) {
  return t.world({ users: { ben: {}, cat: {} }, contacts: { zoe: { owner: 'ben', emails: ['zoe@client.test'] } } });
}

async function contactsNamed(t: TestHandle, ownerId: string, name: string): Promise<number> {
  const rows = await t.db.selectFrom('contacts').select('id').where('owner_id', '=', ownerId).where('name', '=', name).execute();
  return rows.length;
}

describe.each(DATABASE_KINDS)('Idempotency-Key on %s', (kind) => {
  const t = useTestApp({ db: kind });
  const { api } = t;

  it('a repeated POST /contacts answers the first contact again, marked as replayed', async () => {
    const w = await world(t);
    const headers = key('create');
    const first = await api.contacts.create({ name: 'Once Only' }, { as: w.users.ben.token, headers });
    const again = await api.contacts.create({ name: 'Once Only' }, { as: w.users.ben.token, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await contactsNamed(t, w.users.ben.id, 'Once Only')).toBe(1);
    // Without a key, each request acts.
    await api.contacts.create({ name: 'Twice' }, { as: w.users.ben.token });
    await api.contacts.create({ name: 'Twice' }, { as: w.users.ben.token });
    expect(await contactsNamed(t, w.users.ben.id, 'Twice')).toBe(2);
  });

  it('a double click (five at once) creates one contact; every answer is that contact', async () => {
    const w = await world(t);
    const headers = key('double-click');
    const answers = await Promise.all(Array.from({ length: 5 }, () => api.contacts.create({ name: 'Clicked' }, { as: w.users.ben.token, headers })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    const ids = new Set(answers.map((a) => expectStatus(a, 201).contact.id));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(4);
    expect(await contactsNamed(t, w.users.ben.id, 'Clicked')).toBe(1);
  });

  it('a double click on Send message logs and audits the message once', async () => {
    const w = await world(t);
    const headers = key('send');
    const answers = await Promise.all(Array.from({ length: 3 }, () => api.history.sendMessage(w.contacts.zoe, { body: 'Hello once' }, { as: w.users.ben.token, headers })));
    expect(new Set(answers.map((a) => expectStatus(a, 201).message.id)).size).toBe(1);
    const history = expectStatus(await api.history.list(w.contacts.zoe, { as: w.users.ben.token }), 200).items;
    expect(history.filter((h) => h.body === 'Hello once')).toHaveLength(1);
    const audited = await t.db.selectFrom('audit_log').select('action').where('org_id', '=', w.orgId).where('action', 'like', '%message%').execute();
    expect(audited).toHaveLength(1);
  });

  it('notes and calls honour the key too', async () => {
    const w = await world(t);
    const note = key('note');
    const call = key('call');
    const n1 = expectStatus(await api.history.logNote(w.contacts.zoe, { body: 'A note' }, { as: w.users.ben.token, headers: note }), 201);
    const n2 = expectStatus(await api.history.logNote(w.contacts.zoe, { body: 'A note' }, { as: w.users.ben.token, headers: note }), 201);
    const c1 = expectStatus(await api.history.logCall(w.contacts.zoe, { body: 'A call' }, { as: w.users.ben.token, headers: call }), 201);
    const c2 = expectStatus(await api.history.logCall(w.contacts.zoe, { body: 'A call' }, { as: w.users.ben.token, headers: call }), 201);
    expect([n2.note.id, c2.call.id]).toEqual([n1.note.id, c1.call.id]);
    expect(expectStatus(await api.history.list(w.contacts.zoe, { as: w.users.ben.token }), 200).items).toHaveLength(2);
  });

  it('the same key with another body, another endpoint or another contact answers 409 and does nothing', async () => {
    const w = await world(t);
    const headers = key('reused');
    expectStatus(await api.contacts.create({ name: 'First' }, { as: w.users.ben.token, headers }), 201);
    const otherBody = await api.contacts.create({ name: 'Second' }, { as: w.users.ben.token, headers });
    expect(outcome(otherBody)).toEqual({ status: 409, code: 'TANDEM_IDEMPOTENCY_KEY_REUSED' });
    const otherEndpoint = await api.history.logNote(w.contacts.zoe, { body: 'First' }, { as: w.users.ben.token, headers });
    expect(outcome(otherEndpoint)).toEqual({ status: 409, code: 'TANDEM_IDEMPOTENCY_KEY_REUSED' });
    expect(await contactsNamed(t, w.users.ben.id, 'Second')).toBe(0);

    const noteKey = key('note-on');
    const other = expectStatus(await api.contacts.create({ name: 'Other' }, { as: w.users.ben.token }), 201).contact.id;
    expectStatus(await api.history.logNote(w.contacts.zoe, { body: 'Same words' }, { as: w.users.ben.token, headers: noteKey }), 201);
    expect(outcome(await api.history.logNote(other, { body: 'Same words' }, { as: w.users.ben.token, headers: noteKey })).code).toBe('TANDEM_IDEMPOTENCY_KEY_REUSED');
  });

  it('keys are per user: the same key from another user is theirs', async () => {
    const w = await world(t);
    const headers = key('shared-key');
    const ben = expectStatus(await api.contacts.create({ name: 'Mine' }, { as: w.users.ben.token, headers }), 201).contact;
    const cat = expectStatus(await api.contacts.create({ name: 'Mine' }, { as: w.users.cat.token, headers }), 201).contact;
    expect(cat.id).not.toBe(ben.id);
    expect(cat.ownerId).toBe(w.users.cat.id);
  });

  it('a key answers for 24 hours; after that the same request acts again', async () => {
    const w = await world(t);
    const headers = key('day');
    const first = expectStatus(await api.contacts.create({ name: 'Daily' }, { as: w.users.ben.token, headers }), 201).contact.id;
    t.clock.advance(24 * HOUR - 1);
    expect(expectStatus(await api.contacts.create({ name: 'Daily' }, { as: w.users.ben.token, headers }), 201).contact.id).toBe(first);
    t.clock.advance(1);
    const later = await api.contacts.create({ name: 'Daily' }, { as: w.users.ben.token, headers });
    expect(expectStatus(later, 201).contact.id).not.toBe(first);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(await contactsNamed(t, w.users.ben.id, 'Daily')).toBe(2);
  });

  it('a refused request gives its key back: the retry is judged afresh', async () => {
    const w = await world(t);
    const headers = key('refused');
    const refused = await api.history.sendMessage(w.contacts.zoe, { body: 'Hi' }, { as: w.users.cat.token, headers });
    expect(outcome(refused)).toEqual({ status: 404, code: 'TANDEM_CONTACT_NOT_FOUND' });
    await w.add({ shares: [{ contact: 'zoe', user: 'cat', level: 'collaborate' }] });
    const retried = await api.history.sendMessage(w.contacts.zoe, { body: 'Hi' }, { as: w.users.cat.token, headers });
    expect(retried.status).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    // A body that fails validation never claims the key.
    expect(outcome(await api.contacts.create({ name: '' }, { as: w.users.cat.token, headers: key('invalid') })).status).toBe(400);
  });

  it('refuses a malformed key', async () => {
    const w = await world(t);
    for (const bad of ['has space', 'x'.repeat(256), 'é']) {
      const res = await api.contacts.create({ name: 'Bad key' }, { as: w.users.ben.token, headers: { 'idempotency-key': bad } });
      expect(outcome(res)).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    }
    expect(await contactsNamed(t, w.users.ben.id, 'Bad key')).toBe(0);
  });

  it('the purge job deletes keys older than 24 hours', async () => {
    const w = await world(t);
    await api.contacts.create({ name: 'Purged key' }, { as: w.users.ben.token, headers: key('old') });
    t.clock.advance(2 * HOUR);
    await api.contacts.create({ name: 'Kept key' }, { as: w.users.ben.token, headers: key('new') });
    const count = async () => (await t.db.selectFrom('idempotency_keys').select('key').where('user_id', '=', w.users.ben.id).execute()).length;
    expect(await count()).toBe(2);
    await purgeExpiredIdempotencyKeys({ db: t.db }, t.clock.now() + 23 * HOUR);
    expect(await count()).toBe(1);
  });
});
