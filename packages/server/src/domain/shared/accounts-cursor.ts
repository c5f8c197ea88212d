// Opaque keyset cursors: base64url JSON of the last row's sort key. A cursor that does not decode is bad input.
import { AppError } from '../../errors.ts';

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): string[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === arity && key.every((k) => typeof k === 'string')) return key as string[];
  } catch {
    // fall through
  }
  throw new AppError('TANDEM_INPUT_INVALID', 'cursor: not a cursor this list gave out');
}
