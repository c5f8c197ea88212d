// The isolation probe's world: two orgs (Acme and Globex) with every role (admin, members reached in different ways,
// a member reached by nothing, a deactivated member, a read and a write API token), contacts in every state owned by
// different users and reached by record shares (user, team, expired, not yet started), a grant, a shared bucket,
// teams, calendar items, and templates, pipelines (with a card on a contact only its owner sees) and programs (with
// an enrolment of such a contact), some shared and some not. Rows come from the API tests' world builder;
// templates, pipelines, programs and tokens go through the API as their owners, each answer checked.
import { randomBytes } from 'node:crypto';
import { buildWorld } from '../../../server/test/api/support/world-builder.ts';
import { send, type Target } from './target.ts';

/** A caller: who the probe sends requests as. */
export type Caller = { key: string; userId: string; orgId: string; token: string; via: 'session' | 'read token' | 'write token' };
/** `ref`: a calendar item's assignee; a card's pipeline or an enrolment's program. */
export type Named = { id: string; name: string; kind: string; orgId: string; extra?: string[]; ref?: string };
export type IsolationWorld = {
  orgs: { acme: string; globex: string };
  callers: Caller[];
  /** Every record the world holds, with the words that name it (names, titles, e-mails). */
  records: Named[];
  /** Facts the judge needs beyond the database: a card's or enrolment's contact. */
  contactOf: Map<string, string>;
};

/** A name no other string of the world contains (so a name found in an answer is that record's). */
const unique = (word: string) => `${word} ${randomBytes(4).toString('hex')}q`;

async function post(target: Target, token: string, url: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await send(target.app, { method: 'POST', url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  if (res.status !== 201 && res.status !== 200) throw new Error(`world: POST ${url} answered ${res.status} ${res.text.slice(0, 300)}`);
  return res.body as Record<string, unknown>;
}
const field = (body: Record<string, unknown>, key: string) => body[key] as Record<string, unknown> & { id: string };

export async function buildIsolationWorld(target: Target): Promise<IsolationWorld> {
  const c = <const O extends string>(owner: O, state?: 'archived' | 'trashed') => ({ owner, name: unique('Contact'), emails: [`${randomBytes(5).toString('hex')}@client.test`], ...(state ? { state } : {}) });
  const past = '2025-12-01T00:00:00Z';
  const future = '2026-06-01T00:00:00Z';
  const spec = {
    orgs: { acme: { exportEnabled: true, name: unique('Acme') }, globex: { exportEnabled: true, name: unique('Globex') } },
    users: {
      ada: { role: 'admin', name: unique('Ada') }, ben: { name: unique('Ben'), exportChannels: ['api', 'csv'] }, cat: { name: unique('Cat') },
      dan: { name: unique('Dan') }, eve: { name: unique('Eve') }, fay: { name: unique('Fay') }, dora: { status: 'deactivated', name: unique('Dora') },
      gus: { role: 'admin', org: 'globex', name: unique('Gus') }, hal: { org: 'globex', name: unique('Hal') }, ian: { org: 'globex', name: unique('Ian') },
    },
    teams: { sales: { members: ['cat', 'dan'], name: unique('Sales') }, ops: { org: 'globex', members: ['ian'], name: unique('Ops') } },
    grants: [
      { owner: 'ben', user: 'dan', level: 'view' }, { owner: 'cat', user: 'ben', scope: 'calendar', level: 'view' },
      { owner: 'hal', user: 'ian', level: 'edit' }, { owner: 'ada', user: 'fay', level: 'edit', expiresAt: past },
    ],
    contacts: {
      b1: c('ben'), b2: c('ben'), b3: c('ben', 'archived'), b4: c('ben', 'trashed'), b5: c('ben'), c1: c('cat'), c2: c('cat'),
      e1: c('eve'), a1: c('ada'), a2: c('ada', 'trashed'), g1: c('gus'), g2: c('gus'), h1: c('hal'), h2: c('hal', 'archived'),
    },
    shares: [
      { contact: 'b1', user: 'cat', level: 'view' }, { contact: 'b2', team: 'sales', level: 'collaborate' }, { contact: 'c1', user: 'ben', level: 'edit' },
      { contact: 'c2', user: 'dora', level: 'edit' }, { contact: 'b3', user: 'eve', level: 'view', expiresAt: past },
      { contact: 'a1', user: 'fay', level: 'view', startsAt: future }, { contact: 'e1', user: 'fay', level: 'edit' }, { contact: 'h1', team: 'ops', level: 'view' },
    ],
    buckets: { key: { owner: 'ben', name: unique('Bucket'), contacts: ['b1', 'c1'] }, own: { owner: 'cat', name: unique('Bucket'), contacts: ['c2'] }, far: { owner: 'gus', name: unique('Bucket'), contacts: ['g1'] } },
    bucketShares: [{ bucket: 'key', user: 'eve', level: 'view' }, { bucket: 'far', user: 'hal', level: 'view' }],
    calendarItems: [
      { user: 'ben', contact: 'b5', title: unique('Task'), dueAt: '2026-01-06T09:00:00Z' }, { user: 'cat', title: unique('Event'), startsAt: '2026-01-07T10:00:00Z' },
      { user: 'eve', contact: 'e1', title: unique('Task'), dueAt: '2026-01-05T12:00:00Z' }, { user: 'gus', contact: 'g1', title: unique('Event'), startsAt: '2026-01-06T15:00:00Z' },
      { user: 'ada', contact: 'a1', title: unique('Task'), dueAt: '2026-01-08T09:00:00Z' },
    ],
  } as const;
  const w = await buildWorld(target.db, target.clock, spec);
  const records: Named[] = [];
  const contactOf = new Map<string, string>();
  const add = (id: string, name: string, kind: string, orgId: string, extra?: string[], ref?: string) => records.push({ id, name, kind, orgId, ...(extra ? { extra } : {}), ...(ref ? { ref } : {}) });
  for (const [key, o] of Object.entries(spec.orgs)) add(w.orgs[key as 'acme'], o.name, 'org', w.orgs[key as 'acme']);
  for (const u of Object.values(w.users)) add(u.id, u.name, 'user', u.orgId, [u.email]);
  for (const [key, t] of Object.entries(spec.teams)) add(w.teams[key as 'sales'], t.name, 'team', w.orgs[('org' in t ? t.org : 'acme') as 'acme']);
  for (const [key, x] of Object.entries(spec.contacts)) add(w.contacts[key as 'b1'], x.name, 'contact', w.users[x.owner].orgId, [...x.emails]);
  for (const [key, b] of Object.entries(spec.buckets)) add(w.buckets[key as 'key'], b.name, 'bucket', w.users[b.owner].orgId);
  spec.calendarItems.forEach((x, i) => add(w.calendarItems[i] as string, x.title, 'calendarItem', w.users[x.user].orgId, undefined, w.users[x.user].id));

  // Hand-shared records and tokens, through the API as their owners.
  const { ben, cat, gus } = w.users;
  const hand = async (owner: typeof ben, shareWith: string | null, contactIds: { visible: string; hidden: string }) => {
    const tName = unique('Template');
    const template = field(await post(target, owner.token, '/templates', { name: tName, subject: 'Hello', body: 'Hi {{contact.name}}' }), 'template');
    add(template.id, tName, 'template', owner.orgId);
    const hidden = field(await post(target, owner.token, '/templates', { name: unique('Template'), body: 'Private' }), 'template');
    add(hidden.id, String(hidden.name), 'template', owner.orgId);
    const pName = unique('Pipeline');
    const pipeline = field(await post(target, owner.token, '/pipelines', { name: pName, stages: [{ name: 'Lead' }, { name: 'Won' }] }), 'pipeline');
    add(pipeline.id, pName, 'pipeline', owner.orgId);
    const stageId = (pipeline.stages as { id: string }[])[0]?.id as string;
    for (const [contactId, word] of [[contactIds.visible, 'Deal'], [contactIds.hidden, 'Secret deal']] as const) {
      const title = unique(word);
      const card = field(await post(target, owner.token, `/pipelines/${pipeline.id}/cards`, { contactId, stageId, title }), 'card');
      add(card.id, title, 'card', owner.orgId, undefined, pipeline.id);
      contactOf.set(card.id, contactId);
    }
    const rName = unique('Program');
    const program = field(await post(target, owner.token, '/programs', { name: rName, steps: [{ templateId: template.id, delayDays: 1, channel: 'email' }] }), 'program');
    add(program.id, rName, 'program', owner.orgId);
    for (const contactId of [contactIds.visible, contactIds.hidden]) {
      const enrollment = field(await post(target, owner.token, `/programs/${program.id}/enrollments`, { contactId }), 'enrollment');
      add(enrollment.id, enrollment.id, 'enrollment', owner.orgId, undefined, program.id);
      contactOf.set(enrollment.id, contactId);
    }
    if (shareWith) {
      for (const [kind, id] of [['templates', template.id], ['pipelines', pipeline.id], ['programs', program.id]] as const) {
        await post(target, owner.token, `/${kind}/${id}/shares`, { grantee: { userId: shareWith }, level: 'view' });
      }
    }
  };
  await hand(ben, cat.id, { visible: w.contacts.b1, hidden: w.contacts.b5 });
  await hand(gus, w.users.hal.id, { visible: w.contacts.g1, hidden: w.contacts.g2 });
  const readToken = await post(target, ben.token, '/tokens', { name: 'probe read', scope: 'read' });
  const writeToken = await post(target, ben.token, '/tokens', { name: 'probe write', scope: 'write' });

  const session = (key: keyof typeof w.users): Caller => ({ key, userId: w.users[key].id, orgId: w.users[key].orgId, token: w.users[key].token, via: 'session' });
  const callers: Caller[] = [
    ...(['ada', 'ben', 'cat', 'dan', 'eve', 'fay', 'dora', 'gus', 'hal', 'ian'] as const).map(session),
    { key: 'ben (read token)', userId: ben.id, orgId: ben.orgId, token: String(readToken.token), via: 'read token' },
    { key: 'ben (write token)', userId: ben.id, orgId: ben.orgId, token: String(writeToken.token), via: 'write token' },
  ];
  return { orgs: { acme: w.orgs.acme, globex: w.orgs.globex }, callers, records, contactOf };
}
