// The program runner (docs/decisions.md D34), run by the periodic job jobs/program-steps-job.ts. It takes the active
// enrolments whose next step is due (a batch at a time, earliest first) and handles each in ONE transaction, with the
// row locked (`FOR UPDATE SKIP LOCKED`: a second runner skips it, or finds it moved on once the first commits):
//   1. the enroller is judged again as a request would judge them: their facts loaded fresh at `now`
//      (storage/load-actor-context.ts) and the core's `contact.enroll` (collaborate) on the contact as it is now.
//      Deactivated: stop `enroller_deactivated`; the contact trashed: `contact_trashed`; collaborate gone (share or
//      grant expired or revoked, ...): `collaborate_lost`; the step's template gone: `template_missing`; no e-mail
//      address (phone number) for the step's channel: `no_address`. A stop is audited (`program.enrollment.stop`,
//      actor null: the runner) with the reason.
//   2. otherwise the step's template is rendered for the contact, its CURRENT owner and the enroller as sender, and
//      the message is stored exactly as a person's send stores it (`queued`, sent by the enroller, on the owner's
//      behalf, from the owner's address; send-message.ts) with its template, enrolment and step, and its delivery job
//      enqueued, in the same transaction. The unique (enrolment, step) index makes a step go out once even if two
//      runners got this far; the queue judges the sender once more before it delivers (D27).
//   3. the enrolment moves to the next step, due its `delayDays` program days after now, or is `completed`.
import { decide, type ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import type { Db } from '../../storage/connect.ts';
import type { ContactWithFacts } from '../../storage/contact-facts.ts';
import { loadContact } from '../../storage/contact-read.ts';
import { loadActorContext } from '../../storage/load-actor-context.ts';
import { loadSenderFacts } from '../../storage/message-queries.ts';
import {
  findDueEnrollments, insertProgramMessage, loadStepsToSend, loadUserName, lockDueEnrollment, updateEnrollment,
  type DueEnrollment, type StepToSend,
} from '../../storage/program-queries.ts';
import { enqueueJob } from '../../storage/queue-queries.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { emailFromAddress } from '../history/message-addresses.ts';
import { DELIVER_MESSAGE_QUEUE, DELIVERY_ATTEMPTS } from '../history/send-message.ts';
import { renderTemplate } from '../templates/render-template.ts';
import { stepDueAt, type ProgramDeps } from './program-deps.ts';

/** Enrolments handled per batch; a run takes batches until one comes back short (at most MAX_BATCHES). */
export const RUNNER_BATCH = 100;
const MAX_BATCHES = 20;

export type RunnerStopReason = 'enroller_deactivated' | 'contact_trashed' | 'collaborate_lost' | 'no_address' | 'template_missing';
type Outcome = 'sent' | 'completed' | 'skipped' | RunnerStopReason;
export type RunResult = { sent: number; stopped: number; completed: number; skipped: number };

export async function runDueSteps(deps: ProgramDeps, now: number): Promise<RunResult> {
  const result: RunResult = { sent: 0, stopped: 0, completed: 0, skipped: 0 };
  const failures: unknown[] = [];
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const due = await findDueEnrollments(deps.db, now, RUNNER_BATCH);
    let skipped = 0;
    for (const { org_id, id } of due) {
      let outcome: Outcome;
      try {
        outcome = await deps.db.transaction().execute((trx) => runOne(trx, deps, org_id, id, now));
      } catch (error) {
        // One enrolment that fails (rolled back, due again next tick) must not hold up the others behind it.
        failures.push(error);
        skipped += 1;
        continue;
      }
      if (outcome === 'sent') result.sent += 1;
      else if (outcome === 'completed') result.completed += 1;
      else if (outcome === 'skipped') skipped += 1;
      else result.stopped += 1;
    }
    result.skipped += skipped;
    // A short batch: nothing more is due. A batch all held by another runner: that runner is on them.
    if (due.length < RUNNER_BATCH || skipped === due.length) break;
  }
  // The scheduler logs a run that throws: the others were handled, the failed ones are tried again at the next tick.
  if (failures.length > 0) throw new AggregateError(failures, `program runner: ${failures.length} enrolment(s) failed (${JSON.stringify(result)})`);
  return result;
}

async function runOne(trx: Db, deps: ProgramDeps, orgId: string, id: string, now: number): Promise<Outcome> {
  const enrollment = await lockDueEnrollment(trx, orgId, id, now);
  if (!enrollment) return 'skipped';
  const steps = await loadStepsToSend(trx, orgId, enrollment.program_id);
  const step = steps.find((s) => s.position === enrollment.next_step);
  if (!step) return complete(trx, enrollment, enrollment.next_step, now); // the program lost its later steps
  const ctx = await loadActorContext(trx, orgId, enrollment.enrolled_by, now);
  if (!ctx || ctx.actor.status !== 'active') return stop(trx, enrollment, 'enroller_deactivated', now);
  const contact = await loadContact(trx, ctx, enrollment.contact_id);
  const refusal = refusalOf(ctx, contact);
  if (refusal || !contact) return stop(trx, enrollment, refusal ?? 'collaborate_lost', now);
  if (!step.template_exists || step.body === null) return stop(trx, enrollment, 'template_missing', now);
  const toAddress = addressOf(contact, step.channel);
  if (!toAddress) return stop(trx, enrollment, 'no_address', now);
  const sent = await queueStep(trx, ctx, enrollment, contact, step, toAddress, now);
  if (sent === 'template_missing') return stop(trx, enrollment, 'template_missing', now);
  const next = steps.find((s) => s.position === enrollment.next_step + 1);
  if (!next) {
    await complete(trx, enrollment, step.position + 1, now);
    return 'sent';
  }
  await updateEnrollment(trx, orgId, enrollment.id, {
    status: 'active', nextStep: next.position, nextStepAt: stepDueAt(deps, now, next.delay_days),
  }, now);
  return 'sent';
}

/** Why the enroller may no longer send this program to the contact; null when they still may (`contact.enroll`). */
function refusalOf(ctx: ActorContext, contact: ContactWithFacts | undefined): RunnerStopReason | null {
  if (!contact) return 'collaborate_lost';
  if (decide(ctx, 'contact.enroll', contact.facts).allowed) return null;
  // Trashed is named only when the enroller would still collaborate on it alive: else what ended is their access.
  const aliveAllowed = decide(ctx, 'contact.enroll', { ...contact.facts, state: 'active' }).allowed;
  return contact.facts.state === 'trashed' && aliveAllowed ? 'contact_trashed' : 'collaborate_lost';
}

function addressOf(contact: ContactWithFacts, channel: 'email' | 'sms'): string | null {
  const list = channel === 'email' ? contact.row.emails : contact.row.phones;
  return list.find((a) => a.trim() !== '')?.trim() ?? null;
}

async function queueStep(
  trx: Db, ctx: ActorContext, enrollment: DueEnrollment, contact: ContactWithFacts, step: StepToSend, toAddress: string, now: number,
): Promise<'queued' | 'already' | 'template_missing'> {
  const orgId = ctx.actor.orgId;
  const ownerId = contact.row.owner_id;
  const [owner, senderName] = [await loadSenderFacts(trx, orgId, ownerId), await loadUserName(trx, orgId, ctx.actor.userId)];
  let rendered;
  try {
    rendered = renderTemplate({ subject: step.subject, body: step.body ?? '' }, {
      contact: { name: contact.row.name, company: contact.row.company }, owner: { name: owner?.ownerName ?? contact.ownerName }, sender: { name: senderName ?? '' },
    });
  } catch (error) {
    // A template the editor accepted always renders; one that does not (saved before a rule changed) cannot be sent.
    if (error instanceof AppError) return 'template_missing';
    throw error;
  }
  const fromAddress = !owner ? null : step.channel === 'email' ? emailFromAddress(owner.ownerEmail, owner.sendingDomain) : owner.ownerSmsLine;
  const messageId = await insertProgramMessage(trx, {
    orgId, contactId: contact.row.id, channel: step.channel, subject: step.channel === 'email' ? rendered.subject : null, body: rendered.text,
    fromAddress, toAddress, sentBy: ctx.actor.userId, onBehalfOf: ownerId, templateId: step.template_id, enrollmentId: enrollment.id,
    programStep: step.position,
  }, now);
  if (!messageId) return 'already';
  await enqueueJob(trx, { queue: DELIVER_MESSAGE_QUEUE, orgId, payload: { messageId }, maxAttempts: DELIVERY_ATTEMPTS, availableAt: now }, now);
  await appendAudit(trx, {
    orgId, actorId: null, action: 'contact.message', targetType: 'contact', targetId: contact.row.id, before: null,
    after: {
      messageId, channel: step.channel, sentBy: ctx.actor.userId, onBehalfOf: ownerId,
      programId: enrollment.program_id, enrollmentId: enrollment.id, programStep: step.position, templateId: step.template_id,
    },
    at: now,
  });
  return 'queued';
}

async function complete(trx: Db, enrollment: DueEnrollment, nextStep: number, now: number): Promise<'completed'> {
  await updateEnrollment(trx, enrollment.org_id, enrollment.id, { status: 'completed', nextStep, nextStepAt: null }, now);
  return 'completed';
}

async function stop(trx: Db, enrollment: DueEnrollment, reason: RunnerStopReason, now: number): Promise<RunnerStopReason> {
  await updateEnrollment(trx, enrollment.org_id, enrollment.id, { status: 'stopped', nextStepAt: null, stoppedReason: reason, stoppedAt: now }, now);
  await appendAudit(trx, {
    orgId: enrollment.org_id, actorId: null, action: 'program.enrollment.stop', targetType: 'enrollment', targetId: enrollment.id,
    before: { status: 'active', nextStep: enrollment.next_step },
    after: { status: 'stopped', reason, programId: enrollment.program_id, contactId: enrollment.contact_id, enrolledBy: enrollment.enrolled_by },
    at: now,
  });
  return reason;
}
