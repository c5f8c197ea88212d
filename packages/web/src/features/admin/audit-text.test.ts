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
});
