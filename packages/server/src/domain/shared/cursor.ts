// Opaque keyset cursors for the contact, history and bucket lists: base64url JSON of the last row's sort key.
// A cursor that does not decode to the expected shape is bad input (400), never a silent first page.
import { AppError } from '../../errors.ts';
import { isUuid } from '../../storage/contact-queries.ts';

export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Decodes a `[sortKey, id]` cursor. */
export function decodeCursor(cursor: string): { key: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string' && isUuid(value[1])) {
      return { key: value[0], id: value[1] };
    }
  } catch {
    // fall through to the refusal
  }
  throw new AppError('TANDEM_INPUT_INVALID', 'cursor: not a cursor this list gave out');
}

/** Splits a `limit + 1` result into the page and the next cursor. */
export function pageOf<T>(rows: readonly T[], limit: number, keyOf: (row: T) => readonly string[]): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
