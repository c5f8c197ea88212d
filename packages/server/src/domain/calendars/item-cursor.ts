// Cursors of item lists: `[sortKey, id]` where the key is epoch milliseconds (`Infinity` for undated tasks), the start
// of the entry (an occurrence's for a series in a window), so a page resumes after the last entry it showed.
import { AppError } from '../../errors.ts';
import type { ItemCursor } from '../../storage/calendar-queries.ts';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';

/** The instants the API takes (years 0001-9999, docs/decisions.md D15). */
const FIRST_MS = Date.parse('0001-01-01T00:00:00Z');
const LAST_MS = Date.parse('9999-12-31T23:59:59.999Z');

export function encodeItemCursor(at: number, id: string): string {
  return encodeCursor([String(at), id]);
}

export function decodeItemCursor(cursor: string | undefined): ItemCursor | undefined {
  if (cursor === undefined) return undefined;
  const { key, id } = decodeCursor(cursor);
  const at = Number(key);
  // Epoch milliseconds of an instant the API takes, or Infinity (an undated task): 1e23 was a 500 once cast to a time.
  const inRange = at === Infinity || (Number.isSafeInteger(at) && at >= FIRST_MS && at <= LAST_MS);
  if (key.trim() === '' || !inRange) throw new AppError('TANDEM_INPUT_INVALID', 'cursor: not a cursor this list gave out');
  return { at, id: id.toLowerCase() };
}

/** Entries after the cursor, in (sort key, id) order: the keyset rule in memory, for lists merged after SQL. */
export function isAfter(at: number, id: string, cursor: ItemCursor | undefined): boolean {
  return !cursor || at > cursor.at || (at === cursor.at && id > cursor.id);
}
