import { describe, expect, it } from 'vitest';
import { toLocalInput } from '../../lib/format.ts';
import { presetEnd, resolveWindow, windowText, type WindowDraft } from './share-window.ts';

const NOW = Date.parse('2026-03-02T09:00:00Z');
const local = (iso: string) => toLocalInput(new Date(iso));
const draft = (patch: Partial<WindowDraft>): WindowDraft => ({ startMode: 'now', starts: '', endMode: 'permanent', until: '', ...patch });

describe('share windows', () => {
  it('sends no bounds for "now" and "never"', () => {
    expect(resolveWindow(draft({ starts: 'x', until: 'y' }), NOW)).toEqual({ startsAt: null, expiresAt: null, error: null });
  });

  it('sends a start and an end when both are chosen', () => {
    const w = resolveWindow(draft({ startMode: 'on', starts: local('2026-03-09T08:00:00Z'), endMode: 'until', until: local('2026-03-16T08:00:00Z') }), NOW);
    expect(w).toEqual({ startsAt: '2026-03-09T08:00:00.000Z', expiresAt: '2026-03-16T08:00:00.000Z', error: null });
  });

  it('refuses an end in the past, an end before the start, and a missing start', () => {
    expect(resolveWindow(draft({ endMode: 'until', until: local('2026-03-01T08:00:00Z') }), NOW).error).toMatch(/future/);
    expect(resolveWindow(draft({ startMode: 'on', starts: local('2026-03-09T08:00:00Z'), endMode: 'until', until: local('2026-03-08T08:00:00Z') }), NOW).error).toMatch(/after it starts/);
    expect(resolveWindow(draft({ startMode: 'on', starts: '' }), NOW).error).toMatch(/starts/);
  });

  it('counts presets from the start when access starts later', () => {
    expect(presetEnd(draft({ startMode: 'on', starts: local('2026-03-09T08:00:00Z') }), 7, NOW)).toBe(local('2026-03-16T08:00:00Z'));
    expect(presetEnd(draft({}), 1, NOW)).toBe(local('2026-03-03T09:00:00Z'));
  });

  it('describes a window in words', () => {
    expect(windowText({ startsAt: null, expiresAt: null }, NOW)).toBe('Permanent');
    expect(windowText({ startsAt: null, expiresAt: '2026-03-05T09:00:00Z' }, NOW)).toMatch(/^Until /);
    expect(windowText({ startsAt: '2026-03-03T09:00:00Z', expiresAt: null }, NOW)).toMatch(/^Starts /);
    expect(windowText({ startsAt: '2026-03-03T09:00:00Z', expiresAt: '2026-03-05T09:00:00Z' }, NOW)).toMatch(/^Starts .* · until /);
    expect(windowText({ startsAt: '2026-02-03T09:00:00Z', expiresAt: '2026-03-01T09:00:00Z' }, NOW)).toMatch(/^Ended /);
  });
});
