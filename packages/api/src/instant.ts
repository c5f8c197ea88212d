// Instants on the wire: the one ISO-8601 writer every answer uses and the one strict reader every date in a request
// goes through (the server's domain/shared/time.ts re-exports these; docs/decisions.md D15 gives the rule). Pure: no
// I/O, so the web client can check a date with the same rule the server applies.
//   - RFC 3339 date-time with an upper-case `T`, seconds, an optional fraction and `Z` or a numeric offset;
//   - a real calendar date (no 02-30; 02-29 in leap years only), hours 00-23, no leap second;
//   - an offset within ±14:00 (the widest in use, Kiribati);
//   - years 0001-9999, both as written and once moved to UTC.
// A fraction beyond milliseconds is cut off (JavaScript instants are milliseconds; the core judges windows in them).

/** An instant as RFC 3339 UTC with milliseconds; null stays null. */
export function toIso(value: Date | string | number | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

const LEAP_DAY = '(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29';
const OTHER_DAYS = '\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))';
const TIME = '(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?';
const OFFSET = '(?:Z|[+-](?:(?:0\\d|1[0-3]):[0-5]\\d|14:00))';

/** The whole rule but the UTC range, as one regular expression (published as the `pattern` of every date field). */
export const INSTANT_PATTERN = new RegExp(`^(?!0000)(?:${LEAP_DAY}|${OTHER_DAYS})T${TIME}${OFFSET}$`);

/** What `INSTANT_PATTERN` says, in words: the message of every refused date. */
export const INSTANT_RULE = 'must be an RFC 3339 date-time (2026-01-31T09:00:00Z) in the years 0001-9999 with an offset within ±14:00';

const PARTS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:Z|([+-])(\d{2}):(\d{2}))$/;

function utc(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}

const FIRST = utc(1, 1, 1, 0, 0, 0, 0);
const LAST = utc(9999, 12, 31, 23, 59, 59, 999);

/** Milliseconds since the epoch of an instant that follows the rule above; null for anything else. */
export function parseInstant(text: string): number | null {
  if (!INSTANT_PATTERN.test(text)) return null;
  const parts = PARTS.exec(text);
  if (!parts) return null;
  const [, year, month, day, hour, minute, second, fraction, sign, offsetHours, offsetMinutes] = parts;
  const ms = Number((fraction ?? '').padEnd(3, '0').slice(0, 3));
  const local = utc(Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second), ms);
  const offset = sign ? (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000 : 0;
  const instant = local - offset;
  return instant >= FIRST && instant <= LAST ? instant : null;
}

/** The instant in the form every answer uses (UTC, milliseconds), or null when `text` does not follow the rule. */
export function canonicalInstant(text: string): string | null {
  const instant = parseInstant(text);
  return instant === null ? null : toIso(instant);
}
