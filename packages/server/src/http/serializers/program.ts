// Programs and enrolments as the API answers them (@tandem/api program.ts). A step names its template only when the
// caller may see it; counts are of enrolments whose contact the caller sees (domain/programs/program-view.ts).
import type { BulkEnrollmentResultDto, EnrollmentDto, ProgramDto, StopReason } from '@tandem/api';
import type { EnrollResult } from '../../domain/programs/enroll-contacts.ts';
import type { ProgramView } from '../../domain/programs/program-view.ts';
import type { EnrollmentRow } from '../../storage/program-queries.ts';
import { handSharedCommon } from './hand-shared.ts';

const iso = (d: Date | null): string | null => (d === null ? null : new Date(d).toISOString());

export function toProgramDto(view: ProgramView): ProgramDto {
  return {
    ...handSharedCommon(view),
    steps: view.steps.map((s) => ({
      templateId: s.template_id, delayDays: s.delay_days, channel: s.channel, templateName: s.templateVisible ? s.template_name : null,
    })),
    counts: view.counts,
  };
}

export function toEnrollmentDto(row: EnrollmentRow): EnrollmentDto {
  return {
    id: row.id, programId: row.program_id, contactId: row.contact_id, contactName: row.contact_name, status: row.status,
    nextStep: row.next_step, nextStepAt: iso(row.next_step_at),
    stoppedReason: row.stopped_reason as StopReason | null, stoppedAt: iso(row.stopped_at),
    enrolledBy: row.enrolled_by, enrolledByName: row.enrolled_by_name, createdAt: new Date(row.created_at).toISOString(),
  };
}

export function toBulkEnrollmentDto(result: EnrollResult): BulkEnrollmentResultDto {
  return { enrolled: result.enrolled.map(toEnrollmentDto), refused: result.refused };
}
