import { describe, expect, it } from 'vitest';
import type { SyncRun } from '../../api/models.ts';
import { countsText, durationText, gateText, isActive, outcomeText, progressText } from './sync-text.ts';

const run = (patch: Partial<SyncRun>): SyncRun => ({
  id: 'r1', provider: 'mailchimp', status: 'succeeded', stopReason: null, error: null, total: 5, processed: 5,
  created: 3, updated: 1, unchanged: 0, skipped: 1, failed: 0, createdAt: '2026-11-30T08:00:00Z',
  startedAt: '2026-11-30T08:00:00Z', finishedAt: '2026-11-30T08:00:42Z', ...patch,
});

describe('the gate in words', () => {
  it('says nothing when the channel is open', () => {
    expect(gateText({ allowed: true, refusal: null, provider: 'mailchimp', channel: 'mailchimp_sync' })).toBeNull();
  });
  it('names the switch with the Export menu’s words', () => {
    expect(gateText({ allowed: false, refusal: 'TANDEM_EXPORT_DISABLED', provider: 'mailchimp', channel: 'mailchimp_sync' })?.title).toBe('Your admin has turned exports off');
  });
  it('names the missing channel and where an admin gives it', () => {
    const text = gateText({ allowed: false, refusal: 'TANDEM_EXPORT_CHANNEL_BLOCKED', provider: 'google_contacts', channel: 'google_contacts_sync' });
    expect(text?.title).toBe('Your account may not export to Google Contacts');
    expect(text?.detail).toContain('“Google Contacts sync” channel');
  });
});

describe('a run in words', () => {
  it('says why a run stopped', () => {
    expect(outcomeText(run({ status: 'stopped', stopReason: 'export_disabled', processed: 2 }))).toBe('Stopped after 2 contacts: Contact data export was turned off');
    expect(outcomeText(run({ status: 'stopped', stopReason: 'channel_blocked', processed: 1 }))).toBe('Stopped after 1 contact: This channel was removed from your export channels');
  });
  it('gives a failed run its error, and a finished one its count', () => {
    expect(outcomeText(run({ status: 'failed', error: 'Mailchimp answered 401' }))).toBe('Failed: Mailchimp answered 401');
    expect(outcomeText(run({}))).toBe('Synced 5 contacts');
  });
  it('counts progress against the total once it is known', () => {
    expect(progressText(run({ processed: 2, total: 40 }))).toBe('2 of 40 contacts');
    expect(progressText(run({ processed: 0, total: null }))).toBe('0 contacts so far');
    expect(outcomeText(run({ status: 'running', processed: 2, total: 40 }))).toBe('Syncing: 2 of 40 contacts');
  });
  it('lists every count', () => {
    expect(countsText(run({}))).toBe('3 created, 1 updated, 0 unchanged, 1 skipped, 0 failed');
  });
  it('measures the duration from start to end', () => {
    expect(durationText(run({}))).toBe('42 s');
    expect(durationText(run({ finishedAt: '2026-11-30T08:03:05Z' }))).toBe('3 min 5 s');
    expect(durationText(run({ finishedAt: '2026-11-30T08:00:00.200Z' }))).toBe('<1 s');
    expect(durationText(run({ status: 'running', finishedAt: null }))).toBe('');
  });
  it('polls only a queued or running run', () => {
    expect(isActive(run({ status: 'queued' }))).toBe(true);
    expect(isActive(run({ status: 'running' }))).toBe(true);
    expect(isActive(run({ status: 'stopped' }))).toBe(false);
    expect(isActive(null)).toBe(false);
  });
});
