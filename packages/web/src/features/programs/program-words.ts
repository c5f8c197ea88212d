// Programs in words: an enrolment's status and, for a stopped one, why (the runner's `stoppedReason`, spec §6.6);
// where an enrolment stands ("Step 2 of 3 · e-mail on 4 Dec 10:00"); a step's delay; a program's counts. Pure, so
// the wording is tested without a browser.
import type { EnrollmentDto, EnrollmentStatus, ProgramDto, StopReason } from '@tandem/api';
import { formatDateTime } from '../../lib/format.ts';

type Step = ProgramDto['steps'][number];
export type Channel = Step['channel'];

export const STATUS_LABEL: Record<EnrollmentStatus, string> = { active: 'Active', paused: 'Paused', stopped: 'Stopped', completed: 'Completed' };
export const CHANNEL_LABEL: Record<Channel, string> = { email: 'E-mail', sms: 'SMS' };

/**
 * Why an enrolment stopped, naming the enroller where it is about them. `channel` is the channel of the step that was
 * due (for a missing address). Says nothing the viewer could not see: the enroller's name is on the row already.
 */
export function stopReasonText(reason: StopReason | null, enroller: string, channel?: Channel): string {
  switch (reason) {
    case 'stopped_by_user':
      return 'Stopped by hand: no further steps are sent';
    case 'collaborate_lost':
      return `Stopped: ${enroller} no longer collaborates on this contact (a share ended or was revoked)`;
    case 'contact_trashed':
      return 'Stopped: the contact was moved to the trash';
    case 'enroller_deactivated':
      return `Stopped: ${enroller}’s account was deactivated`;
    case 'no_address':
      return channel === 'sms'
        ? 'Stopped: the contact has no phone number for the next step’s text message'
        : channel === 'email'
          ? 'Stopped: the contact has no e-mail address for the next step'
          : 'Stopped: the contact has no address for the next step’s channel';
    case 'template_missing':
      return 'Stopped: the next step’s template is no longer available';
    case null:
      return 'Stopped';
  }
}

/** "after enrolment", "the same day", "1 day later", "3 days later": the delay of step `index` in words. */
export function delayText(delayDays: number, index: number): string {
  const after = index === 0 ? 'after enrolment' : 'after the step before';
  if (delayDays === 0) return index === 0 ? 'right after enrolment' : 'the same day as the step before';
  return `${delayDays} ${delayDays === 1 ? 'day' : 'days'} ${after}`;
}

/** Where one enrolment stands, for the table's "Next step" column. */
export function nextStepText(enrollment: Pick<EnrollmentDto, 'status' | 'nextStep' | 'nextStepAt'>, steps: Pick<Step, 'channel'>[], now: Date = new Date()): string {
  const total = steps.length;
  const position = `Step ${Math.min(enrollment.nextStep + 1, Math.max(total, 1))} of ${total}`;
  switch (enrollment.status) {
    case 'completed':
      return `All ${total} ${total === 1 ? 'step' : 'steps'} sent`;
    case 'stopped':
      return enrollment.nextStep === 0 ? 'Nothing was sent' : `${enrollment.nextStep} of ${total} sent`;
    case 'paused':
      return `${position}, paused`;
    case 'active': {
      const step = steps[enrollment.nextStep];
      const channel = step ? CHANNEL_LABEL[step.channel] : 'Message';
      if (!enrollment.nextStepAt) return `${position} · ${channel}`;
      const due = Date.parse(enrollment.nextStepAt) <= now.getTime() ? 'going out now' : formatDateTime(enrollment.nextStepAt);
      return `${position} · ${channel} ${due === 'going out now' ? due : `on ${due}`}`;
    }
  }
}

/** "3 active · 1 paused · 2 stopped · 4 completed", leaving out the zeros; "No one enrolled" when all are. */
export function countsText(counts: ProgramDto['counts']): string {
  const parts = (['active', 'paused', 'stopped', 'completed'] as const).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  return parts.length ? parts.join(' · ') : 'No one enrolled';
}

/**
 * How soon to read the enrolments again while some are active: a little after the earliest step is due (the runner
 * sends it then), at least 2 s and at most 30 s apart; null when nothing is active (nothing changes by itself).
 */
export function enrollmentPollMs(enrollments: Pick<EnrollmentDto, 'status' | 'nextStepAt'>[], now: number = Date.now()): number | null {
  const due = enrollments.filter((e) => e.status === 'active').map((e) => (e.nextStepAt ? Date.parse(e.nextStepAt) : now));
  if (due.length === 0) return null;
  const wait = Math.min(...due) - now + 1_500;
  return Math.min(30_000, Math.max(2_000, wait));
}
