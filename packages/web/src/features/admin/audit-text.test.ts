import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../api/models.ts';
import { describeAudit, recordNames } from './audit-text.ts';

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
});
