// Opaque keyset cursors for every keyset-paged list: base64url JSON of the last row's sort key. A cursor that does
// not decode to the expected shape is bad input (400), never a silent first page.
import { AppError } from '../../errors.ts';
import { isUuid } from '../../storage/ids.ts';

export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * A key PostgreSQL can take as text: no NUL and no lone surrogate. The request's own text is checked before any route
 * (http/plugins/text-guard.ts), but a cursor's key is base64url inside it, so it is checked here once decoded
 * (a NUL there was a 500 on every keyset list; the probe's fuzzer found it).
 */
const NOT_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const isKeyText = (value: unknown): value is string => typeof value === 'string' && !NOT_TEXT.test(value);

function refuse(): never {
  throw new AppError('TANDEM_INPUT_INVALID', 'cursor: not a cursor this list gave out');
}

/** The cursor's key when it is a list of `arity` strings, else null. */
function keyParts(cursor: string, arity: number): string[] | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === arity && value.every(isKeyText)) return value as string[];
  } catch {
    // not JSON: refused below
  }
  return null;
}

/** Decodes a `[sortKey, id]` cursor. */
export function decodeCursor(cursor: string): { key: string; id: string } {
  const [key, id] = keyParts(cursor, 2) ?? refuse();
  if (key === undefined || id === undefined || !isUuid(id)) refuse();
  return { key, id };
}

/** Decodes a `[seq]` cursor: lists whose one sort key is unique (the audit log's sequence number). */
export function decodeSeqCursor(cursor: string): string {
  const [seq] = keyParts(cursor, 1) ?? refuse();
  if (seq === undefined || !/^\d{1,18}$/.test(seq)) refuse();
  return seq;
}

/** A cursor that names the order it was given out for: `[order, ...key]` (the contacts list's sorts). */
export function encodeOrderedCursor(order: string, key: readonly string[]): string {
  return encodeCursor([order, ...key]);
}

/**
 * The key of a cursor given out for `order` (`arity` strings after the order's name). A cursor of another of the
 * list's `orders` is refused with its own code, so a client that changed the order and kept the cursor learns why;
 * anything else that is not such a cursor is bad input.
 */
export function decodeOrderedCursor(cursor: string, order: string, orders: readonly string[], arity: (order: string) => number): string[] {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    refuse();
  }
  if (!Array.isArray(value) || !value.every(isKeyText)) refuse();
  const [given, ...key] = value as string[];
  if (given === undefined || !orders.includes(given) || key.length !== arity(given)) refuse();
  if (given !== order) {
    throw new AppError('TANDEM_LIST_CURSOR_MISMATCH', `This cursor was given out for the list sorted by ${given}; ask for the first page of the list sorted by ${order}.`);
  }
  return key;
}

/** Splits a `limit + 1` result into the page and the next cursor. */
export function pageOf<T>(rows: readonly T[], limit: number, keyOf: (row: T) => readonly string[]): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
