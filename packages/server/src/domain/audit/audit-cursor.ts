// The audit list's cursor: `[filters, seq]`, where `filters` is a short digest of the filters the page was read
// with. A cursor keeps its place only under its own filters (a page after seq 900 of `contact.` entries is not a
// page of `user.` entries), so one given out under other filters is refused with TANDEM_LIST_CURSOR_MISMATCH, as the
// contact list refuses a cursor of another order; anything else that is not such a cursor is bad input.
import { createHash } from 'node:crypto';
import type { AuditFilters } from '@tandem/api';
import { AppError } from '../../errors.ts';
import { encodeCursor } from '../shared/cursor.ts';

/** The filters in a fixed order, absent ones left out, hashed: the same filters always give the same digest. */
export function filterDigest(filters: AuditFilters): string {
  const keys = ['actorId', 'action', 'targetType', 'targetId', 'from', 'to'] as const;
  const present = keys.filter((k) => filters[k] !== undefined).map((k) => [k, filters[k]]);
  return createHash('sha256').update(JSON.stringify(present)).digest('base64url').slice(0, 12);
}

export function encodeAuditCursor(filters: AuditFilters, seq: string): string {
  return encodeCursor([filterDigest(filters), seq]);
}

function refuse(): never {
  throw new AppError('TANDEM_INPUT_INVALID', 'cursor: not a cursor this list gave out');
}

/** The seq to continue before: 400 when malformed, TANDEM_LIST_CURSOR_MISMATCH when given out under other filters. */
export function decodeAuditCursor(cursor: string, filters: AuditFilters): string {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    refuse();
  }
  if (!Array.isArray(value) || value.length !== 2 || !value.every((k) => typeof k === 'string')) refuse();
  const [digest, seq] = value as [string, string];
  if (!/^\d{1,18}$/.test(seq)) refuse();
  if (digest !== filterDigest(filters)) {
    throw new AppError('TANDEM_LIST_CURSOR_MISMATCH', 'This cursor was given out for the audit log under other filters; ask for the first page with the filters you want.');
  }
  return seq;
}
