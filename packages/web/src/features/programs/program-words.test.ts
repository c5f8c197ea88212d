import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../lib/format.ts';
import { countsText, delayText, enrollmentPollMs, nextStepText, stopReasonText } from './program-words.ts';

const steps = [{ channel: 'email' as const }, { channel: 'sms' as const }];
const now = new Date('2026-11-30T10:00:00.000Z');

describe('why an enrolment stopped, in words', () => {
  it('names the enroller when they lost Collaborate or were deactivated', () => {
    expect(stopReasonText('collaborate_lost', 'Cat Moreau')).toBe('Stopped: Cat Moreau no longer collaborates on this contact (a share ended or was revoked)');
    expect(stopReasonText('enroller_deactivated', 'Cat Moreau')).toBe('Stopped: Cat Moreau’s account was deactivated');
  });

  it('says the trash, a stop by hand and a missing template without naming anyone', () => {
    expect(stopReasonText('contact_trashed', 'Cat')).toBe('Stopped: the contact was moved to the trash');
    expect(stopReasonText('stopped_by_user', 'Cat')).toBe('Stopped by hand: no further steps are sent');
    expect(stopReasonText('template_missing', 'Cat')).toBe('Stopped: the next step’s template is no longer available');
  });

  it('names the missing address by the channel of the step that was due', () => {
    expect(stopReasonText('no_address', 'Cat', 'sms')).toMatch(/no phone number/);
    expect(stopReasonText('no_address', 'Cat', 'email')).toMatch(/no e-mail address/);
    expect(stopReasonText('no_address', 'Cat')).toMatch(/no address/);
  });

  it('says Stopped when the server gives no reason', () => {
    expect(stopReasonText(null, 'Cat')).toBe('Stopped');
  });
});

describe('where an enrolment stands', () => {
  it('gives the step, its channel and when it goes out', () => {
    const at = '2026-12-01T10:00:00.000Z';
    expect(nextStepText({ status: 'active', nextStep: 1, nextStepAt: at }, steps, now)).toBe(`Step 2 of 2 · SMS on ${formatDateTime(at)}`);
  });

  it('says a due step is going out now (the runner picks it up)', () => {
    expect(nextStepText({ status: 'active', nextStep: 0, nextStepAt: '2026-11-30T09:59:00.000Z' }, steps, now)).toBe('Step 1 of 2 · E-mail going out now');
  });

  it('counts what was sent for paused, stopped and completed ones', () => {
    expect(nextStepText({ status: 'paused', nextStep: 1, nextStepAt: null }, steps, now)).toBe('Step 2 of 2, paused');
    expect(nextStepText({ status: 'stopped', nextStep: 1, nextStepAt: null }, steps, now)).toBe('1 of 2 sent');
    expect(nextStepText({ status: 'stopped', nextStep: 0, nextStepAt: null }, steps, now)).toBe('Nothing was sent');
    expect(nextStepText({ status: 'completed', nextStep: 2, nextStepAt: null }, steps, now)).toBe('All 2 steps sent');
    expect(nextStepText({ status: 'completed', nextStep: 1, nextStepAt: null }, [{ channel: 'email' }], now)).toBe('All 1 step sent');
  });
});

describe('a step’s delay and a program’s counts', () => {
  it('words the delay from enrolment for the first step and from the step before for the others', () => {
    expect(delayText(0, 0)).toBe('right after enrolment');
    expect(delayText(2, 0)).toBe('2 days after enrolment');
    expect(delayText(0, 1)).toBe('the same day as the step before');
    expect(delayText(1, 1)).toBe('1 day after the step before');
  });

  it('leaves out the zero counts', () => {
    expect(countsText({ active: 3, paused: 0, stopped: 1, completed: 0 })).toBe('3 active · 1 stopped');
    expect(countsText({ active: 0, paused: 0, stopped: 0, completed: 0 })).toBe('No one enrolled');
  });
});

describe('how soon the enrolments are read again', () => {
  const t = now.getTime();
  it('does not poll when nothing is active', () => {
    expect(enrollmentPollMs([{ status: 'stopped', nextStepAt: null }, { status: 'paused', nextStepAt: null }], t)).toBeNull();
  });

  it('polls a little after the earliest due step, between 2 and 30 seconds', () => {
    const inSeconds = (s: number) => new Date(t + s * 1000).toISOString();
    expect(enrollmentPollMs([{ status: 'active', nextStepAt: inSeconds(5) }, { status: 'active', nextStepAt: inSeconds(60) }], t)).toBe(6_500);
    expect(enrollmentPollMs([{ status: 'active', nextStepAt: inSeconds(-10) }], t)).toBe(2_000);
    expect(enrollmentPollMs([{ status: 'active', nextStepAt: inSeconds(86_400) }], t)).toBe(30_000);
  });
});
