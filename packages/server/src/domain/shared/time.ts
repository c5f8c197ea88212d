// Instants: the one ISO-8601 writer every snapshot and serializer uses, and the one strict reader every date in a
// request goes through (@tandem/api's `instantSchema` wraps it for the routes), so both databases are only ever
// handed instants they agree on, and read back alike. PostgreSQL refuses offsets beyond ±15:59 and has no year 0;
// PGlite and node-postgres disagree on how to send year 0 (one fails, the other stores 1 BC). (PGlite's driver read
// every year below 100 back wrong, with `new Date`; storage/connect.ts gives it node-postgres' timestamp parsers.)
// We accept less than any of them:
//   - RFC 3339 date-time with an upper-case `T`, seconds, an optional fraction and `Z` or a numeric offset;
//   - a real calendar date (no 02-30; 02-29 in leap years only), hours 00-23, no leap second;
//   - an offset within ±14:00 (the widest in use, Kiribati);
//   - years 0001-9999, both as written and once moved to UTC (docs/decisions.md D15).
// A fraction beyond milliseconds is cut off (JavaScript instants are milliseconds; the core judges windows in them).
import { INSTANT_RULE, parseInstant } from '@tandem/api';
import { AppError } from '../../errors.ts';

// The reader and writer themselves live in @tandem/api (src/instant.ts), beside the request schemas that use them.
export { canonicalInstant, INSTANT_PATTERN, INSTANT_RULE, parseInstant, toIso } from '@tandem/api';

export type Instant = Date | string;
export type Window = { startsAt?: Instant | null; expiresAt?: Instant | null };

function millisOf(field: string, value: Instant | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const ms = typeof value === 'string' ? parseInstant(value) : value.getTime();
  if (ms === null || Number.isNaN(ms)) throw new AppError('TANDEM_INPUT_INVALID', `${field}: ${INSTANT_RULE}`);
  return ms;
}

/** The window rule of shares and grants: it ends after it starts and has not already ended (400 otherwise). */
export function assertWindow(window: Window, now: number): void {
  const startsAt = millisOf('startsAt', window.startsAt);
  const expiresAt = millisOf('expiresAt', window.expiresAt);
  if (expiresAt !== null && startsAt !== null && expiresAt <= startsAt) throw new AppError('TANDEM_INPUT_INVALID', 'expiresAt: must be after startsAt');
  if (expiresAt !== null && expiresAt <= now) throw new AppError('TANDEM_INPUT_INVALID', 'expiresAt: must be in the future');
}
