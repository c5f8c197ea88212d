// Templates (spec §6.6, docs/permissions.md "Templates, pipelines and programs", D32): private to the owner until
// shared at view (use it) or edit (change it); admins see, use, share and delete every one but change one only with an
// edit share; a template a program step sends cannot be deleted; merge fields only, rendered as data (never template)
// and escaped in the HTML part. The composer writes from one through POST /contacts/:id/messages `templateId`.
import type { HandSharedShareDto, TemplateDto, TemplatePreviewDto } from '@tandem/api';
import { describe, expect, it } from 'vitest';
import { expectStatus, outcome, type As, type Query } from './support/api-client.ts';
import type { List, Page } from './support/api-types.ts';
import { useTestApp } from './support/test-app.ts';

const V1 = '/api/v1';
const MISSING = '00000000-0000-4000-8000-000000000000';

describe.each(['pglite', 'postgres'] as const)('templates on %s', (db) => {
  const t = useTestApp({ db });
  const { api } = t;

  /** The template endpoints through the client's `call` (typed here: the shared client has no methods for them). */
  const templates = {
    create: (body: object, as: As) => api.call<{ 201: { template: TemplateDto } }>('POST', `${V1}/templates`, { as, body }),
    list: (as: As, query?: Query) => api.call<{ 200: Page<TemplateDto> }>('GET', `${V1}/templates`, { as, ...(query ? { query } : {}) }),
    get: (id: string, as: As) => api.call<{ 200: { template: TemplateDto } }>('GET', `${V1}/templates/${id}`, { as }),
    update: (id: string, body: object, as: As) => api.call<{ 200: { template: TemplateDto } }>('PATCH', `${V1}/templates/${id}`, { as, body }),
    delete: (id: string, as: As) => api.call<{ 204: '' }>('DELETE', `${V1}/templates/${id}`, { as }),
    preview: (id: string, contactId: string, as: As) => api.call<{ 200: TemplatePreviewDto }>('POST', `${V1}/templates/${id}/preview`, { as, body: { contactId } }),
    shares: (id: string, as: As) => api.call<{ 200: List<HandSharedShareDto> }>('GET', `${V1}/templates/${id}/shares`, { as }),
    share: (id: string, body: object, as: As) => api.call<{ 201: { share: HandSharedShareDto } }>('POST', `${V1}/templates/${id}/shares`, { as, body }),
    updateShare: (id: string, shareId: string, body: object, as: As) =>
      api.call<{ 200: { share: HandSharedShareDto } }>('PATCH', `${V1}/templates/${id}/shares/${shareId}`, { as, body }),
    revokeShare: (id: string, shareId: string, as: As) => api.call<{ 204: '' }>('DELETE', `${V1}/templates/${id}/shares/${shareId}`, { as }),
  };

  /**
   * Acme: admin Ada, members Ben, Cat, Dan (Dan in team Sales); Globex: admin Gus. Ben owns Zoe (e-mail, phone,
   * company) and shares her with Cat at collaborate; Ben owns the template "Welcome".
   */
  async function world() {
    const w = await t.world({
      orgs: { acme: {}, globex: { name: 'Globex' } },
      users: { ada: { role: 'admin' }, ben: {}, cat: {}, dan: {}, gus: { org: 'globex', role: 'admin' } },
      teams: { sales: { members: ['dan'] } },
    });
    const { ben, cat } = w.users;
    const contact = async (as: As, body: object) => expectStatus(await api.contacts.create({ emails: ['c@client.test'], phones: ['+15550100'], ...body }, { as }), 201).contact;
    const zoe = await contact(ben, { name: 'Zoe Quinn', company: 'Quinn & Co' });
    expectStatus(await api.shares.create(zoe.id, { grantee: { userId: cat.id }, level: 'collaborate' }, { as: ben.token }), 201);
    const welcome = expectStatus(await templates.create({
      name: 'Welcome', subject: 'Hello {{contact.firstName}}', body: 'Dear {{contact.firstName}} of {{contact.company}},\n{{owner.name}} will call. {{sender.name}}',
    }, ben), 201).template;
    return { ...w.users, orgId: w.orgId, globexId: w.orgs.globex, sales: w.teams.sales, zoe, welcome, contact };
  }

  const auditOf = (orgId: string, action: string) =>
    t.db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId).where('action', '=', action).orderBy('seq').execute();

  it('is private to its owner until shared; the answer carries the caller\'s access; create is audited', async () => {
    const { orgId, ben, cat, welcome } = await world();
    expect(welcome).toEqual({
      id: expect.any(String), name: 'Welcome', subject: 'Hello {{contact.firstName}}',
      body: 'Dear {{contact.firstName}} of {{contact.company}},\n{{owner.name}} will call. {{sender.name}}',
      ownerId: ben.id, ownerName: 'Ben', createdAt: '2026-01-05T09:00:00.000Z', updatedAt: '2026-01-05T09:00:00.000Z',
      access: { level: 'owner', actions: ['view', 'edit', 'manage'], sources: [expect.objectContaining({ kind: 'owner', level: 'owner' })] },
    });
    expect(expectStatus(await templates.get(welcome.id, ben), 200).template).toEqual(welcome);
    expect(outcome(await templates.get(welcome.id, cat))).toEqual({ status: 404, code: 'TANDEM_TEMPLATE_NOT_FOUND' });
    expect(outcome(await templates.get('not-a-uuid', ben))).toEqual({ status: 404, code: 'TANDEM_TEMPLATE_NOT_FOUND' });
    expect(outcome(await templates.get(MISSING, ben))).toEqual({ status: 404, code: 'TANDEM_TEMPLATE_NOT_FOUND' });
    expect(expectStatus(await templates.list(cat), 200).items).toEqual([]);
    expect(expectStatus(await templates.list(ben), 200).items.map((x) => x.name)).toEqual(['Welcome']);
    const log = await auditOf(orgId, 'template.create');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor_id: ben.id, target_type: 'template', target_id: welcome.id, before: null });
    expect(log[0]?.after).toEqual({ name: 'Welcome', ownerId: ben.id, subject: welcome.subject, body: welcome.body });
    // An empty subject is no subject.
    expect(expectStatus(await templates.create({ name: 'SMS', subject: '  ', body: 'Hi' }, ben), 201).template.subject).toBeNull();
  });

  it('refuses anything but the merge fields (400 naming the tag); nothing is saved or changed', async () => {
    const { orgId, ben, welcome } = await world();
    const bad: Array<[object, string]> = [
      [{ name: 'x', body: 'Hi {{contact.email}}' }, '{{contact.email}}'],
      [{ name: 'x', body: '{{#each contacts}}{{name}}{{/each}}' }, '{{#each contacts}}'],
      [{ name: 'x', body: 'ok', subject: 'Re {{> footer}}' }, '{{> footer}}'],
      [{ name: 'x', body: '{{{contact.name}}}' }, '{{{contact.name}}}'],
      [{ name: 'x', body: '{{constructor}}' }, '{{constructor}}'],
      [{ name: 'x', body: '{{contact.__proto__}}' }, '{{contact.__proto__}}'],
      [{ name: 'x', body: 'unclosed {{contact.name' }, 'not a valid template'],
    ];
    for (const [body, tag] of bad) {
      const answer = await templates.create(body, ben);
      expect(outcome(answer), JSON.stringify(body)).toEqual({ status: 400, code: 'TANDEM_TEMPLATE_INVALID' });
      expect(JSON.stringify(answer.body)).toContain(tag);
    }
    for (const body of [{ name: 'x', body: '' }, { name: 'x', body: '   ' }, { name: '', body: 'x' }, { name: 'x', body: 'x', ownerId: ben.id }]) {
      expect(outcome(await templates.create(body, ben)), JSON.stringify(body)).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    }
    expect(outcome(await templates.update(welcome.id, { body: 'Hi {{owner.email}}' }, ben))).toEqual({ status: 400, code: 'TANDEM_TEMPLATE_INVALID' });
    expect(outcome(await templates.update(welcome.id, { subject: '{{#if x}}y{{/if}}' }, ben))).toEqual({ status: 400, code: 'TANDEM_TEMPLATE_INVALID' });
    expect(expectStatus(await templates.get(welcome.id, ben), 200).template).toEqual(welcome);
    const rows = await t.db.selectFrom('templates').select('id').where('org_id', '=', orgId).execute();
    expect(rows).toHaveLength(1);
    expect(await auditOf(orgId, 'template.update')).toEqual([]);
  });

  it('a view share uses it (preview, send from it) but may not change, share or delete it', async () => {
    const { ben, cat, zoe, welcome } = await world();
    expectStatus(await templates.share(welcome.id, { grantee: { userId: cat.id }, level: 'view' }, ben), 201);
    const seen = expectStatus(await templates.get(welcome.id, cat), 200).template;
    expect(seen.access).toMatchObject({ level: 'view', actions: ['view'], sources: [expect.objectContaining({ kind: 'record_share', level: 'view', grantedBy: ben.id, grantedByName: 'Ben' })] });
    const preview = expectStatus(await templates.preview(welcome.id, zoe.id, cat), 200);
    expect(preview).toEqual({
      subject: 'Hello Zoe', text: 'Dear Zoe of Quinn & Co,\nBen will call. Cat', html: 'Dear Zoe of Quinn &amp; Co,<br>\nBen will call. Cat',
    });
    const message = expectStatus(await api.history.sendMessage(zoe.id, { templateId: welcome.id }, { as: cat.token }), 201).message;
    expect(message).toMatchObject({ body: preview.text, subject: 'Hello Zoe', channel: 'email', sentBy: cat.id, onBehalfOf: ben.id, status: 'queued' });
    const row = await t.db.selectFrom('contact_events').select(['template_id']).where('id', '=', message.id).executeTakeFirstOrThrow();
    expect(row.template_id).toBe(welcome.id);
    expect(outcome(await templates.update(welcome.id, { name: 'Mine now' }, cat))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expect(outcome(await templates.delete(welcome.id, cat))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expect(outcome(await templates.shares(welcome.id, cat))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expect(expectStatus(await templates.get(welcome.id, ben), 200).template.name).toBe('Welcome');
  });

  it('an edit share changes it (audited with before and after; no change, no entry) but may not share or delete it', async () => {
    const { orgId, ben, dan, welcome } = await world();
    expectStatus(await templates.share(welcome.id, { grantee: { userId: dan.id }, level: 'edit' }, ben), 201);
    t.clock.advance(60_000);
    const changed = expectStatus(await templates.update(welcome.id, { body: 'Hi {{contact.name}}', subject: null }, dan), 200).template;
    expect(changed).toMatchObject({ name: 'Welcome', subject: null, body: 'Hi {{contact.name}}', updatedAt: '2026-01-05T09:01:00.000Z', access: { level: 'edit', actions: ['view', 'edit'] } });
    expectStatus(await templates.update(welcome.id, { body: 'Hi {{contact.name}}' }, dan), 200);
    const log = await auditOf(orgId, 'template.update');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor_id: dan.id, target_id: welcome.id });
    expect(log[0]?.before).toEqual({ name: 'Welcome', ownerId: ben.id, subject: welcome.subject, body: welcome.body });
    expect(log[0]?.after).toEqual({ name: 'Welcome', ownerId: ben.id, subject: null, body: 'Hi {{contact.name}}' });
    expect(outcome(await templates.share(welcome.id, { grantee: { userId: dan.id }, level: 'view' }, dan))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expect(outcome(await templates.delete(welcome.id, dan))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
  });

  it('admins see, use, share and delete every template, but change one only with an edit share', async () => {
    const { orgId, ada, ben, cat, welcome, contact } = await world();
    const adas = await contact(ada, { name: 'Al Adams' });
    const seen = expectStatus(await templates.get(welcome.id, ada), 200).template;
    expect(seen.access).toMatchObject({ level: 'view', actions: ['view', 'manage'], sources: [expect.objectContaining({ kind: 'admin' })] });
    expect(expectStatus(await templates.list(ada), 200).items.map((x) => x.id)).toEqual([welcome.id]);
    expect(expectStatus(await templates.preview(welcome.id, adas.id, ada), 200).text).toBe('Dear Al of ,\nAda will call. Ada');
    expect(outcome(await templates.update(welcome.id, { name: 'Renamed' }, ada))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    // An admin shares it (with Cat), and with herself at edit: then she may change it.
    const share = expectStatus(await templates.share(welcome.id, { grantee: { userId: cat.id }, level: 'view' }, ada), 201).share;
    expect(expectStatus(await templates.shares(welcome.id, ada), 200).items.map((s) => s.id)).toEqual([share.id]);
    t.clock.advance(1000); // shares are listed by creation time: a second apart, the order is known
    expectStatus(await templates.share(welcome.id, { grantee: { userId: ada.id }, level: 'edit' }, ben), 201);
    expect(expectStatus(await templates.update(welcome.id, { name: 'Renamed' }, ada), 200).template.name).toBe('Renamed');
    expectStatus(await templates.delete(welcome.id, ada), 204);
    expect(outcome(await templates.get(welcome.id, ben))).toEqual({ status: 404, code: 'TANDEM_TEMPLATE_NOT_FOUND' });
    const log = await auditOf(orgId, 'template.delete');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor_id: ada.id, target_id: welcome.id, after: null });
    expect(log[0]?.before).toMatchObject({ name: 'Renamed', ownerId: ben.id, shares: [expect.objectContaining({ templateId: welcome.id, grantee: { userId: cat.id }, level: 'view' }), expect.objectContaining({ grantee: { userId: ada.id }, level: 'edit' })] });
    expect(await t.db.selectFrom('template_shares').select('id').where('template_id', '=', welcome.id).execute()).toEqual([]);
  });

  it('a share counts only within its window: expired, the template answers 404 everywhere', async () => {
    const { ben, cat, zoe, welcome } = await world();
    expectStatus(await templates.share(welcome.id, { grantee: { userId: cat.id }, level: 'view', expiresAt: '2026-01-06T00:00:00Z' }, ben), 201);
    expectStatus(await templates.get(welcome.id, cat), 200);
    t.clock.set('2026-01-06T00:00:00Z');
    expect(outcome(await templates.get(welcome.id, cat))).toEqual({ status: 404, code: 'TANDEM_TEMPLATE_NOT_FOUND' });
    expect(expectStatus(await templates.list(cat), 200).items).toEqual([]);
    expect(outcome(await templates.preview(welcome.id, zoe.id, cat))).toEqual({ status: 404, code: 'TANDEM_TEMPLATE_NOT_FOUND' });
    expect(outcome(await api.history.sendMessage(zoe.id, { templateId: welcome.id }, { as: cat.token }))).toEqual({ status: 404, code: 'TANDEM_TEMPLATE_NOT_FOUND' });
    expect(outcome(await templates.update(welcome.id, { name: 'x' }, cat))).toEqual({ status: 404, code: 'TANDEM_TEMPLATE_NOT_FOUND' });
    const sent = await t.db.selectFrom('contact_events').select('id').where('contact_id', '=', zoe.id).where('kind', '=', 'message').execute();
    expect(sent).toEqual([]);
  });

  it('a team share gives its level to the team\'s members, named in the access sources', async () => {
    const { ben, dan, sales, welcome } = await world();
    expect(outcome(await templates.get(welcome.id, dan)).status).toBe(404);
    expectStatus(await templates.share(welcome.id, { grantee: { teamId: sales }, level: 'view' }, ben), 201);
    const [item] = expectStatus(await templates.list(dan), 200).items;
    expect(item?.id).toBe(welcome.id);
    expect(item?.access.sources).toEqual([expect.objectContaining({ kind: 'record_share', level: 'view', viaTeamId: sales, viaTeamName: 'Sales' })]);
  });

  it('nothing crosses an org: another org\'s admin gets 404 for everything, and cannot be shared with', async () => {
    const { ben, gus, welcome, contact } = await world();
    const globexContact = await contact(gus, { name: 'Gil' });
    expect(outcome(await templates.get(welcome.id, gus))).toEqual({ status: 404, code: 'TANDEM_TEMPLATE_NOT_FOUND' });
    expect(expectStatus(await templates.list(gus), 200).items).toEqual([]);
    expect(outcome(await templates.update(welcome.id, { name: 'x' }, gus))).toEqual({ status: 404, code: 'TANDEM_TEMPLATE_NOT_FOUND' });
    expect(outcome(await templates.delete(welcome.id, gus))).toEqual({ status: 404, code: 'TANDEM_TEMPLATE_NOT_FOUND' });
    expect(outcome(await templates.shares(welcome.id, gus))).toEqual({ status: 404, code: 'TANDEM_TEMPLATE_NOT_FOUND' });
    expect(outcome(await templates.preview(welcome.id, globexContact.id, gus))).toEqual({ status: 404, code: 'TANDEM_TEMPLATE_NOT_FOUND' });
    expect(outcome(await api.history.sendMessage(globexContact.id, { templateId: welcome.id }, { as: gus.token }))).toEqual({ status: 404, code: 'TANDEM_TEMPLATE_NOT_FOUND' });
    expect(outcome(await templates.share(welcome.id, { grantee: { userId: gus.id }, level: 'view' }, ben))).toEqual({ status: 404, code: 'TANDEM_USER_NOT_FOUND' });
    expect(expectStatus(await templates.get(welcome.id, ben), 200).template.access.sources).toHaveLength(1);
  });

  it('lists by name (case-insensitive) in keyset pages; a foreign cursor is 400', async () => {
    const { ben } = await world();
    for (const name of ['delta', 'Bravo', 'echo', 'alpha', 'Charlie']) expectStatus(await templates.create({ name, body: 'x' }, ben), 201);
    const names: string[] = [];
    let cursor: string | null | undefined;
    let pages = 0;
    do {
      const page = expectStatus(await templates.list(ben, { limit: 2, ...(cursor ? { cursor } : {}) }), 200);
      names.push(...page.items.map((x) => x.name));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(names).toEqual(['alpha', 'Bravo', 'Charlie', 'delta', 'echo', 'Welcome']);
    expect(pages).toBe(3);
    expect(outcome(await templates.list(ben, { cursor: 'nonsense' }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
  });

  it('cannot be deleted while a program step sends it (409, nothing changed); can once the step is gone', async () => {
    const { orgId, ben, welcome } = await world();
    const program = await t.db.insertInto('programs').values({ org_id: orgId, owner_id: ben.id, name: 'Onboarding' }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('program_steps').values({ org_id: orgId, program_id: program.id, position: 0, template_id: welcome.id, delay_days: 0, channel: 'email' }).execute();
    expect(outcome(await templates.delete(welcome.id, ben))).toEqual({ status: 409, code: 'TANDEM_TEMPLATE_IN_USE' });
    expectStatus(await templates.get(welcome.id, ben), 200);
    expect(await auditOf(orgId, 'template.delete')).toEqual([]);
    await t.db.deleteFrom('program_steps').where('org_id', '=', orgId).where('program_id', '=', program.id).execute();
    expectStatus(await templates.delete(welcome.id, ben), 204);
    expect(await auditOf(orgId, 'template.delete')).toHaveLength(1);
  });

  it('preview needs collaborate on the contact: invisible or missing 404, visible without collaborate 403', async () => {
    const { ben, cat, dan, welcome, contact } = await world();
    expectStatus(await templates.share(welcome.id, { grantee: { userId: dan.id }, level: 'view' }, ben), 201);
    const bens = await contact(ben, { name: 'Bo Private' });
    expect(outcome(await templates.preview(welcome.id, bens.id, dan))).toEqual({ status: 404, code: 'TANDEM_CONTACT_NOT_FOUND' });
    expect(outcome(await templates.preview(welcome.id, MISSING, dan))).toEqual({ status: 404, code: 'TANDEM_CONTACT_NOT_FOUND' });
    expectStatus(await api.shares.create(bens.id, { grantee: { userId: dan.id }, level: 'view' }, { as: ben.token }), 201);
    expect(outcome(await templates.preview(welcome.id, bens.id, dan))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    // A template the caller cannot see answers 404 whatever the contact.
    expect(outcome(await templates.preview(welcome.id, bens.id, cat))).toEqual({ status: 404, code: 'TANDEM_TEMPLATE_NOT_FOUND' });
    expect(outcome(await api.call('POST', `${V1}/templates/${welcome.id}/preview`, { as: ben, body: {} })).status).toBe(400);
  });

  it('renders hostile names as data: no second pass, and escaped in the HTML part', async () => {
    const { ben, welcome, contact } = await world();
    const evil = await contact(ben, { name: '<script>{{owner.name}}</script> {{constructor}}', company: '"><img src=x onerror=alert(1)>' });
    const preview = expectStatus(await templates.preview(welcome.id, evil.id, ben), 200);
    expect(preview.subject).toBe('Hello <script>{{owner.name}}</script>');
    expect(preview.text).toBe('Dear <script>{{owner.name}}</script> of "><img src=x onerror=alert(1)>,\nBen will call. Ben');
    expect(preview.html).toBe('Dear &lt;script&gt;{{owner.name}}&lt;/script&gt; of &quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;,<br>\nBen will call. Ben');
    const named = expectStatus(await templates.create({ name: 'Name', body: '{{contact.name}}' }, ben), 201).template;
    expect(expectStatus(await templates.preview(named.id, evil.id, ben), 200).text).toBe('<script>{{owner.name}}</script> {{constructor}}');
  });

  it('the composer: a body goes as written, the template\'s subject fills in, the owner is the one at send time', async () => {
    const { ada, ben, cat, dan, zoe, welcome } = await world();
    const edited = expectStatus(await api.history.sendMessage(zoe.id, { templateId: welcome.id, body: 'My own words' }, { as: ben.token }), 201).message;
    expect(edited).toMatchObject({ body: 'My own words', subject: 'Hello Zoe' });
    const subjectGiven = expectStatus(await api.history.sendMessage(zoe.id, { templateId: welcome.id, subject: 'Mine' }, { as: ben.token }), 201).message;
    expect(subjectGiven).toMatchObject({ subject: 'Mine', body: 'Dear Zoe of Quinn & Co,\nBen will call. Ben' });
    const sms = expectStatus(await api.history.sendMessage(zoe.id, { templateId: welcome.id, channel: 'sms' }, { as: ben.token }), 201).message;
    expect(sms).toMatchObject({ channel: 'sms', subject: null, body: 'Dear Zoe of Quinn & Co,\nBen will call. Ben' });
    const plain = expectStatus(await api.history.sendMessage(zoe.id, { body: 'No template' }, { as: ben.token }), 201).message;
    const rows = await t.db.selectFrom('contact_events').select(['id', 'template_id']).where('id', 'in', [edited.id, sms.id, plain.id]).execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.template_id]))).toEqual({ [edited.id]: welcome.id, [sms.id]: welcome.id, [plain.id]: null });
    expect(outcome(await api.history.sendMessage(zoe.id, {}, { as: ben.token }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    expect(outcome(await api.history.sendMessage(zoe.id, { templateId: MISSING }, { as: ben.token }))).toEqual({ status: 404, code: 'TANDEM_TEMPLATE_NOT_FOUND' });
    // Reassigned to Cat, the next message from the template names Cat as owner (and goes on her behalf); Dan sends it.
    expectStatus(await api.contacts.reassign(zoe.id, { ownerId: cat.id }, { as: ada.token }), 200);
    expectStatus(await api.shares.create(zoe.id, { grantee: { userId: dan.id }, level: 'collaborate' }, { as: cat.token }), 201);
    expectStatus(await templates.share(welcome.id, { grantee: { userId: dan.id }, level: 'view' }, ben), 201);
    const after = expectStatus(await api.history.sendMessage(zoe.id, { templateId: welcome.id }, { as: dan.token }), 201);
    expect(after.message).toMatchObject({ onBehalfOf: cat.id, sentBy: dan.id, body: 'Dear Zoe of Quinn & Co,\nCat will call. Dan' });
  });

  it('a template that renders empty for a contact asks for a body (400) instead of sending nothing', async () => {
    const { ben, contact } = await world();
    const bare = await contact(ben, { name: 'Nobody' });
    const company = expectStatus(await templates.create({ name: 'Company', body: '{{contact.company}}' }, ben), 201).template;
    expect(outcome(await api.history.sendMessage(bare.id, { templateId: company.id }, { as: ben.token }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    expectStatus(await api.history.sendMessage(bare.id, { templateId: company.id, body: 'Written' }, { as: ben.token }), 201);
  });

  it('shares through /templates/:id/shares: create, change, revoke, audited; the owner cannot be named; 403 or 404 for others', async () => {
    const { orgId, ben, cat, dan, welcome } = await world();
    expect(outcome(await templates.share(welcome.id, { grantee: { userId: ben.id }, level: 'view' }, ben))).toEqual({ status: 400, code: 'TANDEM_SHARE_GRANTEE_IS_OWNER' });
    const share = expectStatus(await templates.share(welcome.id, { grantee: { userId: cat.id }, level: 'view' }, ben), 201).share;
    expect(share).toMatchObject({ resourceId: welcome.id, grantee: { userId: cat.id }, granteeName: 'Cat', level: 'view', active: true, createdBy: ben.id });
    // Cat sees it but is not its owner: 403. Dan does not see it: 404.
    expect(outcome(await templates.share(welcome.id, { grantee: { userId: dan.id }, level: 'view' }, cat))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expect(outcome(await templates.share(welcome.id, { grantee: { userId: dan.id }, level: 'view' }, dan))).toEqual({ status: 404, code: 'TANDEM_TEMPLATE_NOT_FOUND' });
    expect(outcome(await templates.revokeShare(welcome.id, share.id, cat))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    const changed = expectStatus(await templates.updateShare(welcome.id, share.id, { level: 'edit' }, ben), 200).share;
    expect(changed.level).toBe('edit');
    expect(expectStatus(await templates.update(welcome.id, { name: 'By Cat' }, cat), 200).template.name).toBe('By Cat');
    expectStatus(await templates.revokeShare(welcome.id, share.id, ben), 204);
    expect(outcome(await templates.get(welcome.id, cat))).toEqual({ status: 404, code: 'TANDEM_TEMPLATE_NOT_FOUND' });
    expect(outcome(await templates.revokeShare(welcome.id, share.id, ben))).toEqual({ status: 404, code: 'TANDEM_SHARE_NOT_FOUND' });
    const actions = (await t.db.selectFrom('audit_log').select('action').where('org_id', '=', orgId).where('target_id', '=', welcome.id).orderBy('seq').execute()).map((r) => r.action);
    expect(actions).toEqual(['template.create', 'template.share.create', 'template.share.update', 'template.update', 'template.share.revoke']);
  });
});
