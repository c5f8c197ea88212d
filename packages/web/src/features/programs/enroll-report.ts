// What bulk enrolment says afterwards (POST /programs/:id/enrollments/bulk answers `{enrolled, refused: [{contactId,
// code}]}`, each contact decided as a single enrolment would be): "2 enrolled in Welcome", or "1 done, 2 refused"
// with one line per reason naming the contacts. The shape is the contacts list's bulk report (bulk-report.ts), so the
// selection bar shows it the same way.
import type { BulkEnrollmentResultDto } from '@tandem/api';
import { countOf, nameList } from '../buckets/add-contacts.ts';
import type { BulkReport } from '../contacts/bulk-report.ts';

/** Why one contact was not enrolled, in words. */
export function enrollRefusalReason(code: string): string {
  switch (code) {
    case 'TANDEM_CONTACT_NOT_FOUND':
      return 'you can no longer see them';
    case 'TANDEM_ACCESS_FORBIDDEN':
      return 'enrolling needs Collaborate on the contact';
    case 'TANDEM_ENROLLMENT_EXISTS':
      return 'they are already in this program';
    case 'TANDEM_CONTACT_WRONG_STATE':
      return 'they are in the trash';
    case 'TANDEM_CONTACT_NO_ADDRESS':
      return 'they have no address for the program’s channel';
    default:
      return 'the server refused them';
  }
}

export function enrollReport(programName: string, result: BulkEnrollmentResultDto, nameOf: (id: string) => string | undefined): BulkReport {
  const refusedIds = result.refused.map((r) => r.contactId);
  if (refusedIds.length === 0) return { summary: `${countOf(result.enrolled.length)} enrolled in ${programName}`, reasons: [], refusedIds };
  const groups = new Map<string, string[]>();
  for (const r of result.refused) {
    const reason = enrollRefusalReason(r.code);
    groups.set(reason, [...(groups.get(reason) ?? []), r.contactId]);
  }
  const head = `${result.enrolled.length} enrolled in ${programName}, ${result.refused.length} refused`;
  const named = (ids: string[]) => {
    const names = ids.map(nameOf).filter((n): n is string => n !== undefined);
    return names.length ? ` (${nameList(names.map((name) => ({ name })), 3)})` : '';
  };
  return { summary: head, reasons: [...groups].map(([reason, ids]) => `${ids.length}: ${reason}${named(ids)}`), refusedIds };
}
