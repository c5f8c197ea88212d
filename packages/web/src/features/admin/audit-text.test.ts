import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../api/models.ts';
import { ACTION_LABEL, describeAudit, recordNames } from './audit-text.ts';

const entry = (action: string, targetType: string, targetId: string | null, before: unknown, after: unknown): AuditEntry => ({
  seq: '1', id: action, at: '2026-01-05T09:00:00Z', actorId: 'ada', actorName: 'Ada Lindqvist', action, targetType, targetId, before, after, prevHash: '', hash: 'h',
});
const people: Record<string, string> = { ada: 'Ada Lindqvist', ben: 'Ben Okafor', cat: 'Cat Moreau' };

describe('the audit log in sentences (defect 10)', () => {
  const log = [
    entry('contact.share.create', 'contact', 'z1', null, { grantee: { userId: 'ben' }, level: 'collaborate', startsAt: null, expiresAt: null }),
    entry('contact.create', 'contact', 'z1', null, { name: 'Zoe Hartmann', ownerId: 'ada' }),
  ];
  const records = recordNames(log);
  const names = { user: (id: string) => people[id] ?? null, team: (id: string) => (id === 't1' ? 'Sales' : null), record: (id: string) => records.get(id) ?? null };

  it('names who did what to whom, with names rather than ids or codes', () => {
    expect(describeAudit(log[1] as AuditEntry, names)).toEqual({ actor: 'Ada Lindqvist', text: 'created the contact Zoe Hartmann' });
    expect(describeAudit(log[0] as AuditEntry, names).text).toBe('shared Zoe Hartmann with Ben Okafor (Collaborate)');
    expect(describeAudit(entry('grant.create', 'grant', 'g', null, { grantee: { teamId: 't1' }, ownerId: 'cat', scope: 'calendar', level: 'edit' }), names).text).toBe('gave the team Sales Edit access to Cat Moreau’s calendar');
    expect(describeAudit(entry('user.role.change', 'user', 'ben', { role: 'member' }, { role: 'admin' }), names).text).toBe('made Ben Okafor an administrator');
    expect(describeAudit(entry('org.settings.change', 'org', 'o', { shareAllContacts: false }, { shareAllContacts: true }), names).text).toBe('turned on Share all contacts');
    expect(describeAudit(entry('contacts.reassign_all', 'user', 'ben', { ownerId: 'ben' }, { ownerId: 'cat', moved: 12 }), names).text).toBe('handed over all 12 contacts of Ben Okafor to Cat Moreau');
    expect(describeAudit(entry('something.new', 'thing', null, null, null), names).text).toBe('something new');
  });

  it('says what the delivery queue, SMS lines, inbound secrets and calendars did (issue 11)', () => {
    const sent = describeAudit(entry('contact.message.sent', 'contact', 'z1', null, { channel: 'sms', attempts: 1 }), names);
    expect(sent.text).toBe('delivered a message to Zoe Hartmann by SMS');
    expect(describeAudit(entry('contact.message.failed', 'contact', 'z1', null, { channel: 'email', error: 'mailbox full' }), names).text)
      .toBe('could not deliver a message to Zoe Hartmann: mailbox full');
    expect(describeAudit(entry('user.smsLine.change', 'user', 'ben', { smsLine: null }, { smsLine: '+15551234567' }), names).text).toBe('set Ben Okafor’s SMS line to +15551234567');
    expect(describeAudit(entry('user.smsLine.change', 'user', 'ben', { smsLine: '+15551234567' }, { smsLine: null }), names).text).toBe('removed Ben Okafor’s SMS line');
    expect(describeAudit(entry('org.inbound_secret.rotate', 'org', 'o', null, null), names).text).toContain('secret that signs inbound replies');
    expect(describeAudit(entry('calendar_item.move', 'calendar_item', 'i1', { kind: 'task', userId: 'ben' }, { kind: 'task', userId: 'cat' }), names).text)
      .toBe('moved a task from Ben Okafor’s calendar to Cat Moreau’s');
    expect(describeAudit(entry('calendar_item.create', 'calendar_item', 'i1', null, { kind: 'event', userId: 'ben' }), names).text).toBe('created an event on Ben Okafor’s calendar');
    expect(describeAudit(entry('calendar_item.delete', 'calendar_item', 'i1', { kind: 'task', userId: 'cat' }, null), names).text).toBe('deleted a task from Cat Moreau’s calendar');
    expect(describeAudit(entry('calendar.feed.create', 'calendar', 'ben', null, { holderId: 'cat' }), names).text).toBe('made a private feed link to Ben Okafor’s calendar');
  });

  it('words templates, pipelines and programs: their changes, shares, cards and enrolments (issue 12)', () => {
    const created = [
      entry('template.create', 'template', 'tp1', null, { name: 'Welcome', ownerId: 'ben', subject: 'Hi', body: 'Hi {{contact.firstName}}' }),
      entry('pipeline.create', 'pipeline', 'pl1', null, { name: 'Deals', stages: [] }),
      entry('program.create', 'program', 'pr1', null, { name: 'Onboarding', steps: [] }),
    ];
    const known = recordNames(created);
    const n = { ...names, record: (id: string) => known.get(id) ?? null };
    const say = (e: AuditEntry) => describeAudit(e, n).text;
    expect(say(created[0] as AuditEntry)).toBe('created the template Welcome');
    expect(say(entry('template.update', 'template', 'tp1', { name: 'Welcome', body: 'a' }, { name: 'Welcome', body: 'b' }))).toBe('changed the template Welcome');
    expect(say(entry('template.update', 'template', 'tp1', { name: 'Welcome' }, { name: 'Hello' }))).toBe('renamed the template Welcome to Hello');
    expect(say(entry('template.delete', 'template', 'tp1', { name: 'Welcome', shares: [] }, null))).toBe('deleted the template Welcome');
    expect(say(entry('template.share.create', 'template', 'tp1', null, { templateId: 'tp1', grantee: { userId: 'cat' }, level: 'view', startsAt: null, expiresAt: null })))
      .toBe('shared the template Welcome with Cat Moreau (Can use)');
    expect(say(entry('pipeline.share.update', 'pipeline', 'pl1', { grantee: { teamId: 't1' }, level: 'view' }, { grantee: { teamId: 't1' }, level: 'edit' })))
      .toBe('changed the team Sales’s share of the pipeline Deals: Can use → Can change');
    expect(say(entry('program.share.revoke', 'program', 'pr1', { grantee: { userId: 'ben' }, level: 'edit' }, null))).toBe('stopped sharing the program Onboarding with Ben Okafor');
    expect(say(entry('program.share.create', 'program', 'unknown', null, { grantee: { userId: 'ben' }, level: 'edit' }))).toBe('shared a program with Ben Okafor (Can change)');

    const card = { pipelineId: 'pl1', stageId: 's1', contactId: 'z1', title: 'Renewal', value: 1200, expectedCloseOn: null, position: 1 };
    expect(say(entry('pipeline.card.create', 'pipeline_card', 'c1', null, card))).toBe('added the card “Renewal” to the pipeline Deals');
    expect(say(entry('pipeline.card.update', 'pipeline_card', 'c1', card, { ...card, value: 1500 }))).toBe('changed the card “Renewal” on the pipeline Deals');
    expect(say(entry('pipeline.card.move', 'pipeline_card', 'c1', card, { ...card, stageId: 's2' }))).toBe('moved the card “Renewal” to another stage of the pipeline Deals');
    expect(say(entry('pipeline.card.delete', 'pipeline_card', 'c1', card, null))).toBe('removed the card “Renewal” from the pipeline Deals');

    expect(say(entry('program.enrollment.create', 'enrollment', 'e1', null, { programId: 'pr1', contactId: 'z1', enrolledBy: 'cat' }))).toBe('enrolled a contact in the program Onboarding');
    expect(say(entry('program.enrollment.update', 'enrollment', 'e1', { status: 'active' }, { status: 'paused' }))).toBe('paused a contact’s enrolment');
    expect(say(entry('program.enrollment.update', 'enrollment', 'e1', { status: 'paused' }, { status: 'active' }))).toBe('resumed a contact’s enrolment');
    const stop = { ...entry('program.enrollment.stop', 'enrollment', 'e1', { status: 'active', nextStep: 1 }, { status: 'stopped', reason: 'collaborate_lost', programId: 'pr1', contactId: 'z1', enrolledBy: 'cat' }), actorId: null, actorName: null };
    expect(describeAudit(stop, n)).toEqual({ actor: 'Tandem', text: 'stopped a contact’s enrolment in the program Onboarding: the person who enrolled the contact no longer collaborates on it' });
  });

  it('has a label and a group for every new action', () => {
    for (const code of ['template.create', 'template.share.revoke', 'pipeline.card.move', 'program.enrollment.stop', 'program.share.update']) {
      expect(ACTION_LABEL[code]?.label, code).toBeTruthy();
    }
    expect(ACTION_LABEL['pipeline.card.move']?.category).toBe('workflows');
    expect(ACTION_LABEL['template.share.create']?.category).toBe('sharing');
  });
});
