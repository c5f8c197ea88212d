// Recurring events (RRULE, RFC 5545) through the `rrule` library, expanded in the series' time zone: a weekly
// meeting at 09:00 Europe/Paris stays at 09:00 Paris time across daylight saving changes. rrule itself works on
// "floating" dates (their UTC fields are the wall-clock time); the wall time of an instant in a zone, and back, is
// computed here with Intl (the zone database Node ships), so no second date library is needed.
//
// What a rule may say, so that a window of at most 92 days expands to at most one occurrence per day per series:
// FREQ DAILY, WEEKLY, MONTHLY or YEARLY; no BYHOUR, BYMINUTE or BYSECOND; no DTSTART (the series starts at the
// event's startsAt); a series with COUNT or UNTIL has at most 10,000 occurrences and at least one.
import rrulePkg, { type Options } from 'rrule';

const { RRule } = rrulePkg;
type Rule = InstanceType<typeof RRule>;

const DAY = 86_400_000;
export const MAX_OCCURRENCES = 10_000;
const ALLOWED_FREQS = new Set([RRule.DAILY, RRule.WEEKLY, RRule.MONTHLY, RRule.YEARLY]);

export type Series = { startsAt: number; endsAt: number; rule: string; timeZone: string };
export type Occurrence = { startsAt: number; endsAt: number };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's canonical name (`europe/paris` → `Europe/Paris`), or null when Node's zone database has no such zone. */
export function canonicalTimeZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const QUARTER_HOUR = 15 * 60_000;
const offsets = new Map<string, number>();

/** The zone's offset from UTC during the quarter hour starting at `bucket` (zones change offset on quarter hours). */
function offsetAt(bucket: number, timeZone: string): number {
  const key = `${timeZone}|${bucket}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const parts = formatter(timeZone).formatToParts(new Date(bucket));
    const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
    const date = new Date(0);
    date.setUTCFullYear(part('year'), part('month') - 1, part('day'));
    date.setUTCHours(part('hour'), part('minute'), part('second'), 0);
    offset = date.getTime() - bucket;
    if (offsets.size >= 100_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** The wall-clock time of `instant` in `timeZone`, as the epoch milliseconds whose UTC fields are that time. */
export function wallOf(instant: number, timeZone: string): number {
  if (timeZone === 'UTC') return instant;
  return instant + offsetAt(Math.floor(instant / QUARTER_HOUR) * QUARTER_HOUR, timeZone);
}

/**
 * The instant at which `timeZone`'s clocks show `wall`. A wall time skipped by a change to summer time comes out an
 * hour later (02:30 on the spring-forward night is 03:30); one that happens twice is the earlier.
 */
export function instantOf(wall: number, timeZone: string): number {
  if (timeZone === 'UTC') return wall;
  // The zone's offsets a day before and a day after (zones change offset at most once in two days): each gives a
  // candidate; the earlier one that shows `wall` wins, and in a gap the offset from before the change does.
  const before = wall - (wallOf(wall - DAY, timeZone) - (wall - DAY));
  const after = wall - (wallOf(wall + DAY, timeZone) - (wall + DAY));
  const shows = [before, after].filter((c) => wallOf(c, timeZone) === wall);
  return shows.length > 0 ? Math.min(...shows) : before;
}

/** The rule's options, or a reason it is refused. `RRULE:` in front is allowed and dropped. */
function readRule(text: string): Partial<Options> | string {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (body.length === 0 || /[\r\n]/.test(body) || /DTSTART|EXDATE|RDATE/i.test(body)) return 'must be one RRULE without DTSTART, EXDATE or RDATE';
  let options: Partial<Options>;
  try {
    options = RRule.parseString(body);
  } catch {
    return 'is not an RRULE (RFC 5545), e.g. FREQ=WEEKLY;BYDAY=MO';
  }
  if (options.freq === undefined || !ALLOWED_FREQS.has(options.freq)) return 'FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY';
  if (options.byhour || options.byminute || options.bysecond) return 'BYHOUR, BYMINUTE and BYSECOND are not supported';
  if (options.count !== undefined && options.count !== null && (options.count < 1 || options.count > MAX_OCCURRENCES)) return `COUNT must be 1-${MAX_OCCURRENCES}`;
  return options;
}

const parsed = new Map<string, Readonly<Partial<Options>> | string>();

/** `readRule`, remembered per rule text (a week view expands the same few rules hundreds of times). */
function parseRule(text: string): Readonly<Partial<Options>> | string {
  let options = parsed.get(text);
  if (options === undefined) {
    options = readRule(text);
    if (parsed.size >= 10_000) parsed.clear();
    parsed.set(text, typeof options === 'string' ? options : Object.freeze(options));
  }
  return options;
}

/** The series as rrule sees it: floating dates in the series' zone; UNTIL (an instant) moved to the same clock. */
function ruleOf(series: Series, options: Partial<Options>, near?: number): Rule {
  const until = options.until ? new Date(wallOf(options.until.getTime(), series.timeZone)) : null;
  const start = wallOf(series.startsAt, series.timeZone);
  // noCache: each rule object answers one question; rrule's result cache would only cost time (half of a week's walk).
  return new RRule({ ...options, dtstart: new Date(near === undefined ? start : anchor(options, start, near)), tzid: null, until }, true);
}

/**
 * rrule walks a series from its start, so a weekly meeting begun years ago costs a walk through every week since.
 * A DAILY or WEEKLY rule without COUNT repeats whole periods (INTERVAL days or weeks of wall-clock time): starting it
 * a whole number of periods later, at least one period before `near`, gives the same occurrences from `near` on.
 */
function anchor(options: Partial<Options>, start: number, near: number): number {
  if (options.count || (options.freq !== RRule.DAILY && options.freq !== RRule.WEEKLY)) return start;
  const period = (options.interval ?? 1) * (options.freq === RRule.WEEKLY ? 7 : 1) * DAY;
  const periods = Math.floor((near - start) / period) - 1;
  return periods > 0 ? start + periods * period : start;
}

export type CheckedSeries = { rule: string; end: number };

/**
 * Checks a series and answers its rule written canonically (`FREQ=WEEKLY;BYDAY=MO`) and the end of its last
 * occurrence (Infinity for a series without COUNT or UNTIL), or the reason it is refused.
 */
export function checkSeries(series: Series): CheckedSeries | string {
  const options = parseRule(series.rule);
  if (typeof options === 'string') return options;
  const rule = ruleOf(series, options);
  const canonical = new RRule({ ...options, dtstart: null }).toString().replace(/^RRULE:/, '');
  if (!options.count && !options.until) return { rule: canonical, end: Infinity };
  const walls = rule.all((_, i) => i <= MAX_OCCURRENCES);
  if (walls.length > MAX_OCCURRENCES) return `gives more than ${MAX_OCCURRENCES} occurrences; leave COUNT and UNTIL out for an endless series`;
  const last = walls[walls.length - 1];
  if (!last) return 'gives no occurrence after startsAt';
  return { rule: canonical, end: instantOf(last.getTime(), series.timeZone) + (series.endsAt - series.startsAt) };
}

/** Whether [startsAt, endsAt) shows in the window [from, to): it overlaps, or it is a moment inside it. */
export function overlaps(startsAt: number, endsAt: number, from: number, to: number): boolean {
  return startsAt < to && (endsAt > from || startsAt >= from);
}

/** The occurrences of a (checked) series that show in [from, to), in order. */
export function expandSeries(series: Series, from: number, to: number): Occurrence[] {
  const options = parseRule(series.rule);
  if (typeof options === 'string') return [];
  const duration = series.endsAt - series.startsAt;
  // Zone offsets are within ±14 h: a day of margin on each side of the floating window, then the exact test.
  const after = wallOf(from - duration, series.timeZone) - DAY;
  const rule = ruleOf(series, options, after);
  const walls = rule.between(new Date(after), new Date(wallOf(to, series.timeZone) + DAY), true);
  const out: Occurrence[] = [];
  for (const wall of walls) {
    const startsAt = instantOf(wall.getTime(), series.timeZone);
    if (overlaps(startsAt, startsAt + duration, from, to)) out.push({ startsAt, endsAt: startsAt + duration });
  }
  return out;
}
