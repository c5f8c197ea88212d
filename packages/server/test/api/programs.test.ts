// Programs (spec §6.6, docs/decisions.md D34), on PGlite and PostgreSQL: a program is shared by hand (view to use,
// edit to change, owner or admin to delete) and names only templates the caller may use; enrolling needs view on the
// program and collaborate on the contact (404 invisible, 403 without collaborate, 409 twice; bulk refuses per
// contact); the runner (run here by hand at the manual clock's now) judges the enroller again before each step and
// either stops the enrolment with the reason or stores the step's message and its delivery job, which the queue
// (drained here) delivers over real SMTP (npm smtp-server on loopback) from the contact owner's address.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PROGRAM_DAY_MS } from '../../src/domain/programs/program-deps.ts';
import { runDueSteps } from '../../src/domain/programs/run-due-steps.ts';
import { startMessageQueue } from '../../src/jobs/deliver-message-job.ts';
import type { QueueWorker } from '../../src/jobs/queue.ts';
import { smtpMailer } from '../../src/mail/smtp-mailer.ts';
import { outboxSms } from '../../src/sms/outbox-sms.ts';
import { DATABASE_KINDS } from '../support/databases.ts';
import { useInbox, type Received } from '../support/smtp-inbox.ts';
import { expectStatus, outcome } from './support/api-client.ts';
import { programClient } from './support/program-client.ts';
import { useTestApp } from './support/test-app.ts';

const DAY = DEFAULT_PROGRAM_DAY_MS;
const HOUR = 3_600_000;

describe.each(DATABASE_KINDS)('programs on %s', (kind) => {
  const inbox = useInbox();
  const t = useTestApp({ db: kind });
  const programs = programClient(t.api);
  const errors: unknown[] = [];
  const log = { info: () => {}, error: (obj: object) => void errors.push(obj) };
  const workers: QueueWorker[] = [];

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    expect(errors.splice(0)).toEqual([]);
    // The runner serves every org of the database: a test's enrolments left running would send in the next test's run.
    await t.db.deleteFrom('programs').execute();
  });

  function queue(): QueueWorker {
    const worker = startMessageQueue({
      db: t.db, mailer: smtpMailer({ url: inbox.url, from: 'Tandem <tandem@acme.test>' }), sms: outboxSms(() => t.clock.now()),
      inboundDomain: 'reply.acme.test', smsDefaultLine: '+15550000',
    }, t.clock, log, { poll: false });
    workers.push(worker);
    return worker;
  }
  const run = () => runDueSteps({ db: t.db, programDayMs: DAY }, t.clock.now());
  /** One tick of the scheduler: the runner at the clock's now, then the queue until it is empty. */
  async function tick(worker: QueueWorker) {
    const result = await run();
    await worker.drain();
    return result;
  }

  const tag = () => randomUUID().slice(0, 8);

  async function world() {
    const s = tag();
    const w = await t.world({
      users: { ada: { role: 'admin' }, ben: {}, cat: {}, dan: {}, eve: {} },
      contacts: {
        zoe: { owner: 'ben', name: 'Zoe Client', emails: [`zoe.${s}@client.test`] },
        kim: { owner: 'ben', name: 'Kim Viewonly', emails: [`kim.${s}@client.test`] },
        lou: { owner: 'ben', name: 'Lou Shared', emails: [`lou.${s}@client.test`] },
        mia: { owner: 'ben', name: 'Mia Shared', emails: [`mia.${s}@client.test`] },
        nia: { owner: 'eve', name: 'Nia Hidden', emails: [`nia.${s}@client.test`] },
        pat: { owner: 'ben', name: 'Pat Noaddress' },
        tom: { owner: 'ben', name: 'Tom Trashed', emails: [`tom.${s}@client.test`], state: 'trashed' },
      },
      shares: [
        { contact: 'kim', user: 'cat', level: 'view' },
        { contact: 'lou', user: 'cat', level: 'collaborate' },
        { contact: 'mia', user: 'cat', level: 'collaborate' },
        { contact: 'pat', user: 'cat', level: 'collaborate' },
        { contact: 'tom', user: 'cat', level: 'collaborate' },
      ],
    });
    const template = async (owner: keyof typeof w.users, name: string, subject: string | null, body: string) => {
      const row = await t.db.insertInto('templates').values({ org_id: w.orgId, owner_id: w.users[owner].id, name, subject, body })
        .returning('id').executeTakeFirstOrThrow();
      return row.id;
    };
    const shareTemplate = (templateId: string, user: keyof typeof w.users, level: 2 | 4 = 2) => t.db.insertInto('template_shares')
      .values({ org_id: w.orgId, template_id: templateId, grantee_user_id: w.users[user].id, level }).execute();
    return { ...w, ...w.users, c: w.contacts, template, shareTemplate };
  }

  const auditOf = (orgId: string, action: string) => t.db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId).where('action', '=', action).orderBy('seq').execute();
  const enrollmentRow = (id: string) => t.db.selectFrom('program_enrollments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  /** What reached the inbox since `from`: to whom, the subject, the text (trimmed) and the From address. */
  const mailSince = (from: number) => inbox.received.slice(from).map((r: Received) => ({
    to: r.envelopeTo.join(','), subject: r.mail.subject, text: (r.mail.text ?? '').trim(), from: r.mail.from?.value[0]?.address,
  }));

  it('CRUD: private until shared; view reads (hidden templates unnamed), edit changes, owner or admin deletes; steps need usable templates', async () => {
    const w = await world();
    const { ben, cat, dan, ada, eve } = w;
    const hello = await w.template('ben', 'Hello', 'Hi {{contact.name}}', 'Hello {{contact.firstName}}');
    const evesOwn = await w.template('eve', 'Eve only', null, 'Private');

    expect(outcome(await programs.create({ name: 'Drip', steps: [{ templateId: evesOwn, delayDays: 0, channel: 'email' }] }, { as: ben })))
      .toEqual({ status: 404, code: 'TANDEM_TEMPLATE_NOT_FOUND' });
    expect(outcome(await programs.create({ name: 'Drip', steps: [{ templateId: randomUUID(), delayDays: 0, channel: 'email' }] }, { as: ben })))
      .toEqual({ status: 404, code: 'TANDEM_TEMPLATE_NOT_FOUND' });
    expect(outcome(await programs.create({ name: 'Drip', steps: [{ templateId: 'not-a-uuid', delayDays: 0, channel: 'email' }] }, { as: ben })))
      .toEqual({ status: 404, code: 'TANDEM_TEMPLATE_NOT_FOUND' });
    expect(outcome(await programs.create({ name: 'Drip', steps: [] }, { as: ben })).status).toBe(400);

    const created = expectStatus(await programs.create({ name: 'Drip', steps: [{ templateId: hello, delayDays: 1, channel: 'email' }] }, { as: ben }), 201).program;
    expect(created).toMatchObject({
      name: 'Drip', ownerId: ben.id, ownerName: 'Ben', steps: [{ templateId: hello, delayDays: 1, channel: 'email', templateName: 'Hello' }],
      counts: { active: 0, paused: 0, stopped: 0, completed: 0 }, access: { level: 'owner', actions: ['view', 'edit', 'manage'] },
    });

    // Nobody else but the admin sees it.
    expect(outcome(await programs.get(created.id, { as: cat }))).toEqual({ status: 404, code: 'TANDEM_PROGRAM_NOT_FOUND' });
    expect(expectStatus(await programs.list({ as: cat }), 200).items).toEqual([]);
    expect(outcome(await programs.update(created.id, { name: 'Mine' }, { as: cat }))).toEqual({ status: 404, code: 'TANDEM_PROGRAM_NOT_FOUND' });
    expect(outcome(await programs.delete(created.id, { as: dan }))).toEqual({ status: 404, code: 'TANDEM_PROGRAM_NOT_FOUND' });

    // View: read, the template Cat cannot see is unnamed; no change, no delete.
    const share = expectStatus(await programs.share(created.id, { grantee: { userId: cat.id }, level: 'view' }, { as: ben }), 201).share;
    const seen = expectStatus(await programs.get(created.id, { as: cat }), 200).program;
    expect(seen.steps).toEqual([{ templateId: hello, delayDays: 1, channel: 'email', templateName: null }]);
    expect(seen.access.actions).toEqual(['view']);
    expect(expectStatus(await programs.list({ as: cat }), 200).items.map((p) => p.id)).toEqual([created.id]);
    expect(outcome(await programs.update(created.id, { name: 'Mine' }, { as: cat }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expect(outcome(await programs.delete(created.id, { as: cat }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });

    // Edit: change the name; steps only with templates Cat may use.
    expectStatus(await programs.revokeShare(created.id, share.id, { as: ben }), 204);
    expectStatus(await programs.share(created.id, { grantee: { userId: cat.id }, level: 'edit' }, { as: ben }), 201);
    expect(expectStatus(await programs.update(created.id, { name: 'Drip 2' }, { as: cat }), 200).program.name).toBe('Drip 2');
    const twoSteps = [{ templateId: hello, delayDays: 0, channel: 'email' }, { templateId: hello, delayDays: 2, channel: 'sms' }];
    expect(outcome(await programs.update(created.id, { steps: twoSteps }, { as: cat }))).toEqual({ status: 404, code: 'TANDEM_TEMPLATE_NOT_FOUND' });
    await w.shareTemplate(hello, 'cat');
    const changed = expectStatus(await programs.update(created.id, { steps: twoSteps }, { as: cat }), 200).program;
    expect(changed.steps.map((s) => [s.delayDays, s.channel, s.templateName])).toEqual([[0, 'email', 'Hello'], [2, 'sms', 'Hello']]);
    expect(outcome(await programs.delete(created.id, { as: cat }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });

    // The admin sees every program and may delete it, but changing it needs an edit share.
    expect(expectStatus(await programs.get(created.id, { as: ada }), 200).program.access.actions).toEqual(['view', 'manage']);
    expect(outcome(await programs.update(created.id, { name: 'Admin' }, { as: ada }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expect(outcome(await programs.get(created.id, { as: eve }))).toEqual({ status: 404, code: 'TANDEM_PROGRAM_NOT_FOUND' });
    expectStatus(await programs.delete(created.id, { as: ada }), 204);
    expect(outcome(await programs.get(created.id, { as: ben }))).toEqual({ status: 404, code: 'TANDEM_PROGRAM_NOT_FOUND' });

    expect((await auditOf(w.orgId, 'program.create')).map((a) => [a.actor_id, a.target_type, a.target_id])).toEqual([[ben.id, 'program', created.id]]);
    expect((await auditOf(w.orgId, 'program.update')).map((a) => a.actor_id)).toEqual([cat.id, cat.id]);
    const [deleted] = await auditOf(w.orgId, 'program.delete');
    expect(deleted).toMatchObject({ actor_id: ada.id, target_id: created.id });
    expect(deleted?.before).toMatchObject({ name: 'Drip 2', steps: [{ templateId: hello, delayDays: 0, channel: 'email' }, { templateId: hello, delayDays: 2, channel: 'sms' }] });
  });

  /** Ben's program of one step `delayDays` after enrolment, shared with Cat at `level`. */
  async function programOf(w: Awaited<ReturnType<typeof world>>, options: { level?: 'view' | 'edit'; delayDays?: number } = {}) {
    const hello = await w.template('ben', 'Hello', 'Hi {{contact.name}}', 'Hello {{contact.firstName}}');
    const program = expectStatus(await programs.create({ name: 'Drip', steps: [{ templateId: hello, delayDays: options.delayDays ?? 2, channel: 'email' }] }, { as: w.ben }), 201).program;
    if (options.level) expectStatus(await programs.share(program.id, { grantee: { userId: w.cat.id }, level: options.level }, { as: w.ben }), 201);
    return program;
  }

  it('enrolling: view on the program and collaborate on the contact; 404 invisible as missing, 403 without collaborate, 409 twice', async () => {
    const w = await world();
    const { ben, cat, dan, c } = w;
    const program = await programOf(w, { level: 'view' });
    const start = t.clock.now();

    expect(outcome(await programs.enroll(program.id, { contactId: c.nia }, { as: cat }))).toEqual({ status: 404, code: 'TANDEM_CONTACT_NOT_FOUND' });
    expect(outcome(await programs.enroll(program.id, { contactId: c.zoe }, { as: cat }))).toEqual({ status: 404, code: 'TANDEM_CONTACT_NOT_FOUND' });
    expect(outcome(await programs.enroll(program.id, { contactId: randomUUID() }, { as: cat }))).toEqual({ status: 404, code: 'TANDEM_CONTACT_NOT_FOUND' });
    expect(outcome(await programs.enroll(program.id, { contactId: c.kim }, { as: cat }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expect(outcome(await programs.enroll(program.id, { contactId: c.lou }, { as: dan }))).toEqual({ status: 404, code: 'TANDEM_PROGRAM_NOT_FOUND' });

    const lou = expectStatus(await programs.enroll(program.id, { contactId: c.lou }, { as: cat }), 201).enrollment;
    expect(lou).toMatchObject({
      programId: program.id, contactId: c.lou, contactName: 'Lou Shared', status: 'active', nextStep: 0,
      nextStepAt: new Date(start + 2 * DAY).toISOString(), stoppedReason: null, enrolledBy: cat.id, enrolledByName: 'Cat',
    });
    expect(outcome(await programs.enroll(program.id, { contactId: c.lou }, { as: cat }))).toEqual({ status: 409, code: 'TANDEM_ENROLLMENT_EXISTS' });
    expect(outcome(await programs.enroll(program.id, { contactId: c.lou }, { as: ben }))).toEqual({ status: 409, code: 'TANDEM_ENROLLMENT_EXISTS' });

    // Bulk: each contact decided on its own; an invisible id is refused exactly as a missing one.
    const missing = randomUUID();
    const bulk = expectStatus(await programs.enrollMany(program.id, { contactIds: [c.lou, c.kim, c.nia, missing, 'nope', c.mia, c.zoe, c.tom] }, { as: cat }), 200);
    expect(bulk.enrolled.map((e) => e.contactId)).toEqual([c.mia]);
    expect(bulk.refused).toEqual([
      { contactId: c.lou, code: 'TANDEM_ENROLLMENT_EXISTS' },
      { contactId: c.kim, code: 'TANDEM_ACCESS_FORBIDDEN' },
      { contactId: c.nia, code: 'TANDEM_CONTACT_NOT_FOUND' },
      { contactId: missing, code: 'TANDEM_CONTACT_NOT_FOUND' },
      { contactId: 'nope', code: 'TANDEM_CONTACT_NOT_FOUND' },
      { contactId: c.zoe, code: 'TANDEM_CONTACT_NOT_FOUND' },
      { contactId: c.tom, code: 'TANDEM_CONTACT_NOT_FOUND' },
    ]);
    // A trashed contact: not visible to a sharee (above); its owner sees it and is told it is in the trash.
    expect(expectStatus(await programs.enrollMany(program.id, { contactIds: [c.tom] }, { as: ben }), 200))
      .toEqual({ enrolled: [], refused: [{ contactId: c.tom, code: 'TANDEM_CONTACT_WRONG_STATE' }] });
    expect(outcome(await programs.enroll(program.id, { contactId: c.tom }, { as: ben }))).toEqual({ status: 409, code: 'TANDEM_CONTACT_WRONG_STATE' });
    expect(outcome(await programs.enrollMany(program.id, { contactIds: Array.from({ length: 201 }, () => randomUUID()) }, { as: cat })).status).toBe(400);
    expect(outcome(await programs.enrollMany(program.id, { contactIds: [c.lou] }, { as: dan }))).toEqual({ status: 404, code: 'TANDEM_PROGRAM_NOT_FOUND' });

    // Ben enrols Zoe and Kim: Cat's list and counts show only the contacts she sees (Kim at view; never Zoe).
    const zoe = expectStatus(await programs.enroll(program.id, { contactId: c.zoe }, { as: ben }), 201).enrollment;
    const kim = expectStatus(await programs.enroll(program.id, { contactId: c.kim }, { as: ben }), 201).enrollment;
    const catList = expectStatus(await programs.enrollments(program.id, { as: cat }), 200);
    expect(catList.items.map((e) => e.contactId).sort()).toEqual([c.lou, c.mia, c.kim].sort());
    expect(JSON.stringify(catList)).not.toContain(c.zoe);
    expect(expectStatus(await programs.get(program.id, { as: cat }), 200).program.counts).toEqual({ active: 3, paused: 0, stopped: 0, completed: 0 });
    expect(expectStatus(await programs.get(program.id, { as: ben }), 200).program.counts).toEqual({ active: 4, paused: 0, stopped: 0, completed: 0 });
    // Oldest first (Lou, then Mia, Zoe and Kim enrolled at the same instant, by id), in pages of 3.
    const firstPage = expectStatus(await programs.enrollments(program.id, { as: ben, query: { limit: 3 } }), 200);
    expect(firstPage.items).toHaveLength(3);
    const secondPage = expectStatus(await programs.enrollments(program.id, { as: ben, query: { limit: 3, cursor: firstPage.nextCursor ?? '' } }), 200);
    expect(secondPage.nextCursor).toBeNull();
    const paged = [...firstPage.items, ...secondPage.items];
    expect(paged.map((e) => e.contactId).sort()).toEqual([c.lou, c.mia, c.zoe, c.kim].sort());
    expect(paged.map((e) => [e.createdAt, e.id])).toEqual(paged.map((e) => [e.createdAt, e.id]).sort());
    expect(outcome(await programs.enrollments(program.id, { as: dan }))).toEqual({ status: 404, code: 'TANDEM_PROGRAM_NOT_FOUND' });

    // Changing one: invisible contact → 404 as missing; visible without collaborate → 403; with program edit → allowed.
    expect(outcome(await programs.updateEnrollment(zoe.id, { status: 'paused' }, { as: cat }))).toEqual({ status: 404, code: 'TANDEM_ENROLLMENT_NOT_FOUND' });
    expect(outcome(await programs.updateEnrollment(randomUUID(), { status: 'paused' }, { as: cat }))).toEqual({ status: 404, code: 'TANDEM_ENROLLMENT_NOT_FOUND' });
    expect(outcome(await programs.updateEnrollment(lou.id, { status: 'paused' }, { as: dan }))).toEqual({ status: 404, code: 'TANDEM_ENROLLMENT_NOT_FOUND' });
    expect(outcome(await programs.updateEnrollment(kim.id, { status: 'paused' }, { as: cat }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expectStatus(await programs.share(program.id, { grantee: { userId: cat.id }, level: 'edit' }, { as: ben }), 201);
    expect(expectStatus(await programs.updateEnrollment(kim.id, { status: 'paused' }, { as: cat }), 200).enrollment.status).toBe('paused');
    expect(expectStatus(await programs.enrollments(program.id, { as: cat, query: { status: 'paused' } }), 200).items.map((e) => e.contactId)).toEqual([c.kim]);

    const created = await auditOf(w.orgId, 'program.enrollment.create');
    expect(created.map((a) => [a.actor_id, a.target_type])).toEqual([[cat.id, 'enrollment'], [cat.id, 'enrollment'], [ben.id, 'enrollment'], [ben.id, 'enrollment']]);
    expect((await auditOf(w.orgId, 'program.enrollment.update')).map((a) => [a.actor_id, a.target_id, a.after])).toEqual([
      [cat.id, kim.id, expect.objectContaining({ status: 'paused' })],
    ]);
  });

  it('the clock moves past three steps: exactly the allowed steps go out, from the owner, and enrolments stop when collaborate ends', async () => {
    const w = await world();
    const { ben, cat, c } = w;
    const start = t.clock.now();
    // Zoe is shared with Cat at collaborate for one day (expires between step 1 and step 2); Lou's share is revoked later.
    const [zoeShare] = (await w.add({ shares: [{ contact: 'zoe', user: 'cat', level: 'collaborate', expiresAt: start + DAY }] })).shares;
    expect(zoeShare).toBeDefined();
    const louShare = await t.db.selectFrom('contact_shares').select('id').where('contact_id', '=', c.lou).executeTakeFirstOrThrow();
    const t1 = await w.template('ben', 'Welcome', 'Welcome, {{contact.name}}', 'Hello {{contact.firstName}}, {{owner.name}} here ({{sender.name}} wrote this).');
    const t2 = await w.template('ben', 'Nudge', 'Still there?', 'Hi {{contact.firstName}}, a nudge from {{owner.name}}.');
    const t3 = await w.template('ben', 'Last', 'Last note', 'Goodbye {{contact.firstName}}, from {{owner.name}} and {{sender.name}}.');
    const program = expectStatus(await programs.create({
      name: 'Three steps',
      steps: [{ templateId: t1, delayDays: 0, channel: 'email' }, { templateId: t2, delayDays: 2, channel: 'email' }, { templateId: t3, delayDays: 3, channel: 'email' }],
    }, { as: ben }), 201).program;
    expectStatus(await programs.share(program.id, { grantee: { userId: cat.id }, level: 'view' }, { as: ben }), 201);
    const bulk = expectStatus(await programs.enrollMany(program.id, { contactIds: [c.zoe, c.lou] }, { as: cat }), 200);
    expect(bulk.refused).toEqual([]);
    const mia = expectStatus(await programs.enroll(program.id, { contactId: c.mia }, { as: ben }), 201).enrollment;
    const idOf = (contactId: string) => bulk.enrolled.find((e) => e.contactId === contactId)?.id ?? '';
    const [zoe, lou] = [idOf(c.zoe), idOf(c.lou)];
    const worker = queue();
    const first = inbox.received.length;
    const addressOf = async (contactId: string) => (await t.db.selectFrom('contacts').select('emails').where('id', '=', contactId).executeTakeFirstOrThrow()).emails[0] ?? '';
    const [zoeAt, louAt, miaAt] = [await addressOf(c.zoe), await addressOf(c.lou), await addressOf(c.mia)];

    // Step 1, due at enrolment: all three.
    expect(await tick(worker)).toEqual({ sent: 3, stopped: 0, completed: 0, skipped: 0 });
    const step1 = mailSince(first);
    expect(step1.sort((a, b) => a.to.localeCompare(b.to))).toEqual([
      { to: louAt, subject: 'Welcome, Lou Shared', text: 'Hello Lou, Ben here (Cat wrote this).', from: ben.email },
      { to: miaAt, subject: 'Welcome, Mia Shared', text: 'Hello Mia, Ben here (Ben wrote this).', from: ben.email },
      { to: zoeAt, subject: 'Welcome, Zoe Client', text: 'Hello Zoe, Ben here (Cat wrote this).', from: ben.email },
    ].sort((a, b) => a.to.localeCompare(b.to)));
    expect(await tick(worker), 'nothing more is due the same minute').toEqual({ sent: 0, stopped: 0, completed: 0, skipped: 0 });

    // A day and a half later Zoe's share has expired; step 2 is due at day 2.
    t.clock.set(start + DAY + 12 * HOUR);
    expect(await tick(worker)).toEqual({ sent: 0, stopped: 0, completed: 0, skipped: 0 });
    t.clock.set(start + 2 * DAY);
    const second = inbox.received.length;
    expect(await tick(worker)).toEqual({ sent: 2, stopped: 1, completed: 0, skipped: 0 });
    expect(mailSince(second).map((m) => [m.to, m.subject, m.text]).sort()).toEqual([
      [louAt, 'Still there?', 'Hi Lou, a nudge from Ben.'],
      [miaAt, 'Still there?', 'Hi Mia, a nudge from Ben.'],
    ]);
    expect(await enrollmentRow(zoe)).toMatchObject({ status: 'stopped', stopped_reason: 'collaborate_lost', next_step: 1, next_step_at: null });

    // Ben revokes Lou's share; Mia moves to Dan, who shares her with Ben at collaborate. Step 3 (day 5): Mia's goes
    // out on her CURRENT owner's behalf (Dan's name and address) and completes; Lou's stops.
    expectStatus(await t.api.shares.revoke(c.lou, louShare.id, { as: ben }), 204);
    expectStatus(await t.api.contacts.reassign(c.mia, { ownerId: w.dan.id }, { as: w.ada }), 200);
    await w.add({ shares: [{ contact: 'mia', user: 'ben', level: 'collaborate' }] });
    t.clock.set(start + 5 * DAY - 1);
    expect(await tick(worker)).toEqual({ sent: 0, stopped: 0, completed: 0, skipped: 0 });
    t.clock.set(start + 5 * DAY);
    const third = inbox.received.length;
    expect(await tick(worker)).toEqual({ sent: 1, stopped: 1, completed: 0, skipped: 0 });
    expect(mailSince(third)).toEqual([{ to: miaAt, subject: 'Last note', text: 'Goodbye Mia, from Dan and Ben.', from: w.dan.email }]);
    t.clock.set(start + 30 * DAY);
    expect(await tick(worker)).toEqual({ sent: 0, stopped: 0, completed: 0, skipped: 0 });
    expect(inbox.received.length - first, 'six e-mails in all').toBe(6);

    expect(await enrollmentRow(lou)).toMatchObject({ status: 'stopped', stopped_reason: 'collaborate_lost', next_step: 2 });
    expect(await enrollmentRow(mia.id)).toMatchObject({ status: 'completed', stopped_reason: null, next_step: 3, next_step_at: null });
    const listed = expectStatus(await programs.enrollments(program.id, { as: ben }), 200).items;
    const byContact = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
    expect(listed.map((e) => [e.contactId, e.status, e.stoppedReason]).sort(byContact)).toEqual([
      [c.zoe, 'stopped', 'collaborate_lost'], [c.lou, 'stopped', 'collaborate_lost'], [c.mia, 'completed', null],
    ].sort(byContact));
    expect(expectStatus(await programs.get(program.id, { as: ben }), 200).program.counts).toEqual({ active: 0, paused: 0, stopped: 2, completed: 1 });
    // Cat no longer sees Zoe or Lou: her list is only Mia.
    expect(expectStatus(await programs.enrollments(program.id, { as: cat }), 200).items.map((e) => e.contactId)).toEqual([c.mia]);

    // The messages: sent by the enroller on the owner's behalf, with the template, enrolment and step recorded.
    const messages = await t.db.selectFrom('contact_events').select(['contact_id', 'status', 'sent_by', 'on_behalf_of', 'template_id', 'enrollment_id', 'program_step'])
      .where('org_id', '=', w.orgId).where('enrollment_id', 'is not', null).orderBy('program_step').orderBy('contact_id').execute();
    expect(messages.filter((m) => m.contact_id === c.lou)).toEqual([
      { contact_id: c.lou, status: 'sent', sent_by: cat.id, on_behalf_of: ben.id, template_id: t1, enrollment_id: lou, program_step: 0 },
      { contact_id: c.lou, status: 'sent', sent_by: cat.id, on_behalf_of: ben.id, template_id: t2, enrollment_id: lou, program_step: 1 },
    ]);
    expect(messages).toHaveLength(6);
    const stops = await auditOf(w.orgId, 'program.enrollment.stop');
    expect(stops.map((a) => [a.actor_id, a.target_type, a.target_id, (a.after as { reason: string }).reason])).toEqual([
      [null, 'enrollment', zoe, 'collaborate_lost'], [null, 'enrollment', lou, 'collaborate_lost'],
    ]);
  });

  it('stops for a deactivated enroller, a trashed contact, a missing address; and sends nothing for them', async () => {
    const w = await world();
    const { ben, cat, ada, c } = w;
    const program = await programOf(w, { level: 'view', delayDays: 1 });
    const byCat = expectStatus(await programs.enroll(program.id, { contactId: c.lou }, { as: cat }), 201).enrollment;
    const trashed = expectStatus(await programs.enroll(program.id, { contactId: c.mia }, { as: ben }), 201).enrollment;
    const noAddress = expectStatus(await programs.enroll(program.id, { contactId: c.pat }, { as: ben }), 201).enrollment;
    expectStatus(await t.api.users.update(cat.id, { status: 'deactivated' }, { as: ada }), 200);
    expectStatus(await t.api.contacts.delete(c.mia, { as: ben }), 204);
    t.clock.advance(DAY);
    const first = inbox.received.length;
    expect(await tick(queue())).toEqual({ sent: 0, stopped: 3, completed: 0, skipped: 0 });
    expect(inbox.received.length).toBe(first);
    expect((await enrollmentRow(byCat.id)).stopped_reason).toBe('enroller_deactivated');
    expect((await enrollmentRow(trashed.id)).stopped_reason).toBe('contact_trashed');
    expect((await enrollmentRow(noAddress.id)).stopped_reason).toBe('no_address');
    expect((await auditOf(w.orgId, 'program.enrollment.stop')).map((a) => (a.after as { reason: string }).reason).sort())
      .toEqual(['contact_trashed', 'enroller_deactivated', 'no_address']);
  });

  it('pause holds the step; resume makes a past-due step due now; a stopped enrolment cannot change', async () => {
    const w = await world();
    const { cat, c } = w;
    const program = await programOf(w, { level: 'view', delayDays: 1 });
    const start = t.clock.now();
    const enrollment = expectStatus(await programs.enroll(program.id, { contactId: c.lou }, { as: cat }), 201).enrollment;
    const paused = expectStatus(await programs.updateEnrollment(enrollment.id, { status: 'paused' }, { as: cat }), 200).enrollment;
    expect(paused).toMatchObject({ status: 'paused', nextStepAt: new Date(start + DAY).toISOString() });
    expect(expectStatus(await programs.updateEnrollment(enrollment.id, { status: 'paused' }, { as: cat }), 200).enrollment.status).toBe('paused');
    const worker = queue();
    const first = inbox.received.length;
    t.clock.set(start + 3 * DAY);
    expect(await tick(worker)).toEqual({ sent: 0, stopped: 0, completed: 0, skipped: 0 });
    const resumed = expectStatus(await programs.updateEnrollment(enrollment.id, { status: 'active' }, { as: cat }), 200).enrollment;
    expect(resumed).toMatchObject({ status: 'active', nextStepAt: new Date(start + 3 * DAY).toISOString() });
    expect(await tick(worker)).toEqual({ sent: 1, stopped: 0, completed: 0, skipped: 0 });
    expect(mailSince(first).map((m) => m.subject)).toEqual(['Hi Lou Shared']);
    expect((await enrollmentRow(enrollment.id)).status).toBe('completed');
    expect(outcome(await programs.updateEnrollment(enrollment.id, { status: 'paused' }, { as: cat }))).toEqual({ status: 409, code: 'TANDEM_ENROLLMENT_FINISHED' });

    // Resuming an enrolment paused before its time keeps the time; stopping records the user's stop.
    const again = expectStatus(await programs.enroll(program.id, { contactId: c.lou }, { as: cat }), 201).enrollment;
    expectStatus(await programs.updateEnrollment(again.id, { status: 'paused' }, { as: cat }), 200);
    expect(expectStatus(await programs.updateEnrollment(again.id, { status: 'active' }, { as: cat }), 200).enrollment.nextStepAt).toBe(again.nextStepAt);
    const stopped = expectStatus(await programs.updateEnrollment(again.id, { status: 'stopped' }, { as: cat }), 200).enrollment;
    expect(stopped).toMatchObject({ status: 'stopped', stoppedReason: 'stopped_by_user', stoppedAt: new Date(t.clock.now()).toISOString(), nextStepAt: null });
    expect(outcome(await programs.updateEnrollment(again.id, { status: 'active' }, { as: cat }))).toEqual({ status: 409, code: 'TANDEM_ENROLLMENT_FINISHED' });
    t.clock.advance(5 * DAY);
    expect(await tick(worker)).toEqual({ sent: 0, stopped: 0, completed: 0, skipped: 0 });
    expect((await auditOf(w.orgId, 'program.enrollment.update')).map((a) => (a.after as { status: string }).status))
      .toEqual(['paused', 'active', 'paused', 'active', 'stopped']);
  });

  it('steps replaced by a shorter list: an enrolment past the new end completes at its next time and sends nothing more', async () => {
    const w = await world();
    const hello = await w.template('ben', 'Hello', 'Hi {{contact.name}}', 'Hello {{contact.firstName}}');
    const program = expectStatus(await programs.create({
      name: 'Two', steps: [{ templateId: hello, delayDays: 0, channel: 'email' }, { templateId: hello, delayDays: 1, channel: 'email' }],
    }, { as: w.ben }), 201).program;
    const enrollment = expectStatus(await programs.enroll(program.id, { contactId: w.c.lou }, { as: w.ben }), 201).enrollment;
    const worker = queue();
    const first = inbox.received.length;
    expect(await tick(worker)).toEqual({ sent: 1, stopped: 0, completed: 0, skipped: 0 });
    expectStatus(await programs.update(program.id, { steps: [{ templateId: hello, delayDays: 0, channel: 'email' }] }, { as: w.ben }), 200);
    t.clock.advance(DAY);
    expect(await tick(worker)).toEqual({ sent: 0, stopped: 0, completed: 1, skipped: 0 });
    expect(inbox.received.length - first).toBe(1);
    expect(await enrollmentRow(enrollment.id)).toMatchObject({ status: 'completed', next_step: 1, stopped_reason: null });
  });

  it('two runners at the same moment send a step once', async () => {
    const w = await world();
    const program = await programOf(w, { delayDays: 0 });
    const enrollment = expectStatus(await programs.enroll(program.id, { contactId: w.c.lou }, { as: w.ben }), 201).enrollment;
    const first = inbox.received.length;
    const results = await Promise.all([run(), run()]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(1);
    expect(await Promise.all([queue().drain(), queue().drain()]).then(([a, b]) => a + b)).toBe(1);
    expect(mailSince(first).map((m) => m.subject)).toEqual(['Hi Lou Shared']);
    expect(await enrollmentRow(enrollment.id)).toMatchObject({ status: 'completed', next_step: 1 });
    const rows = await t.db.selectFrom('contact_events').select('id').where('enrollment_id', '=', enrollment.id).execute();
    expect(rows).toHaveLength(1);
  });
});
