// Recurring events: rules refused and accepted, expansion inside a window, and the series' time zone kept across
// daylight saving changes (docs/decisions.md D26).
import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, checkSeries, expandSeries, instantOf, overlaps, wallOf } from '../../src/domain/calendars/recurrence.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3_600_000;

describe('time zones', () => {
  it('wall time and back, across the spring-forward night in Paris', () => {
    expect(iso(wallOf(at('2026-03-16T08:00:00Z'), 'Europe/Paris'))).toBe('2026-03-16T09:00:00.000Z');
    expect(iso(instantOf(at('2026-03-30T09:00:00Z'), 'Europe/Paris'))).toBe('2026-03-30T07:00:00.000Z');
    // 02:30 does not exist on 29 March 2026 in Paris: an hour later.
    expect(iso(instantOf(at('2026-03-29T02:30:00Z'), 'Europe/Paris'))).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 25 October 2026: the earlier.
    expect(iso(instantOf(at('2026-10-25T02:30:00Z'), 'Europe/Paris'))).toBe('2026-10-25T00:30:00.000Z');
    expect(canonicalTimeZone('europe/paris')).toBe('Europe/Paris');
    expect(canonicalTimeZone('Mars/Olympus')).toBeNull();
  });
});

describe('rules', () => {
  const base = { startsAt: at('2026-03-16T08:00:00Z'), endsAt: at('2026-03-16T09:00:00Z'), timeZone: 'Europe/Paris' };
  it.each([
    ['FREQ=HOURLY', 'FREQ must be'],
    ['FREQ=DAILY;BYHOUR=9,14', 'BYHOUR'],
    ['DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY', 'one RRULE'],
    ['FREQ=WEEKLY;COUNT=0', 'COUNT'],
    ['FREQ=DAILY;UNTIL=20200101T000000Z', 'no occurrence'],
    ['FREQ=DAILY;COUNT=10001', 'COUNT'],
    ['FREQ=DAILY;UNTIL=21260101T000000Z', 'more than 10000'],
    ['hello', 'not an RRULE'],
  ])('%s is refused', (rule, reason) => {
    const checked = checkSeries({ ...base, rule });
    expect(typeof checked === 'string' ? checked : 'accepted').toContain(reason);
  });

  it('a rule is kept canonically, with the end of its last occurrence', () => {
    expect(checkSeries({ ...base, rule: 'RRULE:freq=weekly;count=3' })).toEqual({ rule: 'FREQ=WEEKLY;COUNT=3', end: at('2026-03-30T08:00:00Z') });
    expect(checkSeries({ ...base, rule: 'FREQ=WEEKLY;BYDAY=MO,WE' })).toEqual({ rule: 'FREQ=WEEKLY;BYDAY=MO,WE', end: Infinity });
  });
});

describe('expansion', () => {
  it('a weekly 09:00 Paris meeting stays at 09:00 Paris after the clocks change', () => {
    const series = { startsAt: at('2026-03-16T08:00:00Z'), endsAt: at('2026-03-16T09:00:00Z'), rule: 'FREQ=WEEKLY', timeZone: 'Europe/Paris' };
    expect(expandSeries(series, at('2026-03-16T00:00:00Z'), at('2026-04-07T00:00:00Z')).map((o) => iso(o.startsAt))).toEqual([
      '2026-03-16T08:00:00.000Z', '2026-03-23T08:00:00.000Z', '2026-03-30T07:00:00.000Z', '2026-04-06T07:00:00.000Z',
    ]);
  });

  it('only occurrences that show in the window, an occurrence running over the window start included', () => {
    const series = { startsAt: at('2026-01-05T22:00:00Z'), endsAt: at('2026-01-06T02:00:00Z'), rule: 'FREQ=DAILY;COUNT=5', timeZone: 'UTC' };
    const got = expandSeries(series, at('2026-01-07T00:00:00Z'), at('2026-01-08T23:00:00Z'));
    expect(got.map((o) => `${iso(o.startsAt)}/${(o.endsAt - o.startsAt) / HOUR}h`)).toEqual([
      '2026-01-06T22:00:00.000Z/4h', '2026-01-07T22:00:00.000Z/4h', '2026-01-08T22:00:00.000Z/4h',
    ]);
    expect(expandSeries(series, at('2026-01-20T00:00:00Z'), at('2026-01-27T00:00:00Z'))).toEqual([]);
  });

  it('UNTIL is an instant', () => {
    const series = { startsAt: at('2026-03-16T08:00:00Z'), endsAt: at('2026-03-16T08:30:00Z'), rule: 'FREQ=DAILY;UNTIL=20260318T080000Z', timeZone: 'Europe/Paris' };
    expect(expandSeries(series, at('2026-03-01T00:00:00Z'), at('2026-04-01T00:00:00Z'))).toHaveLength(3);
  });

  it('overlap: a moment shows from the window start on, not at its end', () => {
    expect(overlaps(10, 10, 10, 20)).toBe(true);
    expect(overlaps(20, 20, 10, 20)).toBe(false);
    expect(overlaps(5, 10, 10, 20)).toBe(false);
    expect(overlaps(5, 11, 10, 20)).toBe(true);
  });
});

describe('property: starting a long series later (anchor) changes none of its occurrences', () => {
  it('DAILY and WEEKLY rules with intervals, days and UNTIL, in three zones, in windows years after the start', async () => {
    const fc = (await import('fast-check')).default;
    const rrulePkg = (await import('rrule')).default;
    const { RRule } = rrulePkg;
    const DAY = 86_400_000;
    const ruleArb = fc.record({
      freq: fc.constantFrom('DAILY', 'WEEKLY'), interval: fc.integer({ min: 1, max: 3 }),
      byday: fc.option(fc.subarray(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], { minLength: 1 }), { nil: undefined }),
      until: fc.option(fc.integer({ min: 30, max: 900 }), { nil: undefined }),
    });
    fc.assert(fc.property(
      ruleArb, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 20 }),
      fc.constantFrom('UTC', 'Europe/Paris', 'America/New_York', 'Australia/Lord_Howe'), fc.integer({ min: 0, max: 95 }),
      (r, startDay, windowDay, windowDays, timeZone, quarter) => {
        const startsAt = Date.UTC(2024, 0, 1) + startDay * DAY + quarter * 15 * 60_000;
        const until = r.until === undefined ? '' : `;UNTIL=${new Date(startsAt + r.until * DAY).toISOString().replace(/[-:]|\.\d{3}/g, '')}`;
        const rule = `FREQ=${r.freq};INTERVAL=${r.interval}${r.byday ? `;BYDAY=${r.byday.join(',')}` : ''}${until}`;
        const series = { startsAt, endsAt: startsAt + 90 * 60_000, rule, timeZone };
        const from = startsAt + windowDay * DAY;
        const to = from + windowDays * DAY;
        // The walk from the series' own start, as rrule does it unaided.
        const options = RRule.parseString(rule);
        const walked = new RRule({ ...options, dtstart: new Date(wallOf(startsAt, timeZone)), tzid: null,
          until: options.until ? new Date(wallOf(options.until.getTime(), timeZone)) : null });
        const expected = walked.between(new Date(wallOf(from, timeZone) - 2 * DAY), new Date(wallOf(to, timeZone) + DAY), true)
          .map((w) => instantOf(w.getTime(), timeZone)).filter((s) => overlaps(s, s + 90 * 60_000, from, to));
        expect(expandSeries(series, from, to).map((o) => o.startsAt)).toEqual(expected);
      },
    ), { numRuns: 300 });
  });
});
