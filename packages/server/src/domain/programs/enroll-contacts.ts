// Enrolling contacts in a program (spec §6.6): `program.view` on the program and `contact.enroll` (collaborate) on
// each contact. One contact: 404 when it is absent or the caller cannot see it, 403 when they see it without
// collaborate, 409 when it is already active or paused in the program. Many (a list selection, up to 200): the facts
// are loaded once and each contact is decided by the same rules; the allowed ones are enrolled in one transaction and
// the others come back with the code one enrolment would have answered (an invisible id exactly as a missing one).
// The first step falls `steps[0].delayDays` program days after now. Audited: `program.enrollment.create`.
import { decideMany, type ActorContext } from '@tandem/core';
import type { ErrorCode } from '../../errors.ts';
import { AppError } from '../../errors.ts';
import type { Db } from '../../storage/connect.ts';
import { loadContacts } from '../../storage/contact-read.ts';
import { insertEnrollments, loadEnrollments, loadProgramSteps, type EnrollmentRow } from '../../storage/program-queries.ts';
import { contactNotFound, refusalFor } from '../contacts/contact-guard.ts';
import { auditChange } from '../hand-shared/hand-shared-audit.ts';
import { loadHandSharedOrThrow } from '../hand-shared/hand-shared-guard.ts';
import { stepDueAt, type ProgramDeps } from './program-deps.ts';

export type Refusal = { contactId: string; code: ErrorCode };
export type EnrollResult = { enrolled: EnrollmentRow[]; refused: Refusal[] };

/** Decides and enrols; `refused` keeps the input's order and spelling of each id. */
async function enrollIn(trx: Db, deps: ProgramDeps, ctx: ActorContext, programId: string, contactIds: readonly string[]): Promise<EnrollResult & { errors: Map<string, AppError> }> {
  const program = await loadHandSharedOrThrow(trx, ctx, 'program', programId, 'view');
  const orgId = ctx.actor.orgId;
  const wanted = [...new Set(contactIds)];
  const contacts = await loadContacts(trx, ctx, wanted);
  const decisions = decideMany(ctx, 'contact.enroll', [...contacts.values()].map((c) => c.facts));
  const errors = new Map<string, AppError>();
  const allowed: string[] = [];
  for (const id of wanted) {
    const contact = contacts.get(id.toLowerCase());
    const decision = contact ? decisions.get(contact.row.id) : undefined;
    if (!contact || !decision?.visible) errors.set(id, contactNotFound());
    else if (!decision.allowed) errors.set(id, refusalFor(ctx, 'contact.enroll', contact.facts));
    else if (!allowed.includes(contact.row.id)) allowed.push(contact.row.id);
  }
  const steps = (await loadProgramSteps(trx, orgId, [program.row.id])).get(program.row.id) ?? [];
  const firstAt = stepDueAt(deps, ctx.now, steps[0]?.delay_days ?? 0);
  const made = await insertEnrollments(trx, orgId, program.row.id, allowed, ctx.actor.userId, firstAt, ctx.now);
  for (const id of wanted) {
    const contactId = id.toLowerCase();
    if (!errors.has(id) && !made.has(contactId)) {
      errors.set(id, new AppError('TANDEM_ENROLLMENT_EXISTS', 'This contact is already active or paused in this program.'));
    }
  }
  const enrolled = await loadEnrollments(trx, orgId, allowed.flatMap((c) => made.get(c) ?? []));
  for (const row of enrolled) {
    await auditChange(trx, ctx, 'program.enrollment.create', 'enrollment', row.id, null, {
      programId: row.program_id, contactId: row.contact_id, enrolledBy: row.enrolled_by, nextStepAt: new Date(firstAt).toISOString(),
    });
  }
  const refused = wanted.flatMap((id) => {
    const error = errors.get(id);
    return error ? [{ contactId: id, code: error.code }] : [];
  });
  return { enrolled, refused, errors };
}

export async function enrollContact(deps: ProgramDeps, ctx: ActorContext, programId: string, contactId: string): Promise<EnrollmentRow> {
  return deps.db.transaction().execute(async (trx) => {
    const result = await enrollIn(trx, deps, ctx, programId, [contactId]);
    const error = result.errors.get(contactId);
    if (error) throw error;
    const [row] = result.enrolled;
    if (!row) throw new Error('enrolment vanished');
    return row;
  });
}

export async function enrollContacts(deps: ProgramDeps, ctx: ActorContext, programId: string, contactIds: readonly string[]): Promise<EnrollResult> {
  return deps.db.transaction().execute(async (trx) => {
    const { enrolled, refused } = await enrollIn(trx, deps, ctx, programId, contactIds);
    return { enrolled, refused };
  });
}
