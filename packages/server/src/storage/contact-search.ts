// The contact list's search (issue 10, item 3; migration 0006, docs/decisions.md D23). `contacts.search_text` holds the
// name, company, e-mails and tags folded by `tandem_fold` (accents off by unaccent's rules, lower case), and the
// phones as their digits, one space between words and one at each end. `q` is folded by the same SQL function, split
// into words, and each word must occur in the text:
//   - a word of three characters or more anywhere ("fisch" in "fischer", "@xylo.example" in an e-mail), which the
//     trigram index contacts_search_idx (org_id, search_text gin_trgm_ops) answers;
//   - a word of one or two characters at the start of a word ("l" finds Lena and Laurent, not Amélie), which the same
//     index answers from its word-start trigrams ("  l");
//   - a query made only of digits and phone punctuation, with three digits or more, is one word of its digits, so
//     "919 555 0144" and "(919) 555-0144" find "+1 (919) 555-0144".
// The patterns go into every branch of the list's compiled policy (contact-page.ts): a search only narrows.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from './connect.ts';

/** Words shorter than this match at the start of a word only. */
export const INFIX_MIN_LENGTH = 3;
/** At most this many words count (the rest of a long query is ignored). */
export const MAX_SEARCH_WORDS = 8;

const PHONE_LIKE = /^[\d\s+().\-/]+$/;

function escapeLike(word: string): string {
  return word.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/**
 * The LIKE patterns over `search_text` for a query: `raw` as typed, `folded` as `tandem_fold` returned it. Empty
 * when the query has no word.
 */
export function searchPatterns(raw: string, folded: string): string[] {
  const digits = raw.replace(/\D/g, '');
  const words = PHONE_LIKE.test(raw) && digits.length >= INFIX_MIN_LENGTH ? [digits] : folded.split(' ').filter((w) => w.length > 0);
  return [...new Set(words)].slice(0, MAX_SEARCH_WORDS)
    .map((w) => (w.length >= INFIX_MIN_LENGTH ? `%${escapeLike(w)}%` : `% ${escapeLike(w)}%`));
}

/** The patterns as a condition on `c`: every one must match. */
export function searchCondition(patterns: readonly string[]): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.join(patterns.map((p) => sql`c.search_text LIKE ${p}`), sql` AND `)})`;
}

/**
 * Folded queries per database: folding is a pure function of the text and unaccent's rules, so a user paging through
 * one search folds it once. Not permission data (nothing here can outlive a change of access).
 */
const folded = new WeakMap<Db, Map<string, string>>();
const FOLD_CACHE_SIZE = 500;

/** `tandem_fold(q)`, the folding `search_text` is made with, read from the database (then remembered). */
export async function foldSearchText(db: Db, q: string): Promise<string> {
  let cache = folded.get(db);
  if (!cache) {
    cache = new Map();
    folded.set(db, cache);
  }
  const known = cache.get(q);
  if (known !== undefined) return known;
  const result = await sql<{ f: string }>`SELECT tandem_fold(${q}) AS f`.execute(db);
  const value = result.rows[0]?.f ?? '';
  if (cache.size >= FOLD_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(q, value);
  return value;
}

/** The search patterns of `q` (searchPatterns over the database's folding). */
export async function searchPatternsOf(db: Db, q: string): Promise<string[]> {
  return searchPatterns(q, await foldSearchText(db, q));
}
