// PATCH /enrollments/:id {status}: pause, resume or stop one enrolment (spec §6.6). The enrolment answers 404 exactly
// as a missing one when the caller cannot see its program (`program.view`) or its contact (`contact.view`); changing
// it needs what enrolling needs, `contact.enroll` on the contact, or `program.edit` on the program (whoever may
// change the program may pause or stop its runs for contacts they see: docs/decisions.md D34). A stopped or completed
// enrolment does not change (409: enrol the contact again). Resuming recomputes nothing: a step whose time passed
// while paused becomes due now, a later one keeps its time. Audited: `program.enrollment.update`.
import { decide, type ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { loadContact } from '../../storage/contact-read.ts';
import { loadHandShared } from '../../storage/hand-shared-queries.ts';
import { loadEnrollment, updateEnrollment, type EnrollmentChange, type EnrollmentRow } from '../../storage/program-queries.ts';
import { refusalFor } from '../contacts/contact-guard.ts';
import { auditChange } from '../hand-shared/hand-shared-audit.ts';
import type { Deps } from '../shared/deps.ts';

export type EnrollmentPatch = { status: 'paused' | 'active' | 'stopped' };

const notFound = () => new AppError('TANDEM_ENROLLMENT_NOT_FOUND');
const snapshot = (row: EnrollmentRow) => ({
  status: row.status, nextStep: row.next_step, nextStepAt: row.next_step_at ? new Date(row.next_step_at).toISOString() : null,
  stoppedReason: row.stopped_reason,
});

function changeTo(row: EnrollmentRow, status: EnrollmentPatch['status'], now: number): EnrollmentChange {
  const at = row.next_step_at ? new Date(row.next_step_at).getTime() : null;
  switch (status) {
    case 'paused':
      return { status, nextStepAt: at };
    case 'active':
      return { status, nextStepAt: at === null ? null : Math.max(at, now) };
    case 'stopped':
      return { status, nextStepAt: null, stoppedReason: 'stopped_by_user', stoppedAt: now };
  }
}

export async function changeEnrollment(deps: Deps, ctx: ActorContext, id: string, patch: EnrollmentPatch): Promise<EnrollmentRow> {
  return deps.db.transaction().execute(async (trx) => {
    const orgId = ctx.actor.orgId;
    const row = await loadEnrollment(trx, orgId, id, { forUpdate: true });
    if (!row) throw notFound();
    const program = await loadHandShared(trx, 'program', orgId, row.program_id);
    if (!program || !decide(ctx, 'program.view', program.facts).allowed) throw notFound();
    const contact = await loadContact(trx, ctx, row.contact_id);
    if (!contact || !decide(ctx, 'contact.view', contact.facts).allowed) throw notFound();
    const mayEnroll = decide(ctx, 'contact.enroll', contact.facts).allowed;
    if (!mayEnroll && !decide(ctx, 'program.edit', program.facts).allowed) throw refusalFor(ctx, 'contact.enroll', contact.facts);
    if (row.status === 'stopped' || row.status === 'completed') {
      throw new AppError('TANDEM_ENROLLMENT_FINISHED', `This enrolment has ${row.status === 'stopped' ? 'stopped' : 'completed'}; enrol the contact again instead.`);
    }
    if (row.status === patch.status) return row;
    await updateEnrollment(trx, orgId, row.id, changeTo(row, patch.status, ctx.now), ctx.now);
    const after = await loadEnrollment(trx, orgId, row.id);
    if (!after) throw new Error('enrolment vanished');
    await auditChange(trx, ctx, 'program.enrollment.update', 'enrollment', row.id, snapshot(row), snapshot(after));
    return after;
  });
}
