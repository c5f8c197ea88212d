import type { EnrollmentDto } from '@tandem/api';
import { describe, expect, it } from 'vitest';
import { enrollRefusalReason, enrollReport } from './enroll-report.ts';

const names = new Map([['z', 'Zoe Hartmann'], ['y', 'Yan Berg'], ['l', 'Liam Novak']]);
const nameOf = (id: string) => names.get(id);
const enrolled = (contactId: string) => ({ contactId }) as EnrollmentDto;

describe('what bulk enrolment says afterwards', () => {
  it('counts the enrolled when none was refused', () => {
    expect(enrollReport('Welcome', { enrolled: [enrolled('z'), enrolled('y')], refused: [] }, nameOf)).toEqual({ summary: '2 contacts enrolled in Welcome', reasons: [], refusedIds: [] });
  });

  it('names the refused contacts under each reason', () => {
    const report = enrollReport('Welcome', {
      enrolled: [enrolled('z')],
      refused: [{ contactId: 'y', code: 'TANDEM_ACCESS_FORBIDDEN' }, { contactId: 'l', code: 'TANDEM_ENROLLMENT_EXISTS' }, { contactId: 'gone', code: 'TANDEM_CONTACT_NOT_FOUND' }],
    }, nameOf);
    expect(report.summary).toBe('1 enrolled in Welcome, 3 refused');
    expect(report.reasons).toEqual([
      '1: enrolling needs Collaborate on the contact (Yan Berg)',
      '1: they are already in this program (Liam Novak)',
      '1: you can no longer see them',
    ]);
    expect(report.refusedIds).toEqual(['y', 'l', 'gone']);
  });

  it('has words for every refusal the server documents, and a fallback', () => {
    for (const code of ['TANDEM_CONTACT_NOT_FOUND', 'TANDEM_ACCESS_FORBIDDEN', 'TANDEM_ENROLLMENT_EXISTS']) expect(enrollRefusalReason(code)).not.toBe('the server refused them');
    expect(enrollRefusalReason('SOMETHING_ELSE')).toBe('the server refused them');
  });
});
