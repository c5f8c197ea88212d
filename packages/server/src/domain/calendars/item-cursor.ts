// Cursors of item lists: `[sortKey, id]` where the key is epoch milliseconds (`Infinity` for undated tasks), the start
// of the entry (an occurrence's for a series in a window), so a page resumes after the last entry it showed.
import { AppError } from '../../errors.ts';
import type { ItemCursor } from '../../storage/calendar-queries.ts';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';

export function encodeItemCursor(at: number, id: string): string {
  return encodeCursor([String(at), id]);
}

export function decodeItemCursor(cursor: string | undefined): ItemCursor | undefined {
  if (cursor === undefined) return undefined;
  const { key, id } = decodeCursor(cursor);
  const at = Number(key);
  if (key.trim() === '' || Number.isNaN(at) || at === -Infinity) throw new AppError('TANDEM_INPUT_INVALID', 'cursor: not a cursor this list gave out');
  return { at, id: id.toLowerCase() };
}

/** Entries after the cursor, in (sort key, id) order: the keyset rule in memory, for lists merged after SQL. */
export function isAfter(at: number, id: string, cursor: ItemCursor | undefined): boolean {
  return !cursor || at > cursor.at || (at === cursor.at && id > cursor.id);
}
