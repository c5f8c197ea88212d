// Marks a hot statement to run as a named prepared statement on PostgreSQL (storage/connect.ts, namingPool). The
// marker is a leading SQL comment, so the statement is the same on PGlite, where it is only a comment. Mark only
// statements whose text does not depend on the caller (parameters and `= ANY($n)` arrays, never a list of
// placeholders or a rendered policy) and whose plan does not depend on their values (primary-key and unique-key
// lookups): PostgreSQL may keep a generic plan for a named statement.
import { createHash } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';

const MARKER = /^\/\* prepared:([a-z][a-z0-9_]{0,39}) \*\//;

/** The leading comment that marks a statement; `name` is lower-case letters, digits and underscores. */
export function prepared(name: string): RawBuilder<unknown> {
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(name)) throw new Error(`prepared: bad statement name '${name}'`);
  return sql.raw(`/* prepared:${name} */`);
}

/** The statement name for a marked text (its marker and a hash of the whole text), or undefined when unmarked. */
export function preparedNameOf(text: string): string | undefined {
  const found = MARKER.exec(text);
  if (!found) return undefined;
  return `${found[1]}_${createHash('sha1').update(text).digest('hex').slice(0, 12)}`;
}
